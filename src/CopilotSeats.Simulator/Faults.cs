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
    /// <summary>When set (e.g. "https://api.github.com"), Link headers point at this origin instead of the simulator's own host.</summary>
    public string? LinkOrigin { get; set; }
    /// <summary>Usage metrics reports: link lifetime, gzip, slow downloads, a malformed line, 204 days, policy off.</summary>
    public UsageSettings Usage { get; set; } = new();
    public Budgets.BudgetSettings Budgets { get; set; } = new();
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
    /// <summary>Matches only requests whose query string (without '?') contains this, e.g. "page=3".</summary>
    public string? QueryContains { get; set; }
    /// <summary>HTTP status to answer, or 0 to drop the connection.</summary>
    public int Status { get; set; }
    /// <summary>Handle the request first (a change is applied), then drop the connection (status 0) or answer the status instead.</summary>
    public bool AfterApplied { get; set; }
    public int Times { get; set; } = 1;
    /// <summary>The error body's message instead of GitHub's; <c>{authorization}</c> in it becomes the request's Authorization header (a server that echoes the credential).</summary>
    public string? Message { get; set; }
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
