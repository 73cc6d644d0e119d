using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CopilotSeats.Simulator;

/// <summary>An answer before it is written: status, JSON body, extra headers.</summary>
internal sealed record Answer(int Status, JsonNode? Body, Dictionary<string, string>? Headers = null, string? Fault = null)
{
    public static Answer Error(int status, string message, string? fault = null, Dictionary<string, string>? headers = null) =>
        new(status, new JsonObject
        {
            ["message"] = message,
            ["documentation_url"] = "https://docs.github.com/rest/copilot/copilot-user-management",
            ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, headers, fault);
}

/// <summary>The 13 Copilot seat operations over <see cref="SimulatorState"/>.</summary>
internal sealed class CopilotApi
{
    private const string OrgRead = "manage_billing:copilot, read:org";
    private const string OrgWrite = "manage_billing:copilot, admin:org";
    private const string EntRead = "manage_billing:copilot, read:enterprise";
    private const string EntWrite = "manage_billing:copilot, admin:enterprise";

    private readonly SimulatorState _state;
    public CopilotApi(SimulatorState state) => _state = state;

    /// <summary>Route template and accepted scopes, or null when the path is not one of ours.</summary>
    public static (string Template, string Accepted, bool Enterprise)? Route(string method, string[] segments)
    {
        if (segments.Length == 4 && segments[0] == "orgs" && segments[2] == "copilot" && segments[3] == "billing" && method == "GET")
            return ("/orgs/{org}/copilot/billing", OrgRead, false);
        if (segments.Length == 5 && segments[0] == "orgs" && segments[2] == "copilot" && segments[3] == "billing")
        {
            return (segments[4], method) switch
            {
                ("seats", "GET") => ("/orgs/{org}/copilot/billing/seats", OrgRead, false),
                ("selected_users", "POST" or "DELETE") => ("/orgs/{org}/copilot/billing/selected_users", OrgWrite, false),
                ("selected_teams", "POST" or "DELETE") => ("/orgs/{org}/copilot/billing/selected_teams", OrgWrite, false),
                _ => null,
            };
        }
        if (segments.Length == 5 && segments[0] == "enterprises" && segments[2] == "copilot" && segments[3] == "billing")
        {
            return (segments[4], method) switch
            {
                ("seats", "GET") => ("/enterprises/{enterprise}/copilot/billing/seats", EntRead, true),
                ("selected_users", "POST" or "DELETE") => ("/enterprises/{enterprise}/copilot/billing/selected_users", EntWrite, true),
                ("selected_enterprise_teams", "POST" or "DELETE") => ("/enterprises/{enterprise}/copilot/billing/selected_enterprise_teams", EntWrite, true),
                _ => null,
            };
        }
        if (segments.Length == 5 && segments[2] == "members" && segments[4] == "copilot" && method == "GET")
        {
            if (segments[0] == "orgs") return ("/orgs/{org}/members/{username}/copilot", OrgRead, false);
            if (segments[0] == "enterprises") return ("/enterprises/{enterprise}/members/{username}/copilot", EntRead, true);
        }
        return null;
    }

    public Answer Handle(string method, string[] segments, IQueryCollection query, string? body, string baseUrl, string template)
    {
        lock (_state.Sync)
        {
            bool enterprise = segments[0] == "enterprises";
            string owner = segments[1];
            if (enterprise ? !_state.Enterprises.ContainsKey(owner) : !_state.Orgs.ContainsKey(owner))
                return Answer.Error(404, "Not Found");
            var links = new Links(baseUrl);
            return template switch
            {
                "/orgs/{org}/copilot/billing" => OrgDetail(_state.Orgs[owner]),
                "/orgs/{org}/copilot/billing/seats" => Page(_state.RowsLocked(_state.Orgs[owner]), query, links, baseUrl, segments, null),
                "/enterprises/{enterprise}/copilot/billing/seats" => Page(_state.EnterpriseRowsLocked(owner), query, links, baseUrl, segments, owner),
                "/orgs/{org}/members/{username}/copilot" => OrgMember(_state.Orgs[owner], segments[3], links),
                "/enterprises/{enterprise}/members/{username}/copilot" => EnterpriseMember(owner, segments[3], links),
                _ => Change(method, template, enterprise, owner, body),
            };
        }
    }

