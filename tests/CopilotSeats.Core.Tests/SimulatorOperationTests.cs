using System.Text.Json;
using CopilotSeats.Simulator;

namespace CopilotSeats.Core.Tests;

/// <summary>Every one of the 13 operations through Core against the simulator: path, method, body shape, result.</summary>
public class SimulatorOperationTests : SimulatorTestBase
{
    private static readonly SeatScope Org = SeatScope.ForOrganization("octo-org");
    private static readonly SeatScope Ent = SeatScope.ForEnterprise("octo-ent");

    [Fact]
    public async Task Get_org_detail()
    {
        using var client = Client();
        var d = await client.GetOrgDetailAsync("octo-org", default);
        Assert.Equal("octo-org", d.Organization);
        Assert.Equal(120, d.TotalSeats);
        Assert.Equal("assign_selected", d.SeatManagementSetting);
        Assert.Equal("business", d.PlanType);
        var r = Assert.Single(Requests);
        Assert.Equal(("GET", "/orgs/octo-org/copilot/billing"), (r.Method, r.Path));
    }

    [Fact]
    public async Task List_org_seats()
    {
        using var client = Client();
        var seats = await ListAll(client, Org);
        Assert.Equal(120, seats.Count);
        Assert.Equal(120, seats.Select(s => s.Login).Distinct().Count());
        Assert.Contains(seats, s => s.Login == "octocat" && s.AssigningTeam is null);
        Assert.Contains(seats, s => s.Login == "mona_octo");
        Assert.Equal(6, seats.Count(s => s.AssigningTeam == "team-1"));
        Assert.All(seats, s => { Assert.Equal("octo-org", s.Organization); Assert.NotNull(s.CreatedAt); Assert.Equal("User", s.AssigneeType); });
        Assert.All(Requests, r => { Assert.Equal("GET", r.Method); Assert.Equal("/orgs/octo-org/copilot/billing/seats", r.Path); Assert.Contains("per_page=100", r.Query); });
        Assert.Equal(2, Requests.Count);
    }

    [Fact]
    public async Task List_enterprise_seats_one_row_per_grant()
    {
        using var client = Client();
        var rows = await ListAll(client, Ent);
        Assert.All(rows, r => Assert.Equal("octo-ent", r.Enterprise));
        Assert.True(rows.Count(r => r.Login == "octocat") >= 2, "octocat has seats in octo-org and octo-lab");
        Assert.Contains(rows, r => r.Organization == "octo-lab");
        Assert.Contains(rows, r => r.AssigningTeam == "ent-team-1");
        Assert.Equal(rows.Count, rows.Select(r => (r.Login, r.Organization, r.AssigningTeam)).Distinct().Count());
        Assert.All(Requests, r => Assert.Equal("/enterprises/octo-ent/copilot/billing/seats", r.Path));
    }

    /// <summary>Looks up one organization member's seat: one GET of /orgs/octo-org/members/{login}/copilot, one seat of that login.</summary>
    private async Task AssertOrgMemberSeat(string login)
    {
        using var client = Client();
        var seat = Assert.Single(await client.GetUserSeatAsync(Org, login, default));
        Assert.Equal(login, seat.Login);
        Assert.Equal($"/orgs/octo-org/members/{login}/copilot", Assert.Single(Requests).Path);
    }

    [Fact]
    public Task Get_org_member_seat() => AssertOrgMemberSeat("octocat");

    [Fact]
    public async Task Get_enterprise_member_seats()
    {
        using var client = Client();
        var rows = await client.GetUserSeatAsync(Ent, "octocat", default);
        Assert.True(rows.Count >= 2);
        Assert.All(rows, r => Assert.Equal("octocat", r.Login));
        Assert.Equal("/enterprises/octo-ent/members/octocat/copilot", Assert.Single(Requests).Path);
    }

