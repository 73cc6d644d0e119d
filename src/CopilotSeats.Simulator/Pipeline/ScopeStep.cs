using CopilotSeats.Auth;
using CopilotSeats.Simulator.Api;

namespace CopilotSeats.Simulator.Pipeline;

/// <summary>
/// The classic-token scope check, with Core's rule (<see cref="OAuthScopes"/>): a token without any scope
/// gets 404 (GitHub hides what it cannot see), a token without one of the route's accepted scopes gets 403
/// "Resource not accessible by personal access token". Unknown routes pass on (the router answers 404), and so
/// do routes that accept no scopes.
/// </summary>
internal sealed class ScopeStep : IStep
{
    public Task<Answer> InvokeAsync(ApiCall call, StepDelegate next)
    {
        if (call.Match is null) return next(call);
        var accepted = OAuthScopes.Parse(call.Match.Route.Accepted);
        if (accepted.Count == 0) return next(call);
        string[] scopes = SimTokens.ScopesOf(call.Token!);
        if (scopes.Length == 0) return Task.FromResult(Answer.Error(404, "Not Found"));
        if (!OAuthScopes.AnyCovered(scopes, accepted))
            return Task.FromResult(Answer.Error(403, "Resource not accessible by personal access token"));
        return next(call);
    }
}
