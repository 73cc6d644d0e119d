using System.Globalization;
using CopilotSeats.Simulator.Api;

namespace CopilotSeats.Simulator.Middleware;

/// <summary>
/// x-ratelimit-limit/-remaining/-used/-reset/-resource on every written answer: the token's window in
/// <see cref="RateWindows"/> (an hour, 5,000; 60 without a token). An answer's own values (a primary rate limit)
/// win. GET /rate_limit is not counted (GitHub: "does not count against your REST API rate limit").
/// </summary>
internal sealed class RateHeadersStep(RateWindows windows) : IStep
{
    public async Task<Answer> InvokeAsync(ApiCall call, StepDelegate next)
    {
        var answer = await next(call).ConfigureAwait(false);
        if (answer.Fault is "drop") return answer; // nothing is written
        bool free = call.Match?.Route.Template == RateLimitReads.Template && answer.Status == 200;
        RateWindow window = free ? windows.Peek(call.Token) : windows.Count(call.Token);
        if (free) answer = answer with { Body = RateLimitReads.Overview(window, call.ApiVersion) };
        return answer.WithDefaultHeaders(new Dictionary<string, string>
        {
            ["x-ratelimit-limit"] = window.Limit.ToString(CultureInfo.InvariantCulture),
            ["x-ratelimit-remaining"] = window.Remaining.ToString(CultureInfo.InvariantCulture),
            ["x-ratelimit-used"] = window.Used.ToString(CultureInfo.InvariantCulture),
            ["x-ratelimit-reset"] = window.Reset.ToString(CultureInfo.InvariantCulture),
            ["x-ratelimit-resource"] = "core",
        });
    }
}