    // ---- reads -------------------------------------------------------------------------------

    private Answer OrgDetail(SeatOwner org)
    {
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

    private Answer Page(List<SeatRecord> rows, IQueryCollection query, Links links, string baseUrl, string[] segments, string? enterprise)
    {
        int perPage = ParseInt(query["per_page"], 50);
        if (perPage < 1) perPage = 50;
        if (perPage > 100) perPage = 100;
        int page = ParseInt(query["page"], 1);
        if (page < 1) page = 1;
        int lastPage = Math.Max(1, (rows.Count + perPage - 1) / perPage);
        var pageRows = rows.Skip((page - 1) * perPage).Take(perPage).ToList();
        int total = enterprise is null ? rows.Count : rows.Select(r => r.Login).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var seats = new JsonArray();
        foreach (var seat in pageRows) seats.Add(links.Seat(seat, _state, withOrganization: enterprise != null));
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

    private Answer OrgMember(SeatOwner org, string login, Links links)
    {
        if (org.PendingInvites.Contains(login))
            return Answer.Error(422, "User has a pending organization invitation; Copilot seat details are available once the invitation is accepted.");
        var seat = org.Seats.FirstOrDefault(s => string.Equals(s.Login, login, StringComparison.OrdinalIgnoreCase));
        if (seat is null) return Answer.Error(404, "Not Found");
        return new Answer(200, links.Seat(seat, _state, withOrganization: false));
    }

    private Answer EnterpriseMember(string enterprise, string login, Links links)
    {
        var rows = _state.EnterpriseRowsLocked(enterprise).Where(s => string.Equals(s.Login, login, StringComparison.OrdinalIgnoreCase)).ToList();
        if (rows.Count == 0) return Answer.Error(404, "Not Found");
        var seats = new JsonArray();
        foreach (var r in rows) seats.Add(links.Seat(r, _state, withOrganization: true));
        return new Answer(200, new JsonObject { ["total_seats"] = 1, ["seats"] = seats });
    }

    // ---- changes -----------------------------------------------------------------------------

    private Answer Change(string method, string template, bool enterprise, string owner, string? body)
    {
        string field = template.EndsWith("selected_users") ? "selected_usernames"
            : template.EndsWith("selected_enterprise_teams") ? "selected_enterprise_teams" : "selected_teams";
        if (!string.IsNullOrWhiteSpace(body) && !IsJson(body))
            return Answer.Error(400, "Problems parsing JSON");
        List<string>? names = ReadNames(body, field);
        if (names is null || names.Count == 0)
            return Answer.Error(422, $"Invalid request.\n\n\"{field}\" is a required property and must be a non-empty array of strings.");
        bool add = method == "POST";
        if (!enterprise)
        {
            var org = _state.Orgs[owner];
            if (org.Setting is "assign_all" or "unconfigured")
                return Answer.Error(422, $"Copilot seat management setting for this organization is {org.Setting}; seats can only be assigned or cancelled with assign_selected.");
            return field == "selected_usernames" ? OrgUsers(org, names, add) : OrgTeams(org, names, add);
        }
        var ent = _state.Enterprises[owner];
        return field == "selected_usernames" ? EnterpriseUsers(ent, names, add) : EnterpriseTeams(ent, names, add);
    }

    private Answer OrgUsers(SeatOwner org, List<string> names, bool add)
    {
        var notMembers = names.Where(n => !_state.IsMember(org, n)).ToList();
        if (notMembers.Count > 0)
            return Answer.Error(422, $"The following users are not members of the organization: {string.Join(", ", notMembers)}");
        int changed = 0;
        if (add)
        {
            foreach (string login in names)
            {
                var seat = org.Seats.FirstOrDefault(s => string.Equals(s.Login, login, StringComparison.OrdinalIgnoreCase));
                if (seat is null) { org.Seats.Add(_state.NewSeat(login, org.Name, null, false, fresh: true)); changed++; }
                else if (seat.PendingCancellationDate != null) { seat.PendingCancellationDate = null; seat.UpdatedAt = _state.Now; changed++; }
                else seat.UpdatedAt = _state.Now;
            }
            return new Answer(201, new JsonObject { ["seats_created"] = changed });
        }
        var viaTeam = names.Select(n => org.Seats.FirstOrDefault(s => string.Equals(s.Login, n, StringComparison.OrdinalIgnoreCase)))
            .Where(s => s?.Team != null).Select(s => s!).ToList();
        if (viaTeam.Count > 0)
            return Answer.Error(422, $"Cannot cancel the Copilot seat of {string.Join(", ", viaTeam.Select(s => s.Login))}: the seat is assigned via team membership ({string.Join(", ", viaTeam.Select(s => s.Team).Distinct())}). Remove the team's seat assignment or remove the user from the team instead.");
        foreach (string login in names)
        {
            var seat = org.Seats.FirstOrDefault(s => string.Equals(s.Login, login, StringComparison.OrdinalIgnoreCase));
            if (seat != null && seat.PendingCancellationDate is null) { seat.PendingCancellationDate = _state.CancellationDate(); seat.UpdatedAt = _state.Now; changed++; }
        }
        return new Answer(200, new JsonObject { ["seats_cancelled"] = changed });
    }

    private Answer OrgTeams(SeatOwner org, List<string> names, bool add)
    {
        var unknown = names.Where(n => !org.Teams.ContainsKey(n)).ToList();
        if (unknown.Count > 0) return Answer.Error(422, $"The following teams could not be found in the organization: {string.Join(", ", unknown)}");
        int changed = names.Sum(slug => ApplyTeam(org.Teams[slug], add, org.Seats,
            member => org.Seats.FirstOrDefault(s => string.Equals(s.Login, member, StringComparison.OrdinalIgnoreCase)),
            member => _state.NewSeat(member, org.Name, slug, enterpriseTeam: false, fresh: true)));
        return TeamAnswer(add, changed);
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
            else if (add && ours && seat!.PendingCancellationDate != null) { seat.PendingCancellationDate = null; seat.UpdatedAt = _state.Now; changed++; }
            else if (!add && ours && seat!.PendingCancellationDate is null) { seat.PendingCancellationDate = _state.CancellationDate(); seat.UpdatedAt = _state.Now; changed++; }
        }
        return changed;
    }

    private static Answer TeamAnswer(bool add, int changed) =>
        add ? new Answer(201, new JsonObject { ["seats_created"] = changed }) : new Answer(200, new JsonObject { ["seats_cancelled"] = changed });

    private Answer EnterpriseUsers(SeatOwner ent, List<string> names, bool add)
    {
        var notMembers = names.Where(n => !_state.IsMember(ent, n)).ToList();
        if (notMembers.Count > 0)
            return Answer.Error(422, $"The following users are not members of the enterprise: {string.Join(", ", notMembers)}");
        int changed = 0;
        if (add)
        {
            foreach (string login in names)
            {
                var seat = ent.Seats.FirstOrDefault(s => s.Team is null && string.Equals(s.Login, login, StringComparison.OrdinalIgnoreCase));
                if (seat is null)
                {
                    var created = _state.NewSeat(login, null, null, false, fresh: true);
                    created.PlanType = "enterprise";
                    ent.Seats.Add(created);
                    changed++;
                }
                else if (seat.PendingCancellationDate != null) { seat.PendingCancellationDate = null; seat.UpdatedAt = _state.Now; changed++; }
            }
            return new Answer(201, new JsonObject { ["seats_created"] = changed });
        }
        // Cancels every direct grant of the user in the enterprise (enterprise level and its orgs).
        foreach (string login in names)
        {
            var direct = _state.EnterpriseRowsLocked(ent.Name).Where(s => s.Team is null && string.Equals(s.Login, login, StringComparison.OrdinalIgnoreCase)
                && !(s.Organization != null && _state.Orgs.TryGetValue(s.Organization, out var o) && o.Setting == "assign_all")).ToList();
            var viaTeam = _state.EnterpriseRowsLocked(ent.Name).Where(s => s.Team != null && string.Equals(s.Login, login, StringComparison.OrdinalIgnoreCase)).ToList();
            if (direct.Count == 0 && viaTeam.Count > 0)
                return Answer.Error(422, $"Cannot cancel the Copilot seat of {login}: the seat is assigned via team membership ({string.Join(", ", viaTeam.Select(s => s.Team).Distinct())}). Remove the team's seat assignment or remove the user from the team instead.");
            foreach (var seat in direct.Where(s => s.PendingCancellationDate is null)) { seat.PendingCancellationDate = _state.CancellationDate(); seat.UpdatedAt = _state.Now; changed++; }
        }
        return new Answer(200, new JsonObject { ["seats_cancelled"] = changed });
    }

    private Answer EnterpriseTeams(SeatOwner ent, List<string> names, bool add)
    {
        var unknown = names.Where(n => !ent.Teams.ContainsKey(n)).ToList();
        if (unknown.Count > 0) return Answer.Error(422, $"The following enterprise teams could not be found: {string.Join(", ", unknown)}");
        int changed = names.Sum(slug => ApplyTeam(ent.Teams[slug], add, ent.Seats,
            member => ent.Seats.FirstOrDefault(s => string.Equals(s.Team, slug, StringComparison.OrdinalIgnoreCase) && string.Equals(s.Login, member, StringComparison.OrdinalIgnoreCase)),
            member =>
            {
                var created = _state.NewSeat(member, null, slug, enterpriseTeam: true, fresh: true);
                created.PlanType = "enterprise";
                return created;
            }));
        return TeamAnswer(add, changed);
    }

    private static bool IsJson(string body)
    {
        try { JsonDocument.Parse(body).Dispose(); return true; }
        catch (JsonException) { return false; }
    }

    private static List<string>? ReadNames(string? body, string field)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            var node = JsonNode.Parse(body);
            if (node is not JsonObject obj || obj[field] is not JsonArray array) return null;
            var names = new List<string>();
            foreach (var item in array)
            {
                if (item is not JsonValue v || !v.TryGetValue(out string? s) || string.IsNullOrWhiteSpace(s)) return null;
                names.Add(s);
            }
            return names;
        }
        catch (JsonException) { return null; }
    }

