namespace CopilotSeats.Simulator.Middleware;

/// <summary>
/// The primary rate limit per token: an hour's window (5,000 requests; 60 without a token) on the simulator's clock.
/// <see cref="RateHeadersStep"/> counts every written answer in it; GET /rate_limit reads it without counting.
/// </summary>
internal sealed class RateWindows(SimulatorState state)
{
    private readonly Dictionary<string, (long WindowStart, int Used)> _counters = new();

    public void Reset()
    {
        lock (_counters) _counters.Clear();
    }

    /// <summary>Counts one request of <paramref name="token"/> (null: none) and answers the window after it.</summary>
    public RateWindow Count(string? token) => Read(token, count: true);

    /// <summary>The window of <paramref name="token"/> as it stands (GitHub: reading /rate_limit is not counted).</summary>
    public RateWindow Peek(string? token) => Read(token, count: false);

    private RateWindow Read(string? token, bool count)
    {
        string key = token is null ? "anonymous" : SimulatorState.TokenKey(token);
        int limit = token is null ? 60 : 5000;
        lock (_counters)
        {
            long now = state.Clock.GetUtcNow().ToUnixTimeSeconds();
            (long WindowStart, int Used) counter = _counters.TryGetValue(key, out var c) && now - c.WindowStart < 3600 ? c : (now, 0);
            if (count)
            {
                counter.Used++;
                _counters[key] = counter;
            }
            return new RateWindow(limit, counter.Used, counter.WindowStart + 3600);
        }
    }
}

/// <summary>One window: the limit, the requests used in it, and when it resets (Unix seconds).</summary>
internal sealed record RateWindow(int Limit, int Used, long Reset)
{
    public int Remaining => Math.Max(0, Limit - Used);
}
