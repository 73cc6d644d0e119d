using CopilotSeats.Pipeline;

namespace CopilotSeats.Core.Tests;

public class LinkHeaderTests
{
    private const string GitHubLink = "<https://api.github.com/orgs/o/copilot/billing/seats?per_page=100&page=1>; rel=\"prev\", <https://api.github.com/orgs/o/copilot/billing/seats?per_page=100&page=3>; rel=\"next\", <https://api.github.com/orgs/o/copilot/billing/seats?per_page=100&page=13>; rel=\"last\", <https://api.github.com/orgs/o/copilot/billing/seats?per_page=100&page=1>; rel=\"first\"";

    [Fact]
    public void Parses_all_relations()
    {
        var links = LinkHeader.Parse(GitHubLink);
        Assert.Equal(4, links.Count);
        Assert.Equal(3, LinkHeader.PageOf(links["next"]));
        Assert.Equal(13, LinkHeader.PageOf(links["last"]));
        Assert.Equal(1, LinkHeader.PageOf(links["first"]));
        Assert.Equal("100", LinkHeader.QueryValue(links["next"], "per_page"));
        Assert.Empty(LinkHeader.Parse(null));
        Assert.Empty(LinkHeader.Parse("garbage"));
    }

    [Fact]
    public void WithPage_keeps_everything_else()
    {
        var next = new Uri("https://api.github.com/orgs/o/copilot/billing/seats?per_page=100&page=2&x=y");
        Assert.Equal("https://api.github.com/orgs/o/copilot/billing/seats?per_page=100&page=7&x=y", LinkHeader.WithPage(next, 7).ToString());
    }
}

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

public class BudgetAndGateTests
{
    [Fact]
    public async Task Budget_allows_900_points_a_minute_per_endpoint()
    {
        var clock = new FakeClock();
        var budget = new EndpointBudget(900, clock);
        for (int i = 0; i < 900; i++) await budget.AcquireAsync("GET /a", 1, default);
        Assert.Equal(TimeSpan.Zero, clock.TotalDelay);
        await budget.AcquireAsync("GET /b", 1, default); // another endpoint is separate
        Assert.Equal(TimeSpan.Zero, clock.TotalDelay);
        await budget.AcquireAsync("GET /a", 1, default);
        Assert.Equal(TimeSpan.FromSeconds(61), clock.TotalDelay); // GitHub's minute plus a second of margin
    }

    [Fact]
    public async Task Spends_leave_the_window_one_by_one()
    {
        var clock = new FakeClock();
        var budget = new EndpointBudget(10, clock);
        for (int i = 0; i < 10; i++) { await budget.AcquireAsync("GET /a", 1, default); clock.Advance(TimeSpan.FromSeconds(1)); }
        // 10 spends at t=0..9 s; now t=10 s: the next waits until the first leaves (t=61 s).
        await budget.AcquireAsync("GET /a", 1, default);
        Assert.Equal(TimeSpan.FromSeconds(51), clock.TotalDelay);
        await budget.AcquireAsync("GET /a", 1, default);
        Assert.Equal(TimeSpan.FromSeconds(52), clock.TotalDelay);
    }

    [Fact]
    public async Task Mutation_points_count_five()
    {
        var clock = new FakeClock();
        var budget = new EndpointBudget(900, clock);
        for (int i = 0; i < 180; i++) await budget.AcquireAsync("POST /a", 5, default);
        Assert.Equal(TimeSpan.Zero, clock.TotalDelay);
        await budget.AcquireAsync("POST /a", 5, default);
        Assert.Equal(TimeSpan.FromSeconds(61), clock.TotalDelay);
    }

    [Fact]
    public async Task Gate_holds_everyone_until_the_pause_ends()
    {
        var clock = new FakeClock();
        var gate = new RateLimitGate(clock);
        gate.PauseUntil(clock.UtcNow.AddSeconds(30));
        gate.PauseUntil(clock.UtcNow.AddSeconds(10)); // an earlier end never shortens the pause
        await gate.WaitAsync(default);
        Assert.Equal(TimeSpan.FromSeconds(30), clock.TotalDelay);
    }
}

