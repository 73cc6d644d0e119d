using System.Text.Json.Serialization;

namespace CopilotSeats.Simulator;

/// <summary>Fault injection settings (README: "Fault settings"). Replaced as a whole.</summary>
public sealed class FaultSettings
{
    public int LatencyMs { get; set; }
    public int LatencyJitterMs { get; set; }
    public double ErrorRate { get; set; }
    public int[] ErrorStatuses { get; set; } = { 502, 503 };
    public double DropRate { get; set; }
    public double DropMidBodyRate { get; set; }
    public RateLimitFault RateLimit { get; set; } = new();
    public ScriptedFault[] Script { get; set; } = Array.Empty<ScriptedFault>();
    public int EnforceConcurrency { get; set; }
    public int EnforcePointsPerMinute { get; set; }
}

public sealed class RateLimitFault
{
    /// <summary>none, retry-after-429, retry-after-403, secondary-403, secondary-429, primary.</summary>
    public string Kind { get; set; } = "none";
    public int Times { get; set; } = 1;
    public int RetryAfterSeconds { get; set; }
    public int ResetInSeconds { get; set; } = 60;
}

public sealed class ScriptedFault
{
    public string? Method { get; set; }
    public string? PathContains { get; set; }
    /// <summary>HTTP status to answer, or 0 to drop the connection.</summary>
    public int Status { get; set; }
    public int Times { get; set; } = 1;
}

/// <summary>One API request as the simulator saw it. Never holds the token.</summary>
public sealed class LoggedRequest
{
    public long Sequence { get; init; }
    public string Method { get; init; } = "";
    public string Path { get; init; } = "";
    public string Query { get; init; } = "";
    public string? Body { get; init; }
    public int Status { get; set; }
    public DateTimeOffset StartedAt { get; init; }
    public double DurationMs { get; set; }
    public bool HadAuthorization { get; init; }
    public string? UserAgent { get; init; }
    public string? ApiVersion { get; init; }
    public string? Fault { get; set; }
}

/// <summary>Thread-safe request log.</summary>
public sealed class RequestLog
{
    private readonly List<LoggedRequest> _entries = new();
    private long _sequence;

    public IReadOnlyList<LoggedRequest> Snapshot()
    {
        lock (_entries) return _entries.ToList();
    }

    public void Clear()
    {
        lock (_entries) _entries.Clear();
    }

    internal LoggedRequest Add(Func<long, LoggedRequest> create)
    {
        lock (_entries)
        {
            var entry = create(++_sequence);
            _entries.Add(entry);
            return entry;
        }
    }
}

/// <summary>What /_simulator/stats reports.</summary>
public sealed class SimulatorStats
{
    public long TotalRequests { get; init; }
    public int MaxConcurrent { get; init; }
    public Dictionary<string, int> MaxPointsPerMinute { get; init; } = new();
}

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
