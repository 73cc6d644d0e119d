namespace CopilotSeats.Billing
{
    /// <summary>A seat sink that also takes the target's AI-credit usage report of this month (-IncludeCredits).</summary>
    public interface ICreditSink
    {
        /// <summary>The one clock of the run: seats' inactivity, the report's month and the projection all use it.</summary>
        DateTimeOffset Now { get; }

        void AddCredits(CreditUsageReport report);
    }

    public static class CreditSinks
    {
        /// <summary>The query of this month's report for <paramref name="sink"/>: the month of the sink's clock, not another reading of it.</summary>
        public static CreditUsageQuery CurrentMonthQuery(this ICreditSink sink, SeatScope scope) => new CreditUsageQuery(scope, CreditPeriod.CurrentMonth(sink.Now));
    }
}
