using System.Text.Json.Nodes;
using CopilotSeats.Simulator.Routing;

namespace CopilotSeats.Simulator.Api;

/// <summary>The read operations: org details, seat listings (org and enterprise), member lookups.</summary>
internal sealed class SeatReads(SimulatorState state)
{
    public Answer OrgDetail(RouteRequest request)
    {
        var org = request.Owner!;
        DateTimeOffset cycleStart = state.Now.AddDays(-30);
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
        bool enterprise = owner.Kind == OwnerKind.Enterprise;
        List<SeatRecord> rows = state.RowsLocked(owner);
        var paging = Paging.Of(request, rows.Count, defaultPerPage: 50);
        var links = new Links(request.BaseUrl);
        int total = !enterprise ? rows.Count : rows.Select(r => r.Login).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var seats = new JsonArray();
        foreach (var seat in paging.Slice(rows)) seats.Add(links.Seat(seat, state, withOrganization: enterprise));
        return new Answer(200, new JsonObject { ["total_seats"] = total, ["seats"] = seats }, paging.Headers());
    }

    public Answer OrgMember(RouteRequest request)
    {
        var (org, login, links) = (request.Owner!, request["username"], new Links(request.BaseUrl));
        if (org.PendingInvites.Contains(login))
            return Answer.Error(422, "User has a pending organization invitation; Copilot seat details are available once the invitation is accepted.");
        var seat = org.Seats.FirstOrDefault(s => string.Equals(s.Login, login, StringComparison.OrdinalIgnoreCase));
        if (seat is null) return Answer.Error(404, "Not Found");
        return new Answer(200, links.Seat(seat, state, withOrganization: false));
    }

    public Answer EnterpriseMember(RouteRequest request)
    {
        var (login, links) = (request["username"], new Links(request.BaseUrl));
        var rows = state.RowsLocked(request.Owner!).Where(s => string.Equals(s.Login, login, StringComparison.OrdinalIgnoreCase)).ToList();
        if (rows.Count == 0) return Answer.Error(404, "Not Found");
        var seats = new JsonArray();
        foreach (var r in rows) seats.Add(links.Seat(r, state, withOrganization: true));
        return new Answer(200, new JsonObject { ["total_seats"] = 1, ["seats"] = seats });
    }
}
