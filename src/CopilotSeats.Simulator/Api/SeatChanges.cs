using System.Text.Json.Nodes;
using CopilotSeats.Simulator.Routing;

namespace CopilotSeats.Simulator.Api;

/// <summary>The changes: add or cancel seats for users and for (enterprise) teams, on an org or an enterprise.</summary>
internal sealed class SeatChanges(SimulatorState state)
{
    private const string UsersField = "selected_usernames";

    public Answer AddUsers(RouteRequest request) => Change(request, UsersField, add: true);
    public Answer CancelUsers(RouteRequest request) => Change(request, UsersField, add: false);
    public Answer AddTeams(RouteRequest request) => Change(request, TeamField(request.Owner!), add: true);
    public Answer CancelTeams(RouteRequest request) => Change(request, TeamField(request.Owner!), add: false);

    private static string TeamField(SeatOwner owner) => owner.Kind == OwnerKind.Enterprise ? "selected_enterprise_teams" : "selected_teams";

    private Answer Change(RouteRequest request, string field, bool add)
    {
        var owner = request.Owner!;
        if (!string.IsNullOrWhiteSpace(request.Body) && !RequestBody.IsJson(request.Body))
            return Answer.Error(400, "Problems parsing JSON");
        List<string>? names = RequestBody.ReadNames(request.Body, field);
        if (names is null || names.Count == 0)
            return Answer.Error(422, $"Invalid request.\n\n\"{field}\" is a required property and must be a non-empty array of strings.");
        if (owner.Kind == OwnerKind.Organization && owner.Setting is "assign_all" or "unconfigured")
            return Answer.Error(422, $"Copilot seat management setting for this organization is {owner.Setting}; seats can only be assigned or cancelled with assign_selected.");
        if (field != UsersField) return Teams(owner, names, add);
        return Users(owner, names, add);
    }

    /// <summary>A new seat granted at the owner's level: an org seat, or an enterprise-level seat (plan "enterprise").</summary>
    private SeatRecord NewGrant(SeatOwner owner, string login, string? team)
    {
        if (owner.Kind == OwnerKind.Organization) return state.NewSeat(login, owner.Name, team, enterpriseTeam: false, fresh: true);
        var seat = state.NewSeat(login, null, team, enterpriseTeam: team != null, fresh: true);
        seat.PlanType = "enterprise";
        return seat;
    }

    /// <summary>
    /// Users of an org or an enterprise, every one a member. Adding grants a seat to each user without one (an org
    /// counts a seat of any grant, an enterprise its own direct grant) and reactivates one pending cancellation.
    /// </summary>
    private Answer Users(SeatOwner owner, List<string> names, bool add)
    {
        bool enterprise = owner.Kind == OwnerKind.Enterprise;
        var notMembers = names.Where(n => !state.IsMember(owner, n)).ToList();
        if (notMembers.Count > 0)
            return Answer.Error(422, $"The following users are not members of the {(enterprise ? "enterprise" : "organization")}: {string.Join(", ", notMembers)}");
        if (!add) return enterprise ? CancelEnterpriseUsers(owner, names) : CancelOrgUsers(owner, names);
        int changed = 0;
        foreach (string login in names)
        {
            var seat = owner.Seats.FirstOrDefault(s => (!enterprise || s.Team is null) && string.Equals(s.Login, login, StringComparison.OrdinalIgnoreCase));
            if (seat is null) { owner.Seats.Add(NewGrant(owner, login, null)); changed++; }
            else if (seat.PendingCancellationDate != null) { seat.PendingCancellationDate = null; seat.UpdatedAt = state.Now; changed++; }
            else if (!enterprise) seat.UpdatedAt = state.Now;
        }
        return Changed(add, changed);
    }

    private Answer CancelOrgUsers(SeatOwner org, List<string> names)
    {
        var seats = names.Select(n => (Login: n, Seat: org.Seats.FirstOrDefault(s => string.Equals(s.Login, n, StringComparison.OrdinalIgnoreCase)))).ToList();
        Answer? refused = RefuseCancel(
            seats.Where(p => p.Seat?.Team != null).Select(p => (p.Seat!.Login, p.Seat.Team!)),
            seats.Where(p => p.Seat is null).Select(p => p.Login));
        if (refused != null) return refused;
        int changed = 0;
        foreach (string login in names)
        {
            var seat = org.Seats.FirstOrDefault(s => string.Equals(s.Login, login, StringComparison.OrdinalIgnoreCase));
            if (seat != null && seat.PendingCancellationDate is null) { seat.PendingCancellationDate = state.CancellationDate(); seat.UpdatedAt = state.Now; changed++; }
        }
        return Changed(add: false, changed);
    }

