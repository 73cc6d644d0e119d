namespace CopilotSeats.Http
{
    /// <summary>
    /// Client-side share of GitHub's secondary limit: at most N points per endpoint in any
    /// 60-second window (GET 1 point, mutations 5). Callers wait (on the injected clock) until
    /// the oldest spend leaves the window. The window is held one second longer than GitHub's
    /// minute: our send times and GitHub's arrival times differ by the network latency, and a
    /// request admitted at exactly 60.0 s here can arrive before GitHub's window has moved.
    /// Thread-safe: every engine of the process on the same API and credential spends from one (<see cref="ConnectionLimits"/>).
    /// </summary>
    public sealed class EndpointBudget
    {
        internal static readonly TimeSpan Window = TimeSpan.FromSeconds(61);
        private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
        private readonly int _pointsPerWindow;
        private readonly IClock _clock;
        private readonly Dictionary<string, Queue<(DateTimeOffset At, int Points)>> _spent = new Dictionary<string, Queue<(DateTimeOffset, int)>>(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _totals = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly object _lock = new object();

        public EndpointBudget(int pointsPerWindow, IClock clock)
        {
            _pointsPerWindow = pointsPerWindow;
            _clock = clock;
        }

        public async Task AcquireAsync(string endpoint, int points, CancellationToken cancellationToken, Action<TimeSpan>? onWait = null)
        {
            if (_pointsPerWindow <= 0) return;
            while (true)
            {
                TimeSpan wait;
                lock (_lock)
                {
                    DateTimeOffset now = _clock.UtcNow;
                    if (!_spent.TryGetValue(endpoint, out var queue))
                    {
                        queue = new Queue<(DateTimeOffset, int)>();
                        _spent[endpoint] = queue;
                        _totals[endpoint] = 0;
                    }
                    while (queue.Count > 0 && queue.Peek().At + Window <= now)
                        _totals[endpoint] -= queue.Dequeue().Points;
                    if (_totals[endpoint] + points <= _pointsPerWindow || queue.Count == 0)
                    {
                        queue.Enqueue((now, points));
                        _totals[endpoint] += points;
                        return;
                    }
                    // Wait until enough of the oldest spends leave the window.
                    int needed = _totals[endpoint] + points - _pointsPerWindow;
                    DateTimeOffset until = now;
                    foreach (var spend in queue)
                    {
                        needed -= spend.Points;
                        until = spend.At + Window;
                        if (needed <= 0) break;
                    }
                    wait = until - now;
                }
                onWait?.Invoke(wait);
                // A second at a time, so that onWait can count down.
                TimeSpan step = wait < Tick ? wait : Tick;
                await _clock.Delay(step < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : step, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
