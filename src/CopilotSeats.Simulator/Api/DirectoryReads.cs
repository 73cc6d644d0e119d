using System.Globalization;
using System.Text.Json.Nodes;
using CopilotSeats.Simulator.Routing;
using Microsoft.AspNetCore.Http;

namespace CopilotSeats.Simulator.Api;

/// <summary>
/// The lists argument completion reads: the token's organizations (GET /user/orgs), an org's teams and an
/// enterprise's teams. Plain JSON arrays, paged with per_page/page and a Link header like GitHub's lists.
/// </summary>
internal sealed class DirectoryReads
{
    private readonly SimulatorState _state;
    public DirectoryReads(SimulatorState state) => _state = state;

    /// <summary>Every simulated organization (the simulator's token belongs to all of them), by name.</summary>
    public Answer UserOrgs(RouteRequest request)
    {
        var links = new Links(request.BaseUrl);
        var items = _state.Orgs.Values.OrderBy(o => o.Id).Select(o => (JsonNode)links.Organization(o)).ToList();
        return Paged(items, request);
    }

    public Answer OrgTeams(RouteRequest request)
    {
        var (org, links) = (request.Owner!, new Links(request.BaseUrl));
        return Paged(org.Teams.Values.OrderBy(t => t.Id).Select(t => (JsonNode)links.Team(org.Name, t)).ToList(), request);
    }

    public Answer EnterpriseTeams(RouteRequest request)
    {
        var (ent, links) = (request.Owner!, new Links(request.BaseUrl));
        return Paged(ent.Teams.Values.OrderBy(t => t.Id).Select(t => (JsonNode)links.EnterpriseTeam(ent.Name, t, _state.SeededAt)).ToList(), request);
    }

    internal static Answer Paged(List<JsonNode> items, RouteRequest request)
    {
        int perPage = ParseInt(request.Query["per_page"], 30);
        if (perPage < 1) perPage = 30;
        if (perPage > 100) perPage = 100;
        int page = Math.Max(1, ParseInt(request.Query["page"], 1));
        int lastPage = Math.Max(1, (items.Count + perPage - 1) / perPage);
        var array = new JsonArray();
        foreach (var item in items.Skip((page - 1) * perPage).Take(perPage)) array.Add(item);
        string path = request.BaseUrl + "/" + string.Join("/", request.Match.Segments.Select(Uri.EscapeDataString));
        string Url(int p) => $"{path}?per_page={perPage}&page={p}";
        var rels = new List<string>();
        if (page > 1) rels.Add($"<{Url(Math.Min(page - 1, lastPage))}>; rel=\"prev\"");
        if (page < lastPage) rels.Add($"<{Url(page + 1)}>; rel=\"next\"");
        if (page < lastPage) rels.Add($"<{Url(lastPage)}>; rel=\"last\"");
        if (page > 1) rels.Add($"<{Url(1)}>; rel=\"first\"");
        var headers = new Dictionary<string, string>();
        if (rels.Count > 0) headers["Link"] = string.Join(", ", rels);
        return new Answer(200, array, headers);
    }

    private static int ParseInt(Microsoft.Extensions.Primitives.StringValues value, int fallback) =>
        int.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : fallback;
}