    /// <summary>
    /// As on GitHub, a cancel naming a user whose seat comes from a team, or a user without a seat, is
    /// refused whole (422, nothing applied); the message names them.
    /// </summary>
    private static Answer? RefuseCancel(IEnumerable<(string Login, string Team)> viaTeam, IEnumerable<string> seatless)
    {
        var team = viaTeam.ToList();
        var none = seatless.ToList();
        if (team.Count == 0 && none.Count == 0) return null;
        var parts = new List<string>();
        if (team.Count > 0)
            parts.Add($"Cannot cancel the Copilot seat of {string.Join(", ", team.Select(t => t.Login).Distinct())}: the seat is assigned via team membership ({string.Join(", ", team.Select(t => t.Team).Distinct())}). Remove the team's seat assignment or remove the user from the team instead.");
        if (none.Count > 0)
            parts.Add($"The following users have no Copilot seat to cancel: {string.Join(", ", none)}.");
        return Answer.Error(422, string.Join(" ", parts));
    }

    /// <summary>
    /// Cancels the enterprise's own grant of each user (no organization, no team): as GitHub documents, users keep
    /// access through team or organization membership. A request naming a user without an enterprise-level grant whose
    /// seats come from teams is refused whole (assumed), and one naming a user without any seat too.
    /// </summary>
    private Answer CancelEnterpriseUsers(SeatOwner ent, List<string> names)
    {
        var plan = names.Select(login => (
            Login: login,
            Direct: ent.Seats.Where(s => s.Team is null && string.Equals(s.Login, login, StringComparison.OrdinalIgnoreCase)).ToList(),
            Rows: state.RowsLocked(ent).Where(s => string.Equals(s.Login, login, StringComparison.OrdinalIgnoreCase)).ToList())).ToList();
        Answer? refused = RefuseCancel(
            plan.Where(p => p.Direct.Count == 0 && p.Rows.All(s => s.Team != null)).SelectMany(p => p.Rows.Select(s => (p.Login, s.Team!))),
            plan.Where(p => p.Rows.Count == 0).Select(p => p.Login));
        if (refused != null) return refused;
        int changed = 0;
        foreach (var p in plan)
            foreach (var seat in p.Direct.Where(s => s.PendingCancellationDate is null)) { seat.PendingCancellationDate = state.CancellationDate(); seat.UpdatedAt = state.Now; changed++; }
        return Changed(add: false, changed);
    }

    /// <summary>Org teams or enterprise teams: an org team grants to any member without a seat, an enterprise team keeps its own rows.</summary>
    private Answer Teams(SeatOwner owner, List<string> names, bool add)
    {
        bool enterprise = owner.Kind == OwnerKind.Enterprise;
        var unknown = names.Where(n => !owner.Teams.ContainsKey(n)).ToList();
        if (unknown.Count > 0)
            return Answer.Error(422, enterprise
                ? $"The following enterprise teams could not be found: {string.Join(", ", unknown)}"
                : $"The following teams could not be found in the organization: {string.Join(", ", unknown)}");
        int changed = names.Sum(slug => ApplyTeam(owner.Teams[slug], add, owner.Seats,
            member => owner.Seats.FirstOrDefault(s => (!enterprise || string.Equals(s.Team, slug, StringComparison.OrdinalIgnoreCase))
                && string.Equals(s.Login, member, StringComparison.OrdinalIgnoreCase)),
            member => NewGrant(owner, member, slug)));
        return Changed(add, changed);
    }

    /// <summary>
    /// Grants or cancels a team's seats. <paramref name="find"/> gives a member's existing seat (of any
    /// grant); only seats that came through this team are reactivated or cancelled. Returns the count.
    /// </summary>
    private int ApplyTeam(TeamRecord team, bool add, List<SeatRecord> seats, Func<string, SeatRecord?> find, Func<string, SeatRecord> create)
    {
        team.Granted = add;
        int changed = 0;
        foreach (string member in team.Members)
        {
            var seat = find(member);
            bool ours = seat != null && string.Equals(seat.Team, team.Slug, StringComparison.OrdinalIgnoreCase);
            if (add && seat is null) { seats.Add(create(member)); changed++; }
            else if (add && ours && seat!.PendingCancellationDate != null) { seat.PendingCancellationDate = null; seat.UpdatedAt = state.Now; changed++; }
            else if (!add && ours && seat!.PendingCancellationDate is null) { seat.PendingCancellationDate = state.CancellationDate(); seat.UpdatedAt = state.Now; changed++; }
        }
        return changed;
    }

    /// <summary>GitHub's answer to a change: 201 with seats_created, or 200 with seats_cancelled.</summary>
    private static Answer Changed(bool add, int changed) =>
        add ? new Answer(201, new JsonObject { ["seats_created"] = changed }) : new Answer(200, new JsonObject { ["seats_cancelled"] = changed });
}
