namespace CopilotSeats.Http
{
    /// <summary>
    /// While GitHub says we are limited, nobody sends (go-github style): every worker of every command on the connection
    /// waits at this gate until the pause ends (<see cref="ConnectionLimits"/>). The pause is shared; how long to wait
    /// is each waiter's own -MaxRateLimitWait.
    /// </summary>
    public sealed class RateLimitGate
    {
        private readonly IClock _clock;
        private readonly object _lock = new object();
        private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

        public RateLimitGate(IClock clock) { _clock = clock; }

        public DateTimeOffset PausedUntil { get { lock (_lock) return _pausedUntil; } }

        public void PauseUntil(DateTimeOffset until)
        {
            lock (_lock) if (until > _pausedUntil) _pausedUntil = until;
        }

        /// <summary>Waits out the pause; one longer than <paramref name="maxWait"/> is not waited but thrown, for <paramref name="target"/>.</summary>
        public async Task WaitAsync(TimeSpan maxWait, object? target, CancellationToken cancellationToken)
        {
            for (TimeSpan wait = Left(maxWait, target); wait > TimeSpan.Zero; wait = Left(maxWait, target))
                await _clock.Delay(wait, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>What is left of the pause now; one longer than <paramref name="maxWait"/> is thrown, for <paramref name="target"/>.</summary>
        public TimeSpan Left(TimeSpan maxWait, object? target)
        {
            DateTimeOffset until = PausedUntil;
            TimeSpan wait = until - _clock.UtcNow;
            if (wait > maxWait) throw new CopilotRateLimitException(target, until, wait, maxWait);
            return wait;
        }

        /// <summary>Waits until <paramref name="until"/>, reporting what is left each second (for Write-Progress), then that it is over.</summary>
        public async Task CountDownAsync(string reason, DateTimeOffset until, TimeSpan total, Action<RateLimitWaitInfo>? report, CancellationToken cancellationToken)
        {
            while (true)
            {
                TimeSpan left = until - _clock.UtcNow;
                if (left <= TimeSpan.Zero) break;
                report?.Invoke(new RateLimitWaitInfo(reason, until, left, total, completed: false));
                await _clock.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
            report?.Invoke(new RateLimitWaitInfo(reason, until, TimeSpan.Zero, total, completed: true));
        }
    }
}
