namespace CopilotSeats.Simulator.Tests;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now;
    public ManualClock(DateTimeOffset now) => _now = now;
    public override DateTimeOffset GetUtcNow() { lock (this) return _now; }
    public void Advance(TimeSpan by) { lock (this) _now += by; }
}

/// <summary>Dates, seeded activity and the limit windows follow <see cref="SimulatorOptions.TimeProvider"/>.</summary>
public class ClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 15, 10, 30, 0, TimeSpan.Zero);

    private static HttpClient Client(SimulatorHost sim)
    {
        var http = new HttpClient { BaseAddress = sim.BaseUri };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("clock-tests/1.0");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sim_clock");
        return http;
    }

    [Fact]
    public async Task Seeded_dates_are_relative_to_the_clock_and_listed_by_creation()
    {
        var clock = new ManualClock(Start);
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Seats = 400, TimeProvider = clock });
        using var http = Client(sim);
        var seats = new List<JsonNode>();
        for (int page = 1; page <= 4; page++)
            seats.AddRange((await http.GetFromJsonAsync<JsonNode>($"/orgs/octo-org/copilot/billing/seats?per_page=100&page={page}"))!["seats"]!.AsArray().Select(s => s!));
        Assert.Equal(400, seats.Count);
        var created = seats.Select(s => DateTimeOffset.Parse((string)s["created_at"]!)).ToList();
        Assert.Equal(created.OrderBy(c => c), created); // stable order: by creation
        Assert.All(created, c => Assert.InRange(c, Start.AddDays(-701), Start));
        Assert.Equal("octocat", (string)seats[0]["assignee"]!["login"]!);

        var activity = seats.Select(s => (string?)s["last_activity_at"]).ToList();
        Assert.All(activity.Where(a => a != null), a => Assert.InRange(DateTimeOffset.Parse(a!), Start.AddDays(-90), Start));
        var idle = seats.Where(s => s["last_activity_at"] is null).ToList();
        Assert.Contains(idle, s => s["last_authenticated_at"] is null); // never used
        Assert.Contains(idle, s => s["last_authenticated_at"] is not null && DateTimeOffset.Parse((string)s["last_authenticated_at"]!) < Start.AddDays(-90)); // lapsed
        Assert.All(idle, s => Assert.Null(s["last_activity_editor"]));
        Assert.All(seats, s => Assert.EndsWith("+00:00", (string)s["created_at"]!));
    }

    [Fact]
    public async Task Changes_use_the_clock_for_dates()
    {
        var clock = new ManualClock(Start);
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { TimeProvider = clock });
        using var http = Client(sim);
        clock.Advance(TimeSpan.FromDays(20)); // 2027-01-04
        await http.PostAsJsonAsync("/orgs/octo-org/copilot/billing/selected_users", new { selected_usernames = new[] { "no-seat-1" } });
        var seat = sim.State.SeatFor("octo-org", "no-seat-1")!;
        Assert.Equal(Start.AddDays(20), seat.CreatedAt);
        Assert.Null(seat.LastActivityAt);
        int pendingBefore = sim.State.OrgSeats("octo-org").Count(s => s.PendingCancellationDate != null); // seeded ones
        var request = new HttpRequestMessage(HttpMethod.Delete, "/orgs/octo-org/copilot/billing/selected_users") { Content = JsonContent.Create(new { selected_usernames = new[] { "octocat" } }) };
        await http.SendAsync(request);
        Assert.Equal(new DateOnly(2027, 2, 1), sim.State.SeatFor("octo-org", "octocat")!.PendingCancellationDate);
        var body = await http.GetFromJsonAsync<JsonNode>("/orgs/octo-org/members/octocat/copilot");
        Assert.Equal("2027-02-01", (string)body!["pending_cancellation_date"]!);
        var detail = await http.GetFromJsonAsync<JsonNode>("/orgs/octo-org/copilot/billing");
        Assert.Equal(pendingBefore + 1, (int)detail!["seat_breakdown"]!["pending_cancellation"]!);
        Assert.Equal(121, (int)detail["seat_breakdown"]!["total"]!);
        Assert.True((int)detail["seat_breakdown"]!["added_this_cycle"]! >= 1);
    }

    [Fact]
    public async Task A_fixed_now_wins_over_the_clock()
    {
        var clock = new ManualClock(Start);
        var fixedNow = new DateTimeOffset(2026, 3, 31, 23, 0, 0, TimeSpan.FromHours(-6)); // 2026-04-01 05:00 UTC
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { TimeProvider = clock, Now = fixedNow });
        Assert.Equal(fixedNow, sim.State.Now);
        Assert.Equal(new DateOnly(2026, 5, 1), sim.State.CancellationDate()); // first day of next month, UTC
    }

    [Fact]
    public async Task Points_window_slides_with_the_clock_and_rate_limit_hour_resets()
    {
        var clock = new ManualClock(Start);
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { TimeProvider = clock, Faults = new FaultSettings { EnforcePointsPerMinute = 3 } });
        using var http = Client(sim);
        var first = await http.GetAsync("/orgs/octo-org/copilot/billing");
        Assert.Equal(Start.ToUnixTimeSeconds() + 3600, long.Parse(first.Headers.GetValues("x-ratelimit-reset").Single()));
        Assert.Equal("4999", first.Headers.GetValues("x-ratelimit-remaining").Single());
        for (int i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/orgs/octo-org/copilot/billing")).StatusCode);
        var refused = await http.GetAsync("/orgs/octo-org/copilot/billing");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("60", refused.Headers.GetValues("retry-after").Single());
        Assert.Equal("points limit", sim.Log.Snapshot()[^1].Fault);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/orgs/octo-org/copilot/billing")).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/orgs/octo-org/copilot/billing")).StatusCode);
        Assert.Equal(3, sim.Stats().MaxPointsPerMinute["GET /orgs/{org}/copilot/billing"]);

        clock.Advance(TimeSpan.FromHours(1));
        var fresh = await http.GetAsync("/orgs/octo-org/copilot/billing");
        Assert.Equal("4999", fresh.Headers.GetValues("x-ratelimit-remaining").Single());

        sim.Faults = new FaultSettings { RateLimit = new RateLimitFault { Kind = "primary", ResetInSeconds = 90 } };
        var primary = await http.GetAsync("/orgs/octo-org/copilot/billing/seats");
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds() + 90, long.Parse(primary.Headers.GetValues("x-ratelimit-reset").Single()));
        Assert.Equal("API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.", (string)(await primary.Content.ReadFromJsonAsync<JsonNode>())!["message"]!);
    }

    [Fact]
    public async Task Reset_with_a_body_keeps_the_other_options()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Organization = "acme", Enterprise = "acme-ent", Seats = 10 });
        using var http = Client(sim);
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsJsonAsync("/_simulator/reset", new { seats = 15, seed = 3 })).StatusCode);
        Assert.Equal(15, sim.State.OrgSeats("acme").Count);
        Assert.NotEmpty(sim.State.EnterpriseRows("acme-ent"));
        Assert.Empty(sim.State.OrgSeats("octo-org"));
    }
}
