using System.Globalization;
using CopilotSeats.Simulator.Api;

namespace CopilotSeats.Simulator.Middleware;

/// <summary>
/// x-ratelimit-limit/-remaining/-used/-reset/-resource on every written answer: an hour's window per token
/// (5,000; 60 without a token) on the simulator's clock. An answer's own values (a primary rate limit) win.
/// </summary>
internal sealed class RateHeadersStep : IStep
{
    private readonly SimulatorState _state;
    private readonly Dictionary<string, (long WindowStart, int Used)> _counters = new();

    public RateHeadersStep(SimulatorState state) => _state = state;

    public void Reset()
    {
        lock (_counters) _counters.Clear();
    }

    public async Task<Answer> InvokeAsync(ApiCall call, StepDelegate next)
    {
        var answer = await next(call).ConfigureAwait(false);
        if (answer.Fault is "drop") return answer; // nothing is written
        string? token = call.Token;
        string key = token is null ? "anonymous" : SimulatorState.TokenKey(token);
        long windowStart;
        int used;
        lock (_counters)
        {
            long now = _state.Clock.GetUtcNow().ToUnixTimeSeconds();
            (long WindowStart, int Used) counter = _counters.TryGetValue(key, out var c) && now - c.WindowStart < 3600 ? c : (now, 0);
            counter.Used++;
            _counters[key] = counter;
            (windowStart, used) = counter;
        }
        int limit = token is null ? 60 : 5000;
        return answer.WithDefaultHeaders(new Dictionary<string, string>
        {
            ["x-ratelimit-limit"] = limit.ToString(CultureInfo.InvariantCulture),
            ["x-ratelimit-remaining"] = Math.Max(0, limit - used).ToString(CultureInfo.InvariantCulture),
            ["x-ratelimit-used"] = used.ToString(CultureInfo.InvariantCulture),
            ["x-ratelimit-reset"] = (windowStart + 3600).ToString(CultureInfo.InvariantCulture),
            ["x-ratelimit-resource"] = "core",
        });
    }
}
