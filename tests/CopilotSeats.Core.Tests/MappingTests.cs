namespace CopilotSeats.Core.Tests;

public class MappingTests
{
    private static string Example(string name) => Repo.Example(name);

    [Fact]
    public async Task Official_org_example_parses_with_odd_offsets_and_missing_fields()
    {
        var handler = new ScriptedHandler((_, _) => ScriptedHandler.Json(HttpStatusCode.OK, Example("list-copilot-seats.200.json")));
        using var client = Clients.ForHandler(handler);
        var seats = new List<CopilotSeat>();
        int total = await client.ListSeatsAsync(SeatScope.ForOrganization("octo-org"), (page, _) => { seats.AddRange(page); return Task.CompletedTask; });
        Assert.Equal(2, total);
        Assert.Equal(2, seats.Count); // same assignee id, different grants: both kept
        var first = seats[0];
        Assert.Equal("octocat", first.Login);
        Assert.Equal(1, first.UserId);
        Assert.Equal("User", first.AssigneeType);
        Assert.Equal("octo-org", first.Organization);
        Assert.Null(first.Enterprise);
        Assert.Equal("justice-league", first.AssigningTeam);
        Assert.Equal("business", first.PlanType);
        Assert.Equal(new DateTimeOffset(2021, 8, 3, 18, 0, 0, TimeSpan.FromHours(-6)), first.CreatedAt);
        Assert.Equal("vscode/1.77.3/copilot/1.86.82", first.LastActivityEditor);
        Assert.Null(first.PendingCancellationDate);
        Assert.Null(seats[1].AssigningTeam);
        Assert.Null(seats[1].PlanType);
        Assert.Equal(new DateTimeOffset(2021, 11, 1, 0, 0, 0, TimeSpan.Zero), seats[1].PendingCancellationDate);
    }

    [Fact]
    public async Task Official_enterprise_example_places_an_org_team_grant_in_the_org_of_its_html_url()
    {
        var handler = new ScriptedHandler((_, _) => ScriptedHandler.Json(HttpStatusCode.OK, Example("list-copilot-seats-for-enterprise.200.json")));
        using var client = Clients.ForHandler(handler);
        var ent = SeatScope.ForEnterprise("e");
        var planner = new Sync.SeatPlanner(ent, new Sync.ReferenceSet(), new Sync.PlanOptions());
        var seats = new List<CopilotSeat>();
        await client.ListSeatsAsync(ent, (page, _) => { seats.AddRange(page); return Task.CompletedTask; });
        Assert.Equal(new[] { "github", null }, seats.Select(s => s.Organization));
        planner.Observe(seats);
        var conflict = planner.Finish().Single(i => i.Action == CopilotSeatPlanAction.Conflict);
        Assert.Contains("Remove-CopilotTeam -Organization github -TeamName justice-league", conflict.Reason);
    }

    [Fact]
    public async Task Org_detail_example_maps_every_field()
    {
        var handler = new ScriptedHandler((_, _) => ScriptedHandler.Json(HttpStatusCode.OK, Example("get-copilot-organization-details.200.json")));
        using var client = Clients.ForHandler(handler);
        var d = await client.GetOrgDetailAsync("octo-org", default);
        Assert.Equal(("octo-org", "business", "assign_selected", "block", "enabled", "enabled", "enabled"), (d.Organization, d.PlanType, d.SeatManagementSetting, d.PublicCodeSuggestions, d.IdeChat, d.PlatformChat, d.Cli));
        Assert.Equal((12, 9, 0, 0, 12, 11), (d.TotalSeats, d.AddedThisCycle, d.PendingInvitation, d.PendingCancellation, d.ActiveThisCycle, d.InactiveThisCycle));
    }

