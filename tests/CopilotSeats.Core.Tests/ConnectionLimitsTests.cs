namespace CopilotSeats.Core.Tests;

/// <summary>Two engines (two commands, thread jobs or runspaces) on one API and credential keep GitHub's limits together.</summary>
public class ConnectionLimitsTests
{
    public static TheoryData<string, string, bool> Connections => new()
    {
        { "https://api.github.com", Tokens.Canary, true },                  // another command, same API and token: shares
        { "https://api.octo.ghe.com", Tokens.Canary, false },               // another host
        { "https://api.github.com", "ghp_OTHER0123456789abcdefOTHER", false }, // another token
    };

    private static HttpResponseMessage Answer(HttpRequestMessage request, int n) => n == 0
        ? ScriptedHandler.Json((HttpStatusCode)429, """{"message":"slow down"}""", ("retry-after", "6"))
        : ScriptedHandler.Json(request.Method == HttpMethod.Get ? HttpStatusCode.OK : HttpStatusCode.Created, """{"seats_created":1}""");

    private static CopilotClient Engine(FakeClock clock, List<DateTimeOffset> sentAt, bool limitFirst, string apiUrl = "https://api.github.com",
        string token = Tokens.Canary, int points = 900, Action<RateLimitWaitInfo>? onWait = null, TimeSpan? maxWait = null)
    {
        var handler = new ScriptedHandler((req, _) => { sentAt.Add(clock.UtcNow); return Answer(req, limitFirst ? sentAt.Count - 1 : 1); });
        var options = new CopilotClientOptions { Clock = clock, PointsPerMinute = points, RateLimitWait = onWait, MaxRateLimitWait = maxWait ?? CopilotDefaults.MaxRateLimitWait };
        return Clients.ForHandler(handler, options, apiUrl, token: token);
    }

    /// <summary>Each connection with 900 points a minute (the change turn shows) and with 5 (the budget shows).</summary>
    public static IEnumerable<object[]> ChangeRows() => Connections.SelectMany(row => new object[] { 900, 5 }.Select(points => row.Append(points).ToArray()));

    [Theory]
    [MemberData(nameof(ChangeRows))]
    public async Task One_seat_change_at_a_time_and_one_points_budget(string apiUrl, string token, bool shared, int points)
    {
        var (clock, sentAt) = (new FakeClock(), new List<DateTimeOffset>());
        using var first = Engine(clock, sentAt, false, points: points);
        using var second = Engine(clock, sentAt, false, apiUrl, token, points);
        await first.ChangeSeatsAsync(SeatScope.ForOrganization("octo-org"), SeatAction.Remove, AssigneeKind.User, new[] { "a" }, default);
        await second.ChangeSeatsAsync(SeatScope.ForOrganization("octo-org"), SeatAction.Remove, AssigneeKind.User, new[] { "b" }, default);
        // Shared: a second apart, or the minute (61 s as the budget counts it) that 5 points buy.
        Assert.Equal(TimeSpan.FromSeconds(!shared ? 0 : points == 5 ? 61 : 1), sentAt[1] - sentAt[0]);
    }

    [Theory]
    [MemberData(nameof(Connections))]
    public async Task A_rate_limit_pauses_the_other_command(string apiUrl, string token, bool shared)
    {
        var (clock, sentAt, shown) = (new FakeClock(), new List<DateTimeOffset>(), new List<RateLimitWaitInfo>());
        using var second = Engine(clock, sentAt, false, apiUrl, token, onWait: shown.Add);
        // While the first command waits out its limit, the second sends its request.
        using var first = Engine(clock, sentAt, true, onWait: _ => { if (sentAt.Count == 1) second.GetOrgDetailAsync("octo-org", default).GetAwaiter().GetResult(); });
        await first.GetOrgDetailAsync("octo-org", default);
        Assert.Equal(TimeSpan.FromSeconds(shared ? 6 : 0), sentAt[1] - sentAt[0]);
        // The second command counts the pause down (Write-Progress) as if GitHub had limited it.
        Assert.Equal(shared ? new[] { 6.0, 5, 4, 3, 2, 1, 0 } : new double[0], shown.Select(w => w.Remaining.TotalSeconds));
    }

    [Theory]
    [MemberData(nameof(Connections))]
    public async Task A_pause_the_limited_command_would_not_wait_out_still_holds_the_other(string apiUrl, string token, bool shared)
    {
        var (clock, sentAt) = (new FakeClock(), new List<DateTimeOffset>());
        using var first = Engine(clock, sentAt, true, maxWait: TimeSpan.Zero);
        await Assert.ThrowsAsync<CopilotRateLimitException>(() => first.GetOrgDetailAsync("octo-org", default));
        using var second = Engine(clock, sentAt, false, apiUrl, token, maxWait: TimeSpan.FromSeconds(2));
        Task change = second.ChangeSeatsAsync(SeatScope.ForOrganization("octo-org"), SeatAction.Add, AssigneeKind.User, new[] { "a" }, default);
        if (shared) Assert.True(RequestNotSent.Was(await Assert.ThrowsAsync<CopilotRateLimitException>(() => change)), "marked as not sent");
        else await change;
        Assert.Equal(shared ? 1 : 2, sentAt.Count);
    }
}
