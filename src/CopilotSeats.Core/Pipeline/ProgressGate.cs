using CopilotSeats.Http;

namespace CopilotSeats.Pipeline
{
    /// <summary>
    /// Lets a progress update through at most once per interval, and always the first and the final one,
    /// so a fast listing of thousands of pages does not spend its time drawing a bar.
    /// </summary>
    public sealed class ProgressGate
    {
        /// <summary>How often a bar is redrawn at most (the first and the final update always are).</summary>
        public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(200);

        private readonly IClock _clock;
        private readonly TimeSpan _interval;
        private readonly object _lock = new object();
        private DateTimeOffset? _last;

        public ProgressGate(IClock clock, TimeSpan interval)
        {
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
            _interval = interval;
        }

        /// <summary>True when this update should be shown: the first, the final, or the first after the interval.</summary>
        public bool Pass(bool final)
        {
            DateTimeOffset now = _clock.UtcNow;
            lock (_lock)
            {
                if (!final && _last is DateTimeOffset last && now - last < _interval) return false;
                _last = now;
                return true;
            }
        }
    }
}
