namespace CopilotSeats
{
    /// <summary>
    /// One usage item of GitHub's AI-credit usage report (Get-CopilotCreditUsage): flat, scalar properties for Export-Csv.
    /// Quantities are AI credits, amounts USD (1 credit = 0.01 USD). Gross is all use, Discount the part covered by the
    /// pool of included credits (or other discounts), Net the billed overage: Gross - Discount = Net. These are billed
    /// figures, unlike a seat's UsageAiCreditsUsed (a metrics signal).
    /// </summary>
    public sealed class CopilotCreditUsage
    {
        public int Year { get; set; }
        /// <summary>The report's month: the month asked, else GitHub's echo, else the month of the request (GitHub's default).</summary>
        public int? Month { get; set; }
        /// <summary>The report's day (-Day), else null.</summary>
        public int? Day { get; set; }
        public string? Organization { get; set; }
        public string? Enterprise { get; set; }
        /// <summary>The user asked for (-UserName), else null: the report covers everyone.</summary>
        public string? UserName { get; set; }
        /// <summary>The cost center GitHub echoed (-CostCenterId), else null.</summary>
        public string? CostCenter { get; set; }
        public string? Product { get; set; }
        public string? Sku { get; set; }
        public string? Model { get; set; }
        public string? UnitType { get; set; }
        public decimal PricePerUnit { get; set; }
        public decimal GrossQuantity { get; set; }
        public decimal GrossAmount { get; set; }
        public decimal DiscountQuantity { get; set; }
        public decimal DiscountAmount { get; set; }
        public decimal NetQuantity { get; set; }
        public decimal NetAmount { get; set; }

        public override string ToString() => $"{Model} {GrossQuantity} credits";
    }
}
