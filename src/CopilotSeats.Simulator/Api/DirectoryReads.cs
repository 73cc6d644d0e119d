using System.Text.Json.Nodes;
using CopilotSeats.Simulator.Routing;

namespace CopilotSeats.Simulator.Api;

/// <summary>
/// The lists argument completion reads: the token's organizations (GET /user/orgs), an org's teams and an
/// enterprise's teams. Plain JSON arrays, paged with per_page/page and a Link header like GitHub's lists.
/// </summary>
internal sealed class DirectoryReads(SimulatorState state)
{
    /// <summary>Every simulated organization (the simulator's token belongs to all of them), by name.</summary>
    public Answer UserOrgs(RouteRequest request)
    {
        var links = new Links(request.BaseUrl);
        var items = state.Orgs.Values.OrderBy(o => o.Id).Select(o => (JsonNode)links.Organization(o)).ToList();
        return Paged(items, request);
    }

    public Answer OrgTeams(RouteRequest request)
    {
        var (org, links) = (request.Owner!, new Links(request.BaseUrl));
        return Paged(org.Teams.Values.OrderBy(t => t.Id).Select(t => (JsonNode)links.Team(org.Name, t)).ToList(), request);
    }

    /// <summary>
    /// An org team's members (GET /orgs/{org}/teams/{team_slug}/members): simple-user objects, 30 a page by default,
    /// 404 for a team the org does not have. The reference set of a desired-state plan (Compare-CopilotSeat).
    /// </summary>
    public Answer TeamMembers(RouteRequest request)
    {
        var (org, links) = (request.Owner!, new Links(request.BaseUrl));
        if (!org.Teams.TryGetValue(request["team_slug"], out var team)) return Answer.Error(404, "Not Found");
        return Paged(team.Members.Select(login => (JsonNode)links.User(login, state.UserId(login))).ToList(), request);
    }

    public Answer EnterpriseTeams(RouteRequest request)
    {
        var (ent, links) = (request.Owner!, new Links(request.BaseUrl));
        return Paged(ent.Teams.Values.OrderBy(t => t.Id).Select(t => (JsonNode)links.EnterpriseTeam(ent.Name, t, state.SeededAt)).ToList(), request);
    }

    internal static Answer Paged(List<JsonNode> items, RouteRequest request)
    {
        var paging = Paging.Of(request, items.Count, defaultPerPage: 30);
        var array = new JsonArray();
        foreach (var item in paging.Slice(items)) array.Add(item);
        return new Answer(200, array, paging.Headers());
    }
}
