using CopilotSeats.Simulator.Api;
using Microsoft.AspNetCore.Http;

namespace CopilotSeats.Simulator.Routing;

/// <summary>Matches requests to the routes of <see cref="RouteTable"/> and serves them.</summary>
internal sealed class ApiRouter
{
    private readonly SimulatorState _state;

    public ApiRouter(SimulatorState state, IEnumerable<ApiRoute> routes)
    {
        _state = state;
        Routes = routes.ToList();
        var twice = Routes.GroupBy(r => r.Method + " " + r.Template).FirstOrDefault(g => g.Count() > 1);
        if (twice != null) throw new ArgumentException($"Route {twice.Key} is declared twice.");
    }

    public IReadOnlyList<ApiRoute> Routes { get; }

    /// <summary>
    /// The first route with this method whose template fits the decoded segments; null when none does. A known
    /// path with another method is null too: GitHub answers both with 404 Not Found.
    /// </summary>
    public RouteMatch? Match(string method, string[]? segments)
    {
        if (segments is null) return null;
        foreach (var route in Routes)
            if (string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase) && route.MatchPath(segments) is { } match)
                return match;
        return null;
    }

    /// <summary>Serves a match under the state's lock: 404 without a match or when the path names an unknown org or enterprise.</summary>
    public Answer Dispatch(RouteMatch? match, string method, IQueryCollection query, string? body, string baseUrl, Apps.Identity? caller = null, string? apiVersion = null, IHeaderDictionary? headers = null)
    {
        if (match is null) return Answer.Error(404, "Not Found");
        lock (_state.Sync)
        {
            SeatOwner? owner = null;
            if (ApiRoute.OwnerParameter(match.Route.Scope) is { } parameter)
            {
                var kind = match.Route.Scope == RouteScope.Enterprise ? OwnerKind.Enterprise : OwnerKind.Organization;
                owner = _state.Owner(kind, match.Values[parameter]);
                if (owner is null) return Answer.Error(404, "Not Found");
            }
            return match.Route.Handler(new RouteRequest(method, match, owner, query, body, baseUrl, caller, apiVersion ?? ApiVersions.Default, headers));
        }
    }
}
