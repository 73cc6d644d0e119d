using System.Globalization;
using CopilotSeats.Simulator.Api;

namespace CopilotSeats.Simulator.Middleware;

/// <summary>
/// Fault injection and GitHub's secondary limits, in this order: concurrency (counted on arrival), latency,
/// points per minute per endpoint, the rateLimit fault, scripted faults, then random error / drop / mid-body
/// drop (seeded RNG). Holds the settings in force and their "times" counters.
/// </summary>
internal sealed class FaultStep : IStep
{
    private readonly object _lock = new();
    private readonly LimitTracker _limits;
    private readonly SimulatorState _state;
    private FaultSettings _faults;
    private Random _random;
    private int _rateLimitLeft;
    private int[] _scriptLeft = Array.Empty<int>();

    public FaultStep(FaultSettings faults, int seed, LimitTracker limits, SimulatorState state)
    {
        _limits = limits;
        _state = state;
        _faults = faults;
        _random = new Random(seed);
        ApplyCounters(faults);
    }

    /// <summary>Fault settings in force; setting them restarts their counters (times).</summary>
    public FaultSettings Settings
    {
        get { lock (_lock) return _faults; }
        set { lock (_lock) { _faults = value ?? new FaultSettings(); ApplyCounters(_faults); } }
    }

    /// <summary>No faults, and the RNG reseeded.</summary>
    public void Reset(int seed)
    {
        lock (_lock)
        {
            _faults = new FaultSettings();
            _random = new Random(seed);
            ApplyCounters(_faults);
        }
    }

    private void ApplyCounters(FaultSettings faults)
    {
        _rateLimitLeft = faults.RateLimit?.Kind is null or "none" ? 0 : Math.Max(0, faults.RateLimit.Times);
        _scriptLeft = (faults.Script ?? Array.Empty<ScriptedFault>()).Select(s => Math.Max(0, s.Times)).ToArray();
    }

    private static string QueryOf(ApiCall call) => call.Http.Request.QueryString.Value?.TrimStart('?') ?? "";

    private static Dictionary<string, string> RetryAfter(int seconds) => new() { ["retry-after"] = seconds.ToString(CultureInfo.InvariantCulture) };