    private static int ParseInt(Microsoft.Extensions.Primitives.StringValues value, int fallback) =>
        int.TryParse(value.ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : fallback;
}

/// <summary>Builds GitHub-shaped JSON objects with URLs on the simulator's own host.</summary>
internal sealed class Links
{
    private readonly string _base;
    public Links(string baseUrl) => _base = baseUrl;

    private static string Date(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
    private static JsonNode? Date(DateTimeOffset? t) => t is null ? null : JsonValue.Create(Date(t.Value));

    public JsonObject User(string login, long id) => new()
    {
        ["login"] = login,
        ["id"] = id,
        ["node_id"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"04:User{id}")),
        ["avatar_url"] = $"https://avatars.githubusercontent.com/u/{id}?v=4",
        ["gravatar_id"] = "",
        ["url"] = $"{_base}/users/{login}",
        ["html_url"] = $"https://github.com/{login}",
        ["followers_url"] = $"{_base}/users/{login}/followers",
        ["following_url"] = $"{_base}/users/{login}/following{{/other_user}}",
        ["gists_url"] = $"{_base}/users/{login}/gists{{/gist_id}}",
        ["starred_url"] = $"{_base}/users/{login}/starred{{/owner}}{{/repo}}",
        ["subscriptions_url"] = $"{_base}/users/{login}/subscriptions",
        ["organizations_url"] = $"{_base}/users/{login}/orgs",
        ["repos_url"] = $"{_base}/users/{login}/repos",
        ["events_url"] = $"{_base}/users/{login}/events{{/privacy}}",
        ["received_events_url"] = $"{_base}/users/{login}/received_events",
        ["type"] = "User",
        ["site_admin"] = false,
    };

