using CopilotSeats.Simulator.Api;
using CopilotSeats.Simulator.Apps;
using CopilotSeats.Simulator.Routing;

namespace CopilotSeats.Simulator.Middleware;

/// <summary>
/// What GitHub checks before anything else: a User-Agent (403 without), a token (401 "Requires
/// authentication"; "sim_bad…", an unknown, expired or revoked installation token: 401 "Bad credentials";
/// a JWT that does not verify: 401 with GitHub's message), a supported X-GitHub-Api-Version (400), and the
/// kind of credential the route takes (the App endpoints take the App's JWT, every other route a token).
/// </summary>
internal sealed class AuthStep : IStep
{
    private static readonly string[] Versions = { "2022-11-28", "2026-03-10" };
    private readonly SimulatorState _state;

    public AuthStep(SimulatorState state) => _state = state;

    public Task<Answer> InvokeAsync(ApiCall call, StepDelegate next)
    {
        var headers = call.Http.Request.Headers;
        if (string.IsNullOrEmpty(headers.UserAgent.FirstOrDefault()))
            return Task.FromResult(Answer.Error(403, "Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required)."));
        string? token = call.Token;
        if (token is null) return Task.FromResult(Answer.Error(401, "Requires authentication"));
        var (identity, refusal) = _state.Apps.Identify(token, _state.Clock.GetUtcNow());
        if (identity is null) return Task.FromResult(Answer.Error(401, refusal ?? "Bad credentials"));
        // GitHub: a JWT must come as "Authorization: Bearer" (tokens may also use the "token" scheme).
        if (identity.Kind == TokenKind.AppJwt && !call.Authorization!.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(Answer.Error(401, JwtVerifier.Undecodable));
        call.Identity = identity;
        string? version = headers["X-GitHub-Api-Version"].FirstOrDefault();
        if (version != null && !Versions.Contains(version))
            return Task.FromResult(Answer.Error(400, $"API version '{version}' is not supported."));
        if (call.Match is { } match)
        {
            bool jwtRoute = AppAccess.NeedsJwt(match.Route);
            if (jwtRoute && identity.Kind != TokenKind.AppJwt)
                return Task.FromResult(Answer.Error(401, JwtVerifier.Undecodable));
            if (!jwtRoute && identity.Kind == TokenKind.AppJwt)
                return Task.FromResult(Answer.Error(403, identity.NotAccessible));
        }
        return next(call);
    }
}
