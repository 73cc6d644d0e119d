namespace CopilotSeats.Http
{
    /// <summary>Attempts, rate-limit waits and redirects of one request so far (<see cref="RequestEngine"/>).</summary>
    internal sealed class RetryState
    {
        public int Attempt;
        public int RateLimited;
        public int Redirected;
        public bool Renewed;
        /// <summary>Whether an attempt's answer (a 5xx, none) left open whether GitHub applied the request.</summary>
        public bool Unclear;
        /// <summary>When the last attempt's answer (or failure) came (null: none yet; a failure before the first is <see cref="RequestNotSent"/>).</summary>
        public DateTimeOffset? SentAt;
        public bool Sent => SentAt.HasValue;
    }
}