    public JsonObject Team(string org, TeamRecord team) => new()
    {
        ["id"] = team.Id,
        ["node_id"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"04:Team{team.Id}")),
        ["url"] = $"{_base}/teams/{team.Id}",
        ["html_url"] = $"https://github.com/orgs/{org}/teams/{team.Slug}",
        ["name"] = team.Name,
        ["slug"] = team.Slug,
        ["description"] = $"{team.Name} of {org}.",
        ["privacy"] = "closed",
        ["notification_setting"] = "notifications_enabled",
        ["permission"] = "pull",
        ["members_url"] = $"{_base}/teams/{team.Id}/members{{/member}}",
        ["repositories_url"] = $"{_base}/teams/{team.Id}/repos",
        ["parent"] = null,
    };

    public JsonObject EnterpriseTeam(string enterprise, TeamRecord team, DateTimeOffset created) => new()
    {
        ["id"] = team.Id,
        ["name"] = team.Name,
        ["description"] = $"{team.Name} of {enterprise}.",
        ["slug"] = team.Slug,
        ["url"] = $"{_base}/enterprises/{enterprise}/teams/{team.Slug}",
        ["sync_to_organizations"] = "disabled",
        ["organization_selection_type"] = "disabled",
        ["group_id"] = null,
        ["group_name"] = null,
        ["html_url"] = $"https://github.com/enterprises/{enterprise}/teams/{team.Slug}",
        ["members_url"] = $"{_base}/enterprises/{enterprise}/teams/{team.Slug}/memberships{{/member}}",
        ["created_at"] = Date(created),
        ["updated_at"] = Date(created),
    };