    public static IEnumerable<object[]> Mutations() => new[]
    {
        new object[] { "octo-org", SeatAction.Add, AssigneeKind.User, new[] { "no-seat-1", "no-seat-2" }, "POST", "/orgs/octo-org/copilot/billing/selected_users", "add-copilot-seats-for-users.request.default.json", 2 },
        new object[] { "octo-org", SeatAction.Remove, AssigneeKind.User, new[] { "user-0001", "user-0002" }, "DELETE", "/orgs/octo-org/copilot/billing/selected_users", "cancel-copilot-seat-assignment-for-users.request.default.json", 2 },
        new object[] { "octo-org", SeatAction.Add, AssigneeKind.Team, new[] { "team-2" }, "POST", "/orgs/octo-org/copilot/billing/selected_teams", "add-copilot-seats-for-teams.request.default.json", 3 },
        new object[] { "octo-org", SeatAction.Remove, AssigneeKind.Team, new[] { "team-1" }, "DELETE", "/orgs/octo-org/copilot/billing/selected_teams", "cancel-copilot-seat-assignment-for-teams.request.default.json", 6 },
        new object[] { "ent:octo-ent", SeatAction.Add, AssigneeKind.User, new[] { "ent-user-5" }, "POST", "/enterprises/octo-ent/copilot/billing/selected_users", "add-copilot-seats-for-enterprise-users.request.default.json", 1 },
        new object[] { "ent:octo-ent", SeatAction.Remove, AssigneeKind.User, new[] { "octocat" }, "DELETE", "/enterprises/octo-ent/copilot/billing/selected_users", "cancel-copilot-seats-for-enterprise-users.request.default.json", 0 }, // octocat's grants are its organizations', which stay
        new object[] { "ent:octo-ent", SeatAction.Add, AssigneeKind.EnterpriseTeam, new[] { "ent-team-2" }, "POST", "/enterprises/octo-ent/copilot/billing/selected_enterprise_teams", "add-copilot-seats-for-enterprise-teams.request.default.json", 4 },
        new object[] { "ent:octo-ent", SeatAction.Remove, AssigneeKind.EnterpriseTeam, new[] { "ent-team-1" }, "DELETE", "/enterprises/octo-ent/copilot/billing/selected_enterprise_teams", "cancel-copilot-seats-for-enterprise-teams.request.default.json", 4 },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task Seat_changes_send_the_documented_request(string target, SeatAction action, AssigneeKind kind, string[] names, string method, string path, string example, int expectedChanged)
    {
        var scope = target.StartsWith("ent:") ? SeatScope.ForEnterprise(target[4..]) : SeatScope.ForOrganization(target);
        using var client = Client();
        var change = await client.ChangeSeatsAsync(scope, action, kind, names, default);
        var r = Assert.Single(Requests);
        Assert.Equal((method, path), (r.Method, r.Path));
        Assert.Equal(Shape(Example(example)), Shape(r.Body!));
        using var body = JsonDocument.Parse(r.Body!);
        Assert.Equal(names, body.RootElement.EnumerateObject().Single().Value.EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(action.ToString(), change.Action);
        Assert.Equal(kind.ToString(), change.AssigneeType);
        Assert.Equal(names, change.Requested);
        Assert.Equal(scope.Organization, change.Organization);
        Assert.Equal(scope.Enterprise, change.Enterprise);
        Assert.Equal(expectedChanged, change.SeatsChanged);
    }

    [Fact]
    public async Task Add_creates_seats_and_remove_sets_pending_cancellation()
    {
        using var client = Client();
        await client.ChangeSeatsAsync(Org, SeatAction.Add, AssigneeKind.User, new[] { "no-seat-5" }, default);
        var added = Assert.Single(await client.GetUserSeatAsync(Org, "no-seat-5", default));
        Assert.Null(added.PendingCancellationDate);
        var again = await client.ChangeSeatsAsync(Org, SeatAction.Add, AssigneeKind.User, new[] { "no-seat-5" }, default);
        Assert.Equal(0, again.SeatsChanged); // re-adding refreshes, creates nothing
        await client.ChangeSeatsAsync(Org, SeatAction.Remove, AssigneeKind.User, new[] { "no-seat-5" }, default);
        var pending = Assert.Single(await client.GetUserSeatAsync(Org, "no-seat-5", default));
        Assert.NotNull(pending.PendingCancellationDate);
        Assert.Equal(121, (await ListAll(client, Org)).Count);
    }

    [Fact]
    public async Task A_cancel_naming_an_invitee_gives_the_invitee_GitHubs_422_from_the_lookup_and_cancels_the_others()
    {
        using var client = Client();
        BatchOutcome outcome = await client.ChangeSeatsIsolatedAsync(Org, SeatAction.Remove, AssigneeKind.User, new[] { "pending-invite", "octocat", "mona_octo" }, default);

        var error = Assert.IsType<CopilotApiException>(Assert.Single(outcome.Errors).Error);
        Assert.Equal(("CopilotSeats.Http422", (object?)"pending-invite"), (error.ErrorId, error.TargetObject));
        Assert.Contains("User has a pending organization invitation", error.Message);
        Assert.Equal("Ask the user to accept the invitation, then look the seat up again.", error.RecommendedAction);
        Assert.Equal("pending-invite", Assert.Single(outcome.Errors).Target);
        Assert.Equal(2, Assert.Single(outcome.Changes).SeatsChanged);
        Assert.DoesNotContain(Requests, r => r.Path.EndsWith("/copilot/billing/seats")); // no listing: it would only say "no seat"
        var lookedUp = await client.GetUserSeatAsync(Org, "pending-invite", default).ContinueWith(t => t.Exception?.InnerException);
        Assert.Equal(error.RecommendedAction, ((CopilotApiException)lookedUp!).RecommendedAction); // what Get-CopilotSeat -UserName says
    }

    private static readonly Dictionary<string, Func<CopilotClient, Task>> Calls = new()
    {
        ["look up ghost-user"] = c => c.GetUserSeatAsync(Org, "ghost-user", default),
        ["look up pending-invite"] = c => c.GetUserSeatAsync(Org, "pending-invite", default),
        ["read no-such-org"] = c => c.GetOrgDetailAsync("no-such-org", default),
        ["read octo-org"] = c => c.GetOrgDetailAsync("octo-org", default),
        ["add in assign-all-org"] = c => c.ChangeSeatsAsync(SeatScope.ForOrganization("assign-all-org"), SeatAction.Add, AssigneeKind.User, new[] { "user-0001" }, default),
        ["add no-such-team"] = c => c.ChangeSeatsAsync(Org, SeatAction.Add, AssigneeKind.Team, new[] { "no-such-team" }, default),
        ["cancel team1-member-1"] = c => c.ChangeSeatsAsync(Org, SeatAction.Remove, AssigneeKind.User, new[] { "team1-member-1" }, default),
        ["cancel user-0001"] = c => c.ChangeSeatsAsync(Org, SeatAction.Remove, AssigneeKind.User, new[] { "user-0001" }, default),
    };

    /// <summary>The simulator's answer reaches the caller as one mapped error (the wording of each row: ErrorMapperTableTests, MappingTests).</summary>
    [Theory]
    [InlineData("look up ghost-user", null, 404, CopilotErrorCategory.ObjectNotFound, "ghost-user", "so a missing scope is not the cause", "lists who has a seat")]
    [InlineData("look up pending-invite", null, 422, null, null, "pending invitation", "Ask the user to accept the invitation")]
    [InlineData("read no-such-org", null, 404, null, "no-such-org", null, null)]
    [InlineData("add in assign-all-org", null, 422, CopilotErrorCategory.InvalidOperation, null, "assign_all", null)]
    [InlineData("add no-such-team", null, 422, null, null, null, null)]
    [InlineData("cancel team1-member-1", null, 422, null, null, "team", "Remove-CopilotTeam")]
    [InlineData("read octo-org", "sim_bad_token", 401, CopilotErrorCategory.AuthenticationError, null, null, "Create a new token")]
    [InlineData("cancel user-0001", "sim_readonly_token", 403, CopilotErrorCategory.PermissionDenied, null, "The token has scopes [", "manage_billing:copilot, admin:org.")]
    [InlineData("read octo-org", "sim_noscope_token", 404, CopilotErrorCategory.ObjectNotFound, null, "manage_billing:copilot", null)]
    public async Task A_refusal_reaches_the_caller_mapped(string call, string? token, int status, CopilotErrorCategory? category, string? target, string? said, string? action)
    {
        using var client = token is null ? Client() : Client(token: token);
        var error = await Assert.ThrowsAsync<CopilotApiException>(() => Calls[call](client));
        Assert.Equal(("CopilotSeats.Http" + status, status), (error.ErrorId, error.StatusCode));
        if (category != null) Assert.Equal(category, error.Category);
        if (target != null) Assert.Equal(target, error.TargetObject);
        if (said != null) Assert.Contains(said, error.Message);
        if (action != null) Assert.Contains(action, error.RecommendedAction);
        if (action != null) Assert.DoesNotContain(error.RecommendedAction!, error.Message);
    }

    [Fact]
    public async Task A_read_only_token_lists_seats()
    {
        using var client = Client(token: "sim_readonly_token");
        Assert.Equal(120, (await ListAll(client, Org)).Count);
    }

    [Fact]
    public async Task Emu_logins_and_escaping_reach_the_right_path()
    {
        await AssertOrgMemberSeat("mona_octo");
        Assert.Equal("orgs/a%20b", CopilotClient.ScopeRoot(SeatScope.ForOrganization("a b")));
        Assert.Equal("enterprises/..%2Fx", CopilotClient.ScopeRoot(SeatScope.ForEnterprise("../x")));
    }

    [Fact]
    public async Task Hostile_input_sends_zero_requests()
    {
        using var client = Client();
        string[] hostile = { "", " ", "a/b", "..", "a\r\nb", "a?b", "a#b", "%2e", new string('x', 400), "a\u0000b" };
        foreach (string h in hostile)
        {
            await Assert.ThrowsAsync<CopilotException>(() => client.GetOrgDetailAsync(h, default));
            await Assert.ThrowsAsync<CopilotException>(() => ListAll(client, SeatScope.ForEnterprise(h)));
            await Assert.ThrowsAsync<CopilotException>(() => client.GetUserSeatAsync(Org, h, default));
            await Assert.ThrowsAsync<CopilotException>(() => client.ChangeSeatsAsync(Org, SeatAction.Remove, AssigneeKind.User, new[] { "octocat", h }, default));
            await Assert.ThrowsAsync<CopilotException>(() => client.ChangeSeatsAsync(Org, SeatAction.Add, AssigneeKind.Team, new[] { h }, default));
        }
        Assert.Empty(Requests);
    }
}