    public async Task<Answer> InvokeAsync(ApiCall call, StepDelegate next)
    {
        FaultSettings faults = Settings;
        // GitHub counts concurrent requests as they arrive: the excess is refused at once.
        if (faults.EnforceConcurrency > 0 && call.InFlight > faults.EnforceConcurrency)
            return Answer.Error(403, GitHubMessages.SecondaryRateLimit, "concurrency limit", RetryAfter(60));

        if (faults.LatencyMs > 0 || faults.LatencyJitterMs > 0)
        {
            int jitter;
            lock (_lock) jitter = faults.LatencyJitterMs > 0 ? _random.Next(faults.LatencyJitterMs + 1) : 0;
            await Task.Delay(faults.LatencyMs + jitter, call.Aborted).ConfigureAwait(false);
        }

        // The endpoint key (route template) is what GitHub's per-endpoint limit counts.
        if (!_limits.Spend(call.Endpoint, call.Method == "GET" ? 1 : 5, faults.EnforcePointsPerMinute, _state.Clock.GetUtcNow()))
            return Answer.Error(403, GitHubMessages.SecondaryRateLimit, "points limit", RetryAfter(60));

        string? rateKind = null;
        int scriptIndex = -1;
        bool randomError = false, drop = false, dropMid = false;
        int randomStatus = 502;
        lock (_lock)
        {
            // The settings may have been replaced during the latency: read them with their counters.
            faults = _faults;
            if (_rateLimitLeft > 0) { _rateLimitLeft--; rateKind = faults.RateLimit.Kind; }
            var script = faults.Script ?? Array.Empty<ScriptedFault>();
            for (int i = 0; i < script.Length && rateKind is null; i++)
            {
                if (_scriptLeft[i] <= 0) continue;
                if (script[i].Method != null && !string.Equals(script[i].Method, call.Method, StringComparison.OrdinalIgnoreCase)) continue;
                if (script[i].PathContains != null && !call.RawPath.Contains(script[i].PathContains!, StringComparison.OrdinalIgnoreCase)) continue;
                if (script[i].QueryContains != null && !QueryOf(call).Contains(script[i].QueryContains!, StringComparison.OrdinalIgnoreCase)) continue;
                _scriptLeft[i]--;
                scriptIndex = i;
                break;
            }
            if (rateKind is null && scriptIndex < 0)
            {
                if (faults.ErrorRate > 0 && _random.NextDouble() < faults.ErrorRate)
                {
                    randomError = true;
                    var statuses = faults.ErrorStatuses is { Length: > 0 } s ? s : new[] { 502, 503 };
                    randomStatus = statuses[_random.Next(statuses.Length)];
                }
                else if (faults.DropRate > 0 && _random.NextDouble() < faults.DropRate) drop = true;
                else if (faults.DropMidBodyRate > 0 && _random.NextDouble() < faults.DropMidBodyRate) dropMid = true;
            }
        }

        if (rateKind != null) return RateLimited(rateKind, faults.RateLimit);
        if (scriptIndex >= 0)
        {
            ScriptedFault scripted = faults.Script![scriptIndex];
            string message = scripted.Message?.Replace("{authorization}", call.Http.Request.Headers.Authorization.ToString(), StringComparison.Ordinal)
                ?? GitHubMessages.ForStatus(scripted.Status);
            if (scripted.AfterApplied)
            {
                await next(call).ConfigureAwait(false); // applied; the answer never leaves
                return scripted.Status == 0 ? Answer.Drop() with { Fault = "drop after applied" }
                    : Answer.Error(scripted.Status, message, $"script {scripted.Status} after applied");
            }
            return scripted.Status == 0 ? Answer.Drop() : Answer.Error(scripted.Status, message, "script " + scripted.Status);
        }
        if (randomError) return Answer.Error(randomStatus, GitHubMessages.ForStatus(randomStatus), "random " + randomStatus);
        if (drop) return Answer.Drop();

        Answer real = await next(call).ConfigureAwait(false);
        real = WithLinkOrigin(real, call.BaseUrl, faults.LinkOrigin);
        return dropMid && real.Body != null ? real with { Fault = "drop mid-body" } : real;
    }

    /// <summary>The Link header on another origin (linkOrigin: GitHub's own examples point at api.github.com, so do proxies and mocks).</summary>
    private static Answer WithLinkOrigin(Answer answer, string baseUrl, string? origin)
    {
        if (string.IsNullOrWhiteSpace(origin) || answer.Headers is null || !answer.Headers.TryGetValue("Link", out string? link)) return answer;
        var headers = new Dictionary<string, string>(answer.Headers) { ["Link"] = link.Replace("<" + baseUrl + "/", "<" + origin!.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase) };
        return answer with { Headers = headers };
    }

    private Answer RateLimited(string kind, RateLimitFault f) => kind switch
    {
        "retry-after-429" => Answer.Error(429, GitHubMessages.SecondaryRateLimit, kind, RetryAfter(f.RetryAfterSeconds)),
        "retry-after-403" => Answer.Error(403, GitHubMessages.SecondaryRateLimit, kind, RetryAfter(f.RetryAfterSeconds)),
        "secondary-429" => Answer.Error(429, GitHubMessages.SecondaryRateLimit, kind),
        "secondary-403" => Answer.Error(403, GitHubMessages.SecondaryRateLimit, kind),
        _ => Answer.Error(403, GitHubMessages.PrimaryRateLimit, "primary", new()
        {
            ["x-ratelimit-remaining"] = "0",
            ["x-ratelimit-reset"] = _state.Clock.GetUtcNow().AddSeconds(f.ResetInSeconds).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        }),
    };
}