public class PipelinePumpTests
{
    [Fact]
    public void Posted_actions_run_on_the_pumping_thread()
    {
        var pump = new PipelinePump();
        int pipelineThread = Environment.CurrentManagedThreadId;
        var threads = new List<int>();
        pump.Run(async ct =>
        {
            await Task.Yield();
            for (int i = 0; i < 5; i++)
            {
                await pump.Post(() => threads.Add(Environment.CurrentManagedThreadId)).ConfigureAwait(false);
                pump.PostNoWait(() => threads.Add(Environment.CurrentManagedThreadId));
            }
        }, CancellationToken.None);
        Assert.Equal(10, threads.Count);
        Assert.All(threads, t => Assert.Equal(pipelineThread, t));
    }

    [Fact]
    public void A_throwing_action_cancels_the_work_and_is_rethrown()
    {
        var pump = new PipelinePump();
        bool cancelled = false;
        var ex = Assert.Throws<InvalidOperationException>(() => pump.Run(async ct =>
        {
            try
            {
                await pump.Post(() => throw new InvalidOperationException("pipeline stopped"));
            }
            catch (InvalidOperationException) { }
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { cancelled = true; throw; }
        }, CancellationToken.None));
        Assert.Equal("pipeline stopped", ex.Message);
        Assert.True(cancelled);
    }

    [Fact]
    public void Work_exceptions_surface_on_the_pipeline_thread()
    {
        var pump = new PipelinePump();
        var ex = Assert.Throws<CopilotException>(() => pump.Run(_ => throw new CopilotException("X", CopilotErrorCategory.NotSpecified, null, "bad"), CancellationToken.None));
        Assert.Equal("X", ex.ErrorId);
    }

    [Fact]
    public void External_cancellation_ends_the_run()
    {
        var pump = new PipelinePump();
        using var cts = new CancellationTokenSource(100);
        Assert.ThrowsAny<OperationCanceledException>(() => pump.Run(ct => Task.Delay(Timeout.Infinite, ct), cts.Token));
    }
}

public static class Repo
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "CopilotSeats.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("CopilotSeats.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The GitHub API description and examples the tests read, kept in tests/fixtures (.ci/run checks them against their source).</summary>
    public static string Fixtures => Path.Combine(Root, "tests", "fixtures", "github-api");

    public static string Example(string name) => File.ReadAllText(Path.Combine(Fixtures, "examples", "copilot", name));
}

public class SeatFilterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(10, null, false)]   // created 10 days ago, never used: still in its first 90 days
    [InlineData(120, null, true)]   // created 120 days ago, activity null (never used or reset by GitHub)
    [InlineData(400, 30, false)]    // used 30 days ago
    [InlineData(400, 91, true)]     // used 91 days ago
    [InlineData(400, 89, false)]
    public void Inactive_uses_last_activity_else_creation(int createdDaysAgo, int? activeDaysAgo, bool inactive)
    {
        var seat = new CopilotSeat
        {
            Login = "u",
            CreatedAt = Now.AddDays(-createdDaysAgo),
            LastActivityAt = activeDaysAgo is null ? null : Now.AddDays(-activeDaysAgo.Value),
        };
        Assert.Equal(inactive, SeatFilter.IsInactive(seat, 90, Now));
        Assert.Equal(activeDaysAgo is null ? seat.CreatedAt : seat.LastActivityAt, SeatFilter.LastUsed(seat));
    }

    [Fact]
    public void A_seat_without_any_date_counts_as_inactive_and_days_must_be_positive()
    {
        Assert.True(SeatFilter.IsInactive(new CopilotSeat { Login = "x" }, 30, Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeatFilter.IsInactive(new CopilotSeat(), 0, Now));
    }

    [Fact]
    public void Stamp_keeps_the_inactive_seats_in_their_order()
    {
        CopilotSeat Seat(string login, int createdDaysAgo, int? activeDaysAgo) => new()
        {
            Login = login,
            CreatedAt = Now.AddDays(-createdDaysAgo),
            LastActivityAt = activeDaysAgo is null ? null : Now.AddDays(-activeDaysAgo.Value),
        };
        var seats = new[] { Seat("a", 100, 45), Seat("b", 100, 5), Seat("c", 10, null), Seat("d", 60, null), Seat("e", 300, 31) };

        Assert.Equal(new[] { "a", "d", "e" }, SeatFilter.Stamp(seats, 30, Now).Select(s => s.Login));
        Assert.Equal(new[] { "d" }, SeatFilter.Stamp(seats, 50, Now).Select(s => s.Login));
        Assert.Empty(SeatFilter.Stamp(seats, 1000, Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeatFilter.Stamp(seats, -1, Now));
    }
}
