using CopilotSeats.Simulator.Api;
using Microsoft.AspNetCore.Http;

namespace CopilotSeats.Simulator.Routing;

/// <summary>Whose name a route's path carries: an organization ("{org}"), an enterprise ("{enterprise}") or neither.</summary>
internal enum RouteScope { None, Organization, Enterprise }

/// <summary>Serves a matched request (called under <see cref="SimulatorState.Sync"/>).</summary>
internal delegate Answer RouteHandler(RouteRequest request);

/// <summary>A matched request as a handler sees it.</summary>
/// <param name="Owner">The org or enterprise named in the path (null for <see cref="RouteScope.None"/>); it exists.</param>
/// <param name="Caller">Who the token is (<see cref="Apps.Identity"/>), for the handlers that depend on it (the App endpoints).</param>
/// <param name="ApiVersion">The X-GitHub-Api-Version asked for (2022-11-28 when none was sent), for the answers that differ by version.</param>
internal sealed record RouteRequest(string Method, RouteMatch Match, SeatOwner? Owner, IQueryCollection Query, string? Body, string BaseUrl, Apps.Identity? Caller = null,
    string ApiVersion = ApiVersions.Default, IHeaderDictionary? Headers = null)
{
    /// <summary>Whether the request asked for REST API version 2026-03-10 (or later): its breaking changes apply.</summary>
    public bool Since20260310 => string.CompareOrdinal(ApiVersion, ApiVersions.V20260310) >= 0;

    /// <summary>The token of the Authorization header (as <see cref="Middleware.ApiCall.Token"/>), or null.</summary>
    public string? Token => Middleware.SimTokens.TokenOf(Headers?.Authorization.FirstOrDefault());

    /// <summary>A path parameter's decoded value, e.g. request["username"].</summary>
    public string this[string parameter] => Match.Values[parameter];
}

/// <summary>A route matched to a path: the route and the decoded values of its {parameters}.</summary>
internal sealed record RouteMatch(ApiRoute Route, IReadOnlyDictionary<string, string> Values, string[] Segments);

/// <summary>
/// One endpoint: method, template ("/orgs/{org}/copilot/billing/seats"), scope, the OAuth scopes GitHub
/// accepts for it (as X-Accepted-OAuth-Scopes names them) and its handler. Literal segments match exactly
/// (after percent-decoding); "{name}" matches any one segment.
/// </summary>
internal sealed class ApiRoute
{
    private readonly string?[] _literals; // null where the template has a parameter
    private readonly string[] _names;     // parameter names, "" for literals

    public ApiRoute(string method, string template, RouteScope scope, string accepted, RouteHandler handler)
    {
        Method = method.ToUpperInvariant();
        Template = template;
        Scope = scope;
        Accepted = accepted;
        Handler = handler;
        string[] parts = template.Trim('/').Split('/');
        _literals = new string?[parts.Length];
        _names = new string[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            bool parameter = parts[i].Length > 2 && parts[i][0] == '{' && parts[i][^1] == '}';
            _literals[i] = parameter ? null : parts[i];
            _names[i] = parameter ? parts[i][1..^1] : "";
        }
        string? ownerParameter = OwnerParameter(scope);
        if (ownerParameter != null && !_names.Contains(ownerParameter))
            throw new ArgumentException($"Route {Method} {template}: a {scope} route needs a {{{ownerParameter}}} parameter.", nameof(template));
    }

    public string Method { get; }
    public string Template { get; }
    public RouteScope Scope { get; }
    /// <summary>Accepted OAuth scopes, comma-separated ("manage_billing:copilot, read:org"); "" when none apply.</summary>
    public string Accepted { get; }
    /// <summary>
    /// The X-Accepted-OAuth-Scopes sent: <see cref="Accepted"/>, or "" where GitHub documents no classic scope (the
    /// billing routes: GitHub sends the header empty there) and the simulator only assumes one.
    /// </summary>
    public string AcceptedHeader => ScopesDocumented ? Accepted : "";
    public bool ScopesDocumented { get; private init; } = true;
    public RouteHandler Handler { get; }

    /// <summary>The same route with its classic scopes assumed, not documented: checked, but not named in X-Accepted-OAuth-Scopes.</summary>
    public ApiRoute WithAssumedScopes() => new(Method, Template, Scope, Accepted, Handler) { ScopesDocumented = false };

    /// <summary>The path parameter that names the route's owner: "org", "enterprise", or null.</summary>
    public static string? OwnerParameter(RouteScope scope) => scope switch
    {
        RouteScope.Organization => "org",
        RouteScope.Enterprise => "enterprise",
        _ => null,
    };

    /// <summary>The parameter values when the decoded path segments fit the template (whatever the method); else null.</summary>
    public RouteMatch? MatchPath(string[] segments)
    {
        if (segments.Length != _literals.Length) return null;
        Dictionary<string, string>? values = null;
        for (int i = 0; i < segments.Length; i++)
        {
            if (_literals[i] is { } literal)
            {
                if (!string.Equals(literal, segments[i], StringComparison.Ordinal)) return null;
            }
            else (values ??= new(StringComparer.Ordinal))[_names[i]] = segments[i];
        }
        return new RouteMatch(this, values ?? new Dictionary<string, string>(), segments);
    }
}
