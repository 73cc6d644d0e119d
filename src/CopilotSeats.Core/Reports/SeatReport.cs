using CopilotSeats.Summary;

namespace CopilotSeats.Reports
{
    /// <summary>The columns of the days-inactive histogram, in the order the page shows them.</summary>
    public enum InactivityBucket
    {
        /// <summary>Last activity 0 to 7 whole days ago.</summary>
        Days0To7,
        /// <summary>8 to 30 days.</summary>
        Days8To30,
        /// <summary>31 to 60 days.</summary>
        Days31To60,
        /// <summary>61 to 90 days.</summary>
        Days61To90,
        /// <summary>91 days or more.</summary>
        Over90,
        /// <summary>No LastActivityAt: never used, or idle long enough for GitHub to clear it.</summary>
        NeverUsed,
    }

    /// <summary>One bar of a chart: a label (an editor, organization, team or histogram column) and a count of seats.</summary>
    public sealed class ReportBar
    {
        public ReportBar(string label, int count, string? key = null)
        {
            Label = label ?? throw new ArgumentNullException(nameof(label));
            Count = count;
            Key = key ?? label;
        }

        /// <summary>What the page shows under or beside the bar.</summary>
        public string Label { get; }
        /// <summary>A stable name for the bar (the histogram's "0-7" ...; the label elsewhere).</summary>
        public string Key { get; }
        public int Count { get; }
    }

    /// <summary>A row of the reclaimable-seat table: an inactive, directly granted seat not pending cancellation.</summary>
    public sealed class ReclaimableSeat(CopilotSeat seat, int? daysInactive, decimal monthlyPrice)
    {
        public string? Login { get; } = seat.Login;
        /// <summary>The organization of the grant; the enterprise for an enterprise-level grant.</summary>
        public string? GrantedIn { get; } = string.IsNullOrEmpty(seat.Organization) ? seat.Enterprise : seat.Organization;
        public string? PlanType { get; } = seat.PlanType;
        public DateTimeOffset? CreatedAt { get; } = seat.CreatedAt;
        public DateTimeOffset? LastActivityAt { get; } = seat.LastActivityAt;
        /// <summary>The editor of the last activity (the part before the first '/'); null without one.</summary>
        public string? Editor { get; } = EditorOf(seat);
        /// <summary>Whole days since the last use (activity, else creation); null when the seat has neither date.</summary>
        public int? DaysInactive { get; } = daysInactive;
        /// <summary>The -Price of its plan type (0 when the price table does not list it).</summary>
        public decimal MonthlyPrice { get; } = monthlyPrice;

        private static string? EditorOf(CopilotSeat seat)
        {
            string editor = SeatSummarizer.EditorOf(seat.LastActivityEditor);
            return editor == SeatSummarizer.NoneGroup ? null : editor;
        }
    }

    /// <summary>Everything the HTML page shows: figures and aggregates only, plus the reclaimable rows.</summary>
    public sealed class SeatReport
    {
        /// <summary>What was reported on: "organization x", "enterprise y", or for piped seats the organizations/enterprises seen.</summary>
        public string Target { get; set; } = string.Empty;
        /// <summary>The moment DaysInactive was counted to (UTC).</summary>
        public DateTimeOffset GeneratedAt { get; set; }
        public int InactiveDays { get; set; }
        public IReadOnlyDictionary<string, decimal> Prices { get; set; } = new Dictionary<string, decimal>();
        public string Currency { get; set; } = string.Empty;
        /// <summary>The headline figures: exactly what Measure-CopilotSeat gives for the same seats, -InactiveDays and -Price.</summary>
        public CopilotSeatSummary Summary { get; set; } = new CopilotSeatSummary();
        /// <summary>Seats per <see cref="InactivityBucket"/>, every bucket present, in bucket order.</summary>
        public IReadOnlyList<ReportBar> Histogram { get; set; } = Array.Empty<ReportBar>();
        public IReadOnlyList<ReportBar> ByEditor { get; set; } = Array.Empty<ReportBar>();
        public IReadOnlyList<ReportBar> ByOrganization { get; set; } = Array.Empty<ReportBar>();
        public IReadOnlyList<ReportBar> ByTeam { get; set; } = Array.Empty<ReportBar>();
        /// <summary>Distinct organizations seen (the page shows the organization chart when there are two or more).</summary>
        public int OrganizationCount { get; set; }
        /// <summary>Sorted as <see cref="SeatReportBuilder"/> documents.</summary>
        public IReadOnlyList<ReclaimableSeat> Reclaimable { get; set; } = Array.Empty<ReclaimableSeat>();
        /// <summary>The warning about plan types -Price does not list, or null.</summary>
        public string? UnknownPlanWarning { get; set; }
        /// <summary>With -IncludeCredits, the warning about plans with no known AI-credit allowance, or null.</summary>
        public string? NoAllowanceWarning { get; set; }
        /// <summary>The AI-credit section (-IncludeCredits), or null: then the page says savings assume no pooled credits.</summary>
        public CreditSection? Credits { get; set; }
        /// <summary>-IncludeCredits was given: with no <see cref="Credits"/>, the report could not be read (its error was written).</summary>
        public bool CreditsAsked { get; set; }
    }

    /// <summary>The AI credits of this month beside the seats: the pool figures are the summary's, the rest is here.</summary>
    public sealed class CreditSection
    {
        /// <summary>Inactive users not pending cancellation: whose seats ReclaimSavingUsd is about.</summary>
        public int ReclaimableUsers { get; set; }
        /// <summary>Credits used this month per model and per product (whole credits, largest first).</summary>
        public IReadOnlyList<ReportBar> ByModel { get; set; } = Array.Empty<ReportBar>();
        public IReadOnlyList<ReportBar> ByProduct { get; set; } = Array.Empty<ReportBar>();
        /// <summary>The 10 users with the most credits in the usage report (a metrics signal); empty without usage.</summary>
        public IReadOnlyList<ReportBar> TopUsers { get; set; } = Array.Empty<ReportBar>();
    }
}
