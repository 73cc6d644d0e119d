namespace CopilotSeats.Simulator.Middleware;

/// <summary>Per-endpoint sliding 60-second windows of points (GET 1, others 5), and concurrency.</summary>
internal sealed class LimitTracker
{
    private readonly object _lock = new();
    private readonly Dictionary<string, Queue<(DateTimeOffset At, int Points)>> _windows = new();
    private readonly Dictionary<string, int> _sums = new();
    private readonly Dictionary<string, int> _max = new();
    private int _inFlight;
    private int _maxConcurrent;
    private long _total;

    public int Enter()
    {
        lock (_lock)
        {
            _total++;
            _inFlight++;
            if (_inFlight > _maxConcurrent) _maxConcurrent = _inFlight;
            return _inFlight;
        }
    }

    /// <summary>Requests being served now (this one included).</summary>
    public int InFlight { get { lock (_lock) return _inFlight; } }

    public void Leave()
    {
        lock (_lock) _inFlight--;
    }

    /// <summary>Adds the request's points unless that would pass <paramref name="limit"/> (0 = no limit); returns whether it was admitted.</summary>
    public bool Spend(string endpoint, int points, int limit, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_windows.TryGetValue(endpoint, out var q)) { q = new(); _windows[endpoint] = q; _sums[endpoint] = 0; }
            while (q.Count > 0 && q.Peek().At <= now.AddMinutes(-1)) _sums[endpoint] -= q.Dequeue().Points;
            if (limit > 0 && _sums[endpoint] + points > limit) return false;
            q.Enqueue((now, points));
            _sums[endpoint] += points;
            _max[endpoint] = Math.Max(_max.GetValueOrDefault(endpoint), _sums[endpoint]);
            return true;
        }
    }

    public SimulatorStats Stats()
    {
        lock (_lock) return new SimulatorStats { TotalRequests = _total, MaxConcurrent = _maxConcurrent, MaxPointsPerMinute = new Dictionary<string, int>(_max) };
    }

    public void Reset()
    {
        lock (_lock)
        {
            _windows.Clear(); _sums.Clear(); _max.Clear(); _maxConcurrent = 0; _total = 0;
        }
    }
}
