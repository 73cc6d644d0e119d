namespace CopilotSeats.Http
{
    /// <summary>
    /// One request's wait for the points budget, reported as a rate-limit wait is: a verbose line when it begins, then
    /// <see cref="CopilotClientOptions.RateLimitWait"/> at each tick of the budget (the cmdlet's countdown bar) and once
    /// more, completed, when the request may go. A pause under a second gets the verbose line only.
    /// </summary>
    internal sealed class BudgetCountdown
    {
        private readonly string _endpoint;
        private readonly CopilotClientOptions _options;
        private string? _reason;
        private DateTimeOffset _until;
        private TimeSpan _total;
        private bool _shown;

        public BudgetCountdown(string endpoint, CopilotClientOptions options)
        {
            _endpoint = endpoint;
            _options = options;
        }

        /// <summary>The budget's onWait: <paramref name="remaining"/> until the request may go.</summary>
        public void Report(TimeSpan remaining)
        {
            if (_reason is null)
            {
                _reason = $"pacing {_endpoint} under {_options.PointsPerMinute} points per minute";
                _options.Verbose?.Invoke($"Budget: pausing {_endpoint} for {remaining.TotalSeconds:0.0} s to stay under {_options.PointsPerMinute} points per minute.");
            }
            if (remaining > _total) _total = remaining; // other commands can spend meanwhile and lengthen the wait
            // No bar for a pause under a second: as a long pause ends, many requests each wait a moment for the next spend to leave.
            if (_total < TimeSpan.FromSeconds(1)) return;
            _shown = true;
            _until = _options.Clock.UtcNow + remaining;
            _options.RateLimitWait?.Invoke(new RateLimitWaitInfo(_reason, _until, remaining, _total, completed: false));
        }

        /// <summary>After the budget let the request go: closes the countdown, if one was shown.</summary>
        public void Finish()
        {
            if (_shown) _options.RateLimitWait?.Invoke(new RateLimitWaitInfo(_reason!, _until, TimeSpan.Zero, _total, completed: true));
        }
    }
}
