using CopilotSeats.Auth;
using CopilotSeats.Simulator.Api;
using CopilotSeats.Simulator.Apps;
using CopilotSeats.Simulator.Routing;

namespace CopilotSeats.Simulator.Middleware;

/// <summary>
/// What the token may do on the route. Classic and OAuth tokens, with Core's rule (<see cref="OAuthScopes"/>):
/// no scope at all gets 404 (GitHub hides what it cannot see), no accepted scope 403 "Resource not accessible by
/// personal access token". Installation and fine-grained tokens (<see cref="AppAccess"/>): a route that refuses
/// them, or a missing permission, gets 403 "Resource not accessible by integration" (or "... by personal access
/// token") with X-Accepted-GitHub-Permissions; an installation token on another account than its installation's
/// gets 404. Unknown routes pass on (the router answers 404); the JWT routes were settled by <see cref="AuthStep"/>.
/// </summary>
internal sealed class ScopeStep : IStep
{
    public Task<Answer> InvokeAsync(ApiCall call, StepDelegate next)
    {
        if (call.Match is null) return next(call);
        // Any token may read its own rate limit.
        if (call.Match.Route.Template == RateLimitReads.Template) return next(call);
        Identity identity = call.Identity!;
        if (identity.Kind == TokenKind.AppJwt) return next(call);
        if (!identity.HasScopes)
        {
            Answer? refused = PermissionCheck(call, identity);
            return refused != null ? Task.FromResult(refused) : next(call);
        }
        var accepted = OAuthScopes.Parse(call.Match.Route.Accepted);
        if (accepted.Count == 0) return next(call);
        var scopes = identity.Scopes;
        if (scopes.Count == 0) return Task.FromResult(Answer.Error(404, "Not Found"));
        if (!OAuthScopes.AnyCovered(scopes, accepted))
            return Task.FromResult(Answer.Error(403, "Resource not accessible by personal access token"));
        return next(call);
    }

    /// <summary>The refusal for an installation or fine-grained token, or null when it may call the route.</summary>
    private static Answer? PermissionCheck(ApiCall call, Identity identity)
    {
        var route = call.Match!.Route;
        string? permission = AppAccess.PermissionFor(route);
        if (permission is null || (identity.Kind == TokenKind.FineGrained && AppAccess.AppsOnly(route))) return Answer.Error(403, identity.NotAccessible);
        if (identity.Installation is { } installation && ApiRoute.OwnerParameter(route.Scope) is { } parameter)
        {
            var kind = route.Scope == RouteScope.Enterprise ? OwnerKind.Enterprise : OwnerKind.Organization;
            // An organization installation has no enterprise permissions: GitHub answers 403 (APPS-ENTERPRISE.md, [BS]).
            if (installation.TargetKind == OwnerKind.Organization && kind == OwnerKind.Enterprise)
                return Answer.Error(403, identity.NotAccessible);
            if (installation.TargetKind != kind || !string.Equals(installation.Account, call.Match.Values[parameter], StringComparison.OrdinalIgnoreCase))
                return Answer.Error(404, "Not Found");
        }
        string needed = call.Method == "GET" ? "read" : "write";
        identity.Permissions.TryGetValue(permission, out string? granted);
        bool allowed = granted == "write" || granted == "admin" || (granted == "read" && needed == "read");
        return allowed ? null : Answer.Error(403, identity.NotAccessible, headers: new Dictionary<string, string>
        {
            ["X-Accepted-GitHub-Permissions"] = permission + "=" + needed,
        });
    }
}
