namespace CopilotSeats.Billing
{
    /// <summary>A seat sink that also takes the target's AI-credit usage report of this month (-IncludeCredits).</summary>
    public interface ICreditSink
    {
        void AddCredits(CreditUsageReport report);
    }
}
