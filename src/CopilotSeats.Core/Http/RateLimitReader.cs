using System.Globalization;
using System.Text;

namespace CopilotSeats.Http
{
    /// <summary>A rate-limit answer: how long GitHub asks us to wait, why, and when the limit resets.</summary>
    internal sealed class RateLimitHit
    {
        public RateLimitHit(TimeSpan wait, string reason, DateTimeOffset resetsAt)
        {
            Wait = wait; Reason = reason; ResetsAt = resetsAt;
        }

        public TimeSpan Wait { get; }
        public string Reason { get; }
        public DateTimeOffset ResetsAt { get; }
    }

    /// <summary>
    /// Reads GitHub's rate-limit answers (403/429): retry-after first, then an exhausted primary limit
    /// (x-ratelimit-remaining 0, wait until x-ratelimit-reset plus a second), then a secondary limit
    /// without hints, which waits SecondaryLimitWait doubled for each limit in a row (at most 32 times); answers to requests
    /// in flight while a limit's wait is on are that limit, not the next.
    /// </summary>
    internal sealed class RateLimitReader
    {
        private readonly IClock _clock;
        private readonly TimeSpan _secondaryLimitWait;
        private readonly SecondaryStreak _streak;

        /// <param name="streak">The connection's run of secondary limits (<see cref="ConnectionLimits"/>): a command that meets one
        /// right after another command's continues its back-off; a streak of its own when none is given.</param>
        public RateLimitReader(IClock clock, TimeSpan secondaryLimitWait, SecondaryStreak? streak = null)
        {
            _clock = clock;
            _secondaryLimitWait = secondaryLimitWait;
            _streak = streak ?? new SecondaryStreak();
        }

        /// <summary>How long GitHub asks us to wait, or null when the answer is not a rate limit.</summary>
        public RateLimitHit? Read(ApiResponse response)
        {
            if (response.Status != 403 && response.Status != 429) return null;
            DateTimeOffset now = _clock.UtcNow;
            string? retryAfter = response.Header("retry-after");
            if (retryAfter != null)
            {
                TimeSpan wait;
                if (int.TryParse(retryAfter, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seconds)) wait = TimeSpan.FromSeconds(Math.Max(0, seconds));
                else if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at)) wait = at > now ? at - now : TimeSpan.Zero;
                else wait = _secondaryLimitWait;
                return new RateLimitHit(wait, $"GitHub asked to retry after {wait.TotalSeconds:0} s ({response.Status})", now + wait);
            }
            if (response.IntHeader("x-ratelimit-remaining") == 0)
            {
                int? reset = response.IntHeader("x-ratelimit-reset");
                DateTimeOffset at = reset.HasValue ? DateTimeOffset.FromUnixTimeSeconds(reset.Value) : now + _secondaryLimitWait;
                TimeSpan wait = at > now ? at - now + TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(1);
                return new RateLimitHit(wait, $"primary rate limit exhausted; it resets at {at.ToUniversalTime():HH:mm:ss} UTC", at);
            }
            string body = response.Body.Length > 0 ? Encoding.UTF8.GetString(response.Body) : string.Empty;
            if (response.Status == 429 || body.IndexOf("rate limit", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                TimeSpan wait = _streak.Next(now, _secondaryLimitWait);
                return new RateLimitHit(wait, $"secondary rate limit ({response.Status}); backing off {wait.TotalSeconds:0} s", now + wait);
            }
            return null;
        }

        /// <summary>A success ends a run of secondary limits: the next one waits the base time again.</summary>
        public void Succeeded() => _streak.Reset();
    }

    /// <summary>
    /// A run of secondary rate limits without hints on one connection, shared by its commands: how many in a row, and when
    /// the last one's wait ends. Answers that come back while that wait is on (requests sent in parallel with, or during,
    /// it) are the same limit: they wait its remainder and do not double the back-off again.
    /// </summary>
    internal sealed class SecondaryStreak
    {
        private readonly object _lock = new object();
        private int _count;
        private DateTimeOffset _ends = DateTimeOffset.MinValue;

        /// <summary>The wait for a limit met at <paramref name="now"/>: the last one's remainder while it is on, else <paramref name="baseWait"/> doubled per limit in a row (at most 32 times).</summary>
        public TimeSpan Next(DateTimeOffset now, TimeSpan baseWait)
        {
            lock (_lock)
            {
                if (now < _ends) return _ends - now;
                _count++;
                TimeSpan wait = TimeSpan.FromTicks((long)(baseWait.Ticks * Math.Pow(2, Math.Min(_count - 1, 5))));
                _ends = now + wait;
                return wait;
            }
        }

        /// <summary>A success ends the run.</summary>
        public void Reset()
        {
            lock (_lock)
            {
                _count = 0;
                _ends = DateTimeOffset.MinValue;
            }
        }
    }
}
