using CopilotSeats.Simulator.Api;

namespace CopilotSeats.Simulator.Middleware;

/// <summary>
/// X-Accepted-OAuth-Scopes (the matched route's; empty without a route or where GitHub documents no classic scope) on every written answer, faults
/// included, and X-OAuth-Scopes: the scopes of a classic or OAuth token (empty without a token or with a
/// refused one); GitHub sends none for fine-grained, installation or JWT credentials.
/// </summary>
internal sealed class ScopeHeadersStep : IStep
{
    private readonly SimulatorState _state;

    public ScopeHeadersStep(SimulatorState state) => _state = state;

    public async Task<Answer> InvokeAsync(ApiCall call, StepDelegate next)
    {
        var answer = await next(call).ConfigureAwait(false);
        if (answer.Fault is "drop") return answer;
        string? token = call.Token;
        // A fault can answer before the token was looked at: identify it here then (no side effects).
        var identity = call.Identity ?? (token is null ? null : _state.Apps.Identify(token, _state.Clock.GetUtcNow()).Identity);
        var headers = new Dictionary<string, string> { ["X-Accepted-OAuth-Scopes"] = call.Match?.Route.AcceptedHeader ?? "" };
        if (identity is null) headers["X-OAuth-Scopes"] = "";
        else if (identity.HasScopes) headers["X-OAuth-Scopes"] = string.Join(", ", identity.Scopes);
        return answer.WithDefaultHeaders(headers);
    }
}
