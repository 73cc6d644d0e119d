namespace CopilotSeats.Billing
{
    /// <summary>A month's AI-credit usage of a target, summed over the report's items.</summary>
    public sealed class CreditTotals
    {
        /// <summary>All use (gross quantity), in credits.</summary>
        public decimal Used { get; set; }
        /// <summary>Covered by the pool or other discounts (discount quantity), in credits.</summary>
        public decimal Covered { get; set; }
        /// <summary>Billed overage (net amount), in USD.</summary>
        public decimal NetUsd { get; set; }

        public static CreditTotals Of(IEnumerable<CopilotCreditUsage> items)
        {
            var totals = new CreditTotals();
            foreach (CopilotCreditUsage item in items)
            {
                totals.Used += item.GrossQuantity;
                totals.Covered += item.DiscountQuantity;
                totals.NetUsd += item.NetAmount;
            }
            return totals;
        }
    }

    /// <summary>
    /// The AI-credit pool of a billing entity (BILLING.md): each seat brings its plan's monthly allowance into one shared
    /// pool, use beyond it is overage at 0.01 USD a credit, and a cancelled seat shrinks the pool from the next cycle.
    /// GitHub publishes no pool size, so the pool is an estimate from the seats, but never less than what GitHub did
    /// cover this month (the report's discount quantity proves at least that pool), and billed overage proves the pool
    /// used up: then the pool is exactly what GitHub covered.
    /// </summary>
    public static class CreditPool
    {
        public const decimal UsdPerCredit = 0.01m;

        /// <summary>GitHub's included AI credits per user per month: Copilot Business 1,900, Copilot Enterprise 3,900.</summary>
        public static IReadOnlyDictionary<string, decimal> Allowances { get; } = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase)
        {
            ["business"] = 1900m,
            ["enterprise"] = 3900m,
        };

        /// <summary>Month to date scaled to the whole month (UTC), counting at least one day elapsed.</summary>
        public static decimal Project(decimal used, DateTimeOffset now)
        {
            DateTime utc = now.UtcDateTime;
            var start = new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            double elapsed = Math.Max(1.0, (utc - start).TotalDays);
            decimal days = DateTime.DaysInMonth(utc.Year, utc.Month);
            return Math.Round(used * days / (decimal)Math.Min(elapsed, (double)days), 2);
        }

        /// <summary>The pool the figures use: <paramref name="included"/>, at least the covered credits; the covered credits when overage was billed.</summary>
        public static decimal Size(decimal included, CreditTotals usage) => usage.NetUsd > 0 ? usage.Covered : Math.Max(included, usage.Covered);

        /// <summary>
        /// Sets the pool figures of <paramref name="summary"/> (Measure-CopilotSeat -IncludeCredits); its InactiveMonthlyCost is
        /// the price of the reclaimable inactive seats.
        /// </summary>
        /// <param name="included">The estimated pool: per unique user, the allowance of their highest plan.</param>
        /// <param name="reclaimableCredits">The allowances of the reclaimable inactive users.</param>
        /// <param name="usage">The report's month-to-date totals.</param>
        /// <param name="now">Where in the month the report stands.</param>
        /// <param name="leavingCredits">The allowances of the users whose seats are all pending cancellation: they leave the pool
        /// at the next cycle, so the saving (a saving of the cycles to come) is counted against the pool without them.</param>
        public static void Apply(CopilotSeatSummary summary, decimal included, decimal reclaimableCredits, CreditTotals usage, DateTimeOffset now, decimal leavingCredits = 0)
        {
            decimal projected = Project(usage.Used, now);
            decimal pool = Size(included, usage);
            decimal overNow = Over(projected, pool);
            // The saving is the next cycle's: the pool resets to the full amount then (BILLING.md), so it is the estimate (at
            // least what GitHub covered), not this month's pool cut to the covered credits by billed overage (a prorated month).
            decimal next = Math.Max(0, Math.Max(included, usage.Covered) - leavingCredits);
            decimal extra = Over(projected, Math.Max(0, next - reclaimableCredits)) - Over(projected, next);
            summary.IncludedCredits = included;
            summary.CreditsUsed = usage.Used;
            summary.CoveredCredits = usage.Covered;
            summary.OverageUsd = usage.NetUsd;
            summary.ProjectedCredits = projected;
            summary.PoolUtilisation = pool > 0 ? Math.Round(projected / pool, 4) : (decimal?)null;
            summary.ProjectedOverageUsd = overNow;
            summary.ReclaimSavingUsd = Math.Max(0, summary.InactiveMonthlyCost - extra);
        }

        /// <summary>USD of the use beyond the pool.</summary>
        private static decimal Over(decimal credits, decimal pool) => Math.Round(Math.Max(0, credits - pool) * UsdPerCredit, 2);
    }
}
