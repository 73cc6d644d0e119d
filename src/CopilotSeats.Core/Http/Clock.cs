namespace CopilotSeats.Http
{
    /// <summary>Time source for waits and budgets; a fake one makes rate-limit tests take no real time.</summary>
    public interface IClock
    {
        DateTimeOffset UtcNow { get; }
        Task Delay(TimeSpan delay, CancellationToken cancellationToken);
    }

    public sealed class SystemClock : IClock
    {
        public static readonly SystemClock Instance = new SystemClock();
        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
        public Task Delay(TimeSpan delay, CancellationToken cancellationToken) =>
            delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, cancellationToken);
    }

    /// <summary>Reported while the engine waits out a rate limit (for a Write-Progress countdown).</summary>
    public sealed class RateLimitWaitInfo
    {
        public RateLimitWaitInfo(string reason, DateTimeOffset until, TimeSpan remaining, TimeSpan total, bool completed)
        {
            Reason = reason; Until = until; Remaining = remaining; Total = total; Completed = completed;
        }
        public string Reason { get; }
        public DateTimeOffset Until { get; }
        public TimeSpan Remaining { get; }
        public TimeSpan Total { get; }
        /// <summary>True on the last report, when the wait is over.</summary>
        public bool Completed { get; }
    }
}
