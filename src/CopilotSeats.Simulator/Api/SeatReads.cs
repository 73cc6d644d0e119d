using System.Globalization;
using System.Text.Json.Nodes;
using CopilotSeats.Simulator.Routing;
using Microsoft.AspNetCore.Http;

namespace CopilotSeats.Simulator.Api;

/// <summary>The read operations: org details, seat listings (org and enterprise), member lookups.</summary>
internal sealed class SeatReads
{
    private readonly SimulatorState _state;
    public SeatReads(SimulatorState state) => _state = state;

    public Answer OrgDetail(RouteRequest request)
    {
        var org = request.Owner!;
        DateTimeOffset cycleStart = _state.Now.AddDays(-30);
        int total = org.Seats.Count;
        int active = org.Seats.Count(s => s.LastActivityAt >= cycleStart);
        return new Answer(200, new JsonObject
        {
            ["seat_breakdown"] = new JsonObject
            {
                ["total"] = total,
                ["added_this_cycle"] = org.Seats.Count(s => s.CreatedAt >= cycleStart),
                ["pending_invitation"] = org.PendingInvites.Count,
                ["pending_cancellation"] = org.Seats.Count(s => s.PendingCancellationDate != null),
                ["active_this_cycle"] = active,
                ["inactive_this_cycle"] = total - active,
            },
            ["seat_management_setting"] = org.Setting,
            ["ide_chat"] = "enabled",
            ["platform_chat"] = "enabled",
            ["cli"] = "enabled",
            ["public_code_suggestions"] = "block",
            ["plan_type"] = org.PlanType,
        });
    }

    /// <summary>An org's or an enterprise's seats (enterprise: one row per grant, users counted once).</summary>
    public Answer ListSeats(RouteRequest request)
    {
        var owner = request.Owner!;
        return Page(_state.RowsLocked(owner), request.Query, new Links(request.BaseUrl), request.BaseUrl, request.Match.Segments, owner.Kind == OwnerKind.Enterprise);
    }

    private Answer Page(List<SeatRecord> rows, IQueryCollection query, Links links, string baseUrl, string[] segments, bool enterprise)
    {
        int perPage = ParseInt(query["per_page"], 50);
        if (perPage < 1) perPage = 50;
        if (perPage > 100) perPage = 100;
        int page = ParseInt(query["page"], 1);
        if (page < 1) page = 1;
        int lastPage = Math.Max(1, (rows.Count + perPage - 1) / perPage);
        var pageRows = rows.Skip((page - 1) * perPage).Take(perPage).ToList();
        int total = !enterprise ? rows.Count : rows.Select(r => r.Login).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var seats = new JsonArray();
        foreach (var seat in pageRows) seats.Add(links.Seat(seat, _state, withOrganization: enterprise));
        var headers = new Dictionary<string, string>();
        string path = baseUrl + "/" + string.Join("/", segments.Select(Uri.EscapeDataString));
        string Url(int p) => $"{path}?per_page={perPage}&page={p}";
        var rels = new List<string>();
        if (page > 1) rels.Add($"<{Url(Math.Min(page - 1, lastPage))}>; rel=\"prev\"");
        if (page < lastPage) rels.Add($"<{Url(page + 1)}>; rel=\"next\"");
        if (page < lastPage) rels.Add($"<{Url(lastPage)}>; rel=\"last\"");
        if (page > 1) rels.Add($"<{Url(1)}>; rel=\"first\"");
        if (rels.Count > 0) headers["Link"] = string.Join(", ", rels);
        return new Answer(200, new JsonObject { ["total_seats"] = total, ["seats"] = seats }, headers);
    }

    public Answer OrgMember(RouteRequest request)
    {
        var (org, login, links) = (request.Owner!, request["username"], new Links(request.BaseUrl));
        if (org.PendingInvites.Contains(login))
            return Answer.Error(422, "User has a pending organization invitation; Copilot seat details are available once the invitation is accepted.");
        var seat = org.Seats.FirstOrDefault(s => string.Equals(s.Login, login, StringComparison.OrdinalIgnoreCase));
        if (seat is null) return Answer.Error(404, "Not Found");
        return new Answer(200, links.Seat(seat, _state, withOrganization: false));
    }

    public Answer EnterpriseMember(RouteRequest request)
    {
        var (login, links) = (request["username"], new Links(request.BaseUrl));
        var rows = _state.RowsLocked(request.Owner!).Where(s => string.Equals(s.Login, login, StringComparison.OrdinalIgnoreCase)).ToList();
        if (rows.Count == 0) return Answer.Error(404, "Not Found");
        var seats = new JsonArray();
        foreach (var r in rows) seats.Add(links.Seat(r, _state, withOrganization: true));
        return new Answer(200, new JsonObject { ["total_seats"] = 1, ["seats"] = seats });
    }

    private static int ParseInt(Microsoft.Extensions.Primitives.StringValues value, int fallback) =>
        int.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : fallback;
}
