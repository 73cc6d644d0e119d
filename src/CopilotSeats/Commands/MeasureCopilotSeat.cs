using CopilotSeats.Summary;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Measure-CopilotSeat: seat counts and monthly cost of piped seats, or of an organization or
    /// enterprise it lists itself; one summary, or one per group with -GroupBy. The arithmetic is
    /// Core's <see cref="SeatSummarizer"/>; only counters per unique user and group are kept.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "CopilotSeat", DefaultParameterSetName = OrganizationSet)]
    [OutputType(typeof(CopilotSeatSummary))]
    public sealed class MeasureCopilotSeatCommand : CopilotSeatConsumerCmdlet
    {
        /// <summary>One summary per organization, team, editor or plan type.</summary>
        [Parameter]
        [ValidateSet("Organization", "Team", "Editor", "PlanType", IgnoreCase = true)]
        public string? GroupBy { get; set; }

        protected override void BeginProcessing()
        {
            if (GroupBy != null && WantsCredits)
                ThrowTerminatingError(ErrorRecords.From(new CopilotException("CopilotSeats.CreditsWithGroupBy", CopilotErrorCategory.InvalidArgument, GroupBy,
                    "-IncludeCredits (or -IncludedCredits, which implies it) gives figures of the whole target's pool, which -GroupBy would split.") { RecommendedAction = "Run Measure-CopilotSeat -IncludeCredits without -GroupBy." }));
            base.BeginProcessing();
        }

        protected override ISeatSink CreateSink(SeatScope? scope)
        {
            SeatGrouping grouping = GroupBy is null ? SeatGrouping.None : (SeatGrouping)Enum.Parse(typeof(SeatGrouping), GroupBy, ignoreCase: true);
            var summarizer = new SeatSummarizer(InactiveDays, Prices, Currency, grouping, DateTimeOffset.UtcNow, scope?.Name);
            if (Allowances != null) summarizer.CreditAllowances = Allowances;
            return summarizer;
        }

        protected override void Complete(ISeatSink sink)
        {
            var summarizer = (SeatSummarizer)sink;
            foreach (string? warning in new[] { summarizer.UnknownPlanWarning(), summarizer.NoAllowanceWarning() })
                if (warning != null) WriteWarning(warning);
            foreach (CopilotSeatSummary summary in summarizer.Complete()) WriteObject(summary);
        }
    }
}
