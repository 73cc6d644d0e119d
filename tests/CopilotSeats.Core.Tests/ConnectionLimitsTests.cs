namespace CopilotSeats.Core.Tests;

/// <summary>Two engines (two commands, thread jobs or runspaces) on one API and credential keep GitHub's limits together.</summary>
public class ConnectionLimitsTests
{
    private const string OtherToken = "ghp_OTHER0123456789abcdefOTHER";

    public static TheoryData<string, string, bool> Connections => new()
    {
        { "https://api.github.com", Tokens.Canary, true },   // another command, same API and token: shares
        { "https://api.octo.ghe.com", Tokens.Canary, false }, // another host
        { "https://api.github.com", OtherToken, false },      // another token
    };

    private static HttpResponseMessage Answer(HttpRequestMessage request) => request.Method == HttpMethod.Get
        ? ScriptedHandler.Json(HttpStatusCode.OK, """{"seat_breakdown":{"total":1}}""")
        : ScriptedHandler.Json(HttpStatusCode.Created, """{"seats_created":1}""");

    private static CopilotClient Engine(FakeClock clock, ScriptedHandler handler, string apiUrl = "https://api.github.com", string token = Tokens.Canary,
        int pointsPerMinute = 900, Action<RateLimitWaitInfo>? onWait = null) =>
        Clients.ForHandler(handler, new CopilotClientOptions { Clock = clock, PointsPerMinute = pointsPerMinute, RateLimitWait = onWait }, apiUrl, token: token);

    [Theory]
    [MemberData(nameof(Connections))]
    public async Task One_points_budget(string apiUrl, string token, bool shared)
    {
        var clock = new FakeClock();
        var handler = new ScriptedHandler((req, _) => Answer(req));
        using var first = Engine(clock, handler, pointsPerMinute: 3);
        using var second = Engine(clock, handler, apiUrl, token, pointsPerMinute: 3);
        for (int i = 0; i < 3; i++) await first.GetOrgDetailAsync("octo-org", default);
        await second.GetOrgDetailAsync("octo-org", default);
        Assert.Equal(TimeSpan.FromSeconds(shared ? 61 : 0), clock.TotalDelay);
    }

    [Theory]
    [MemberData(nameof(Connections))]
    public async Task Seat_changes_one_at_a_time_a_second_apart(string apiUrl, string token, bool shared)
    {
        var clock = new FakeClock();
        var handler = new ScriptedHandler((req, _) => Answer(req));
        using var first = Engine(clock, handler);
        using var second = Engine(clock, handler, apiUrl, token);
        await first.ChangeSeatsAsync(SeatScope.ForOrganization("octo-org"), SeatAction.Remove, AssigneeKind.User, new[] { "a" }, default);
        await second.ChangeSeatsAsync(SeatScope.ForOrganization("octo-org"), SeatAction.Add, AssigneeKind.User, new[] { "b" }, default);
        Assert.Equal(TimeSpan.FromSeconds(shared ? 1 : 0), clock.TotalDelay);
    }

    [Theory]
    [MemberData(nameof(Connections))]
    public async Task A_rate_limit_pauses_the_other_command(string apiUrl, string token, bool shared)
    {
        var clock = new FakeClock();
        DateTimeOffset start = clock.UtcNow;
        var sentAt = new List<DateTimeOffset>();
        var handler = new ScriptedHandler((req, n) =>
        {
            sentAt.Add(clock.UtcNow);
            return n == 1 ? ScriptedHandler.Json((HttpStatusCode)429, """{"message":"slow down"}""", ("retry-after", "6")) : Answer(req);
        });
        using var second = Engine(clock, handler, apiUrl, token);
        // While the first command waits out its limit, the second sends its request.
        using var first = Engine(clock, handler, onWait: _ => { if (sentAt.Count == 1) second.GetOrgDetailAsync("octo-org", default).GetAwaiter().GetResult(); });
        await first.GetOrgDetailAsync("octo-org", default);
        Assert.Equal(start + TimeSpan.FromSeconds(shared ? 6 : 0), sentAt[1]);
    }
}
