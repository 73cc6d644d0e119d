using CopilotSeats.Simulator.Api;

namespace CopilotSeats.Simulator.Pipeline;

/// <summary>
/// X-OAuth-Scopes (the token's scopes; empty without a token or with a bad one) and X-Accepted-OAuth-Scopes
/// (the matched route's; empty without a route) on every written answer, faults included.
/// </summary>
internal sealed class ScopeHeadersStep : IStep
{
    public async Task<Answer> InvokeAsync(ApiCall call, StepDelegate next)
    {
        var answer = await next(call).ConfigureAwait(false);
        if (answer.Fault is "drop") return answer;
        string? token = call.Token;
        bool known = token != null && !SimTokens.IsBad(token);
        return answer.WithDefaultHeaders(new Dictionary<string, string>
        {
            ["X-OAuth-Scopes"] = known ? string.Join(", ", SimTokens.ScopesOf(token!)) : "",
            ["X-Accepted-OAuth-Scopes"] = call.Match?.Route.Accepted ?? "",
        });
    }
}
