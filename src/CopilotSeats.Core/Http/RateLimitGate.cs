namespace CopilotSeats.Http
{
    /// <summary>
    /// While GitHub says we are limited, nobody sends (go-github style): every worker waits at
    /// this gate until the pause ends.
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

        public async Task WaitAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                TimeSpan wait = PausedUntil - _clock.UtcNow;
                if (wait <= TimeSpan.Zero) return;
                await _clock.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