    [Fact]
    public async Task Enterprise_member_lookup_returns_one_row_per_grant()
    {
        var handler = new ScriptedHandler((_, _) => ScriptedHandler.Json(HttpStatusCode.OK, Example("get-copilot-seat-details-for-enterprise-user.200.json")));
        using var client = Clients.ForHandler(handler);
        var rows = await client.GetUserSeatAsync(SeatScope.ForEnterprise("octo-ent"), "octocat", default);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("octo-ent", r.Enterprise));
    }

    [Fact]
    public async Task Unknown_fields_are_ignored_and_bad_json_is_InvalidData()
    {
        var handler = new ScriptedHandler((_, n) => ScriptedHandler.Json(HttpStatusCode.OK, n == 1
            ? """{"created_at":"2025-01-01T00:00:00Z","brand_new_field":{"x":1},"assignee":{"login":"a","id":5,"future":true}}"""
            : "<html>oops</html>"));
        using var client = Clients.ForHandler(handler);
        var seat = (await client.GetUserSeatAsync(SeatScope.ForOrganization("o"), "a", default)).Single();
        Assert.Equal("a", seat.Login);
        var ex = await Assert.ThrowsAsync<CopilotException>(() => client.GetUserSeatAsync(SeatScope.ForOrganization("o"), "a", default));
        Assert.Equal(CopilotErrorCategory.InvalidData, ex.Category);
    }

    [Theory]
    [InlineData(401, CopilotErrorCategory.AuthenticationError)]
    [InlineData(403, CopilotErrorCategory.PermissionDenied)]
    [InlineData(404, CopilotErrorCategory.ObjectNotFound)]
    [InlineData(422, CopilotErrorCategory.InvalidOperation)]
    [InlineData(429, CopilotErrorCategory.LimitsExceeded)]
    [InlineData(500, CopilotErrorCategory.ResourceUnavailable)]
    [InlineData(503, CopilotErrorCategory.ResourceUnavailable)]
    public void Status_categories(int status, CopilotErrorCategory category) => Assert.Equal(category, ErrorMapper.CategoryFor(status));

    private static CopilotApiException Map(int status, RequestKind op, SeatScope scope, string? granted, string? accepted, object? target = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (granted != null) headers["X-OAuth-Scopes"] = granted;
        if (accepted != null) headers["X-Accepted-OAuth-Scopes"] = accepted;
        var uri = new Uri("https://api.github.com/x");
        var request = new ApiRequest(op == RequestKind.RemoveUsers ? HttpMethod.Delete : HttpMethod.Get, uri, "k", op, scope, target ?? scope.Name);
        var body = System.Text.Encoding.UTF8.GetBytes("{\"message\":\"Not allowed\"}");
        return ErrorMapper.FromResponse(request, new ApiResponse(status, headers, body, uri));
    }

    /// <summary>Maps the answer and asserts its message contains <paramref name="message"/> and, when given, its recommended action.</summary>
    private static CopilotApiException Mapped(int status, RequestKind op, SeatScope scope, string? granted, string? accepted, string message, string? action = null)
    {
        var ex = Map(status, op, scope, granted, accepted);
        Assert.Contains(message, ex.Message);
        if (action != null) Assert.Equal(action, ex.RecommendedAction);
        return ex;
    }

    [Fact]
    public void Scopes_that_suffice_point_at_the_role_on_403_and_at_nothing_on_404()
    {
        var org = SeatScope.ForOrganization("octo-org");
        Mapped(403, RequestKind.RemoveUsers, org, "admin:org", "manage_billing:copilot, admin:org",
            "which GitHub accepts here; the account itself lacks the role (organization owner or billing manager)",
            "Use a token that belongs to an organization owner or billing manager.");
        Mapped(403, RequestKind.RemoveUsers, SeatScope.ForEnterprise("octo-ent"), "admin:enterprise", "manage_billing:copilot, admin:enterprise",
            "lacks the role (enterprise owner or billing manager)",
            "Use a token that belongs to an enterprise owner or billing manager.");
        var notFound = Mapped(404, RequestKind.OrgDetail, org, "read:org", "manage_billing:copilot, read:org",
            "so a missing scope is not the cause",
            "Check the name, and that the token belongs to an organization owner or billing manager there.");
        Assert.DoesNotContain("lacks the role", notFound.Message);
    }

    [Fact]
    public void Missing_scopes_are_named_in_the_message_and_the_action()
    {
        var org = SeatScope.ForOrganization("octo-org");
        Mapped(403, RequestKind.RemoveUsers, org, "repo, read:org", "manage_billing:copilot, admin:org",
            "The token is not allowed to do this for the organization octo-org. The token has scopes [repo, read:org]; this operation accepts [manage_billing:copilot, admin:org].",
            "Use a token with one of these scopes: manage_billing:copilot, admin:org.");

        // write:org covers read:org, admin:org covers both: no scope is missing, so the role is the cause.
        var covered = Map(403, RequestKind.ListSeats, org, "write:org", "manage_billing:copilot, read:org");
        Assert.Equal("Use a token that belongs to an organization owner or billing manager.", covered.RecommendedAction);

        // A fine-grained token sends no X-OAuth-Scopes: the message says what a classic token needs.
        var fineGrained = Mapped(403, RequestKind.ListSeats, org, null, null, "Needed: a classic token with manage_billing:copilot or read:org.");
        Assert.Contains("must belong to an organization owner or billing manager", fineGrained.Message);
    }
}
