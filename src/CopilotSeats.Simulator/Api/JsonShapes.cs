using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CopilotSeats.Simulator.Api;

/// <summary>Builds GitHub-shaped JSON objects with URLs on the simulator's own host.</summary>
internal sealed class Links
{
    private readonly string _base;
    public Links(string baseUrl) => _base = baseUrl;

    private static string Date(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
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
            ["pending_cancellation_date"] = seat.PendingCancellationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["last_activity_at"] = Date(seat.LastActivityAt),
            ["last_activity_editor"] = seat.LastActivityEditor,
            ["last_authenticated_at"] = Date(seat.LastAuthenticatedAt),
            ["plan_type"] = seat.PlanType,
            ["assignee"] = seat.AccountDeleted ? null : User(seat.Login, seat.UserId),
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
