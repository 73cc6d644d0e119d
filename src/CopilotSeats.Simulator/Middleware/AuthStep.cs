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
    private readonly SimulatorState _state;

    public AuthStep(SimulatorState state) => _state = state;

    /// <summary>
    /// GitHub's 400 to an X-GitHub-Api-Version it does not support. The message is the one observed (API-VERSIONS.md,
    /// [I79]: the header's name, the version sent, then the supported versions, the newest marked "(most recent)");
    /// the list of two versions, newest first, and the JSON body with GitHub's documentation_url are assumed.
    /// </summary>
    public static Answer UnsupportedVersion(string version) => new(400, new System.Text.Json.Nodes.JsonObject
    {
        ["message"] = $"The version you specified in the \"X-GitHub-API-Version\" request header, \"{version}\", is not a supported version. "
            + "The following versions are currently supported: "
            + string.Join(", ", Enumerable.Reverse(ApiVersions.Supported).Select((v, i) => i == 0 ? $"\"{v}\" (most recent)" : $"\"{v}\"")) + ".",
        ["documentation_url"] = "https://docs.github.com/rest",
        ["status"] = "400",
    });

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
        if (version != null && !ApiVersions.Supported.Contains(version))
            return Task.FromResult(UnsupportedVersion(version));
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