    public JsonObject Organization(SeatOwner org) => new()
    {
        ["login"] = org.Name,
        ["id"] = org.Id,
        ["node_id"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"04:Organization{org.Id}")),
        ["url"] = $"{_base}/orgs/{org.Name}",
        ["repos_url"] = $"{_base}/orgs/{org.Name}/repos",
        ["events_url"] = $"{_base}/orgs/{org.Name}/events",
        ["hooks_url"] = $"{_base}/orgs/{org.Name}/hooks",
        ["issues_url"] = $"{_base}/orgs/{org.Name}/issues",
        ["members_url"] = $"{_base}/orgs/{org.Name}/members{{/member}}",
        ["public_members_url"] = $"{_base}/orgs/{org.Name}/public_members{{/member}}",
        ["avatar_url"] = $"https://avatars.githubusercontent.com/u/{org.Id}?v=4",
        ["description"] = $"The {org.Name} organization.",
    };

    public JsonObject Seat(SeatRecord seat, SimulatorState state, bool withOrganization)
    {
        var json = new JsonObject
        {
            ["created_at"] = Date(seat.CreatedAt),
            ["updated_at"] = Date(seat.UpdatedAt),
            ["pending_cancellation_date"] = seat.PendingCancellationDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["last_activity_at"] = Date(seat.LastActivityAt),
            ["last_activity_editor"] = seat.LastActivityEditor,
            ["last_authenticated_at"] = Date(seat.LastAuthenticatedAt),
            ["plan_type"] = seat.PlanType,
            ["assignee"] = User(seat.Login, seat.UserId),
        };
        if (seat.Team != null)
        {
            if (seat.EnterpriseTeam)
            {
                var ent = state.Enterprises.Values.FirstOrDefault(e => e.Teams.ContainsKey(seat.Team));
                if (ent != null) json["assigning_team"] = EnterpriseTeam(ent.Name, ent.Teams[seat.Team], state.SeededAt.AddDays(-720));
            }
            else if (seat.Organization != null && state.Orgs.TryGetValue(seat.Organization, out var org) && org.Teams.TryGetValue(seat.Team, out var team))
            {
                json["assigning_team"] = Team(org.Name, team);
            }
        }
        if (withOrganization)
            json["organization"] = seat.Organization != null && state.Orgs.TryGetValue(seat.Organization, out var o) ? Organization(o) : null;
        return json;
    }
}
