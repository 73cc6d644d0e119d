using CopilotSeats.Completion;
using CopilotSeats.Reports;
using CopilotSeats.Simulator;
using CopilotSeats.Summary;

using static CopilotSeats.Core.Tests.TestSeats;

namespace CopilotSeats.Core.Tests;

/// <summary>Seats as GitHub really sends them: a null assignee (a deleted account) and plan types the module does not know.</summary>
public class NullAssigneeTests
{
    private static string SeatJson(string? login, int id = 1, string plan = "business") =>
        "{\"created_at\":\"2021-08-03T18:00:00-06:00\",\"plan_type\":\"" + plan + "\",\"assignee\":"
        + (login is null ? "null" : $"{{\"login\":\"{login}\",\"id\":{id},\"type\":\"User\"}}") + "}";

    private static async Task<List<CopilotSeat>> List(ScriptedHandler handler, int pageSize = 3, CopilotClientOptions? options = null)
    {
        using var client = Clients.ForHandler(handler, options ?? new CopilotClientOptions { ThrottleLimit = 1 });
        var seats = new List<CopilotSeat>();
        await client.ListSeatsAsync(SeatScope.ForOrganization("octo-org"), (batch, _) => { seats.AddRange(batch); return Task.CompletedTask; }, pageSize);
        return seats;
    }

    [Fact]
    public async Task Seats_without_an_assignee_all_come_out_with_an_empty_login()
    {
        // Three identical deleted-account seats on page 1, one more on page 2: nothing tells them apart, so none is merged.
        var handler = new ScriptedHandler((request, _) => request.RequestUri!.Query.Contains("page=1")
            ? ScriptedHandler.Json(HttpStatusCode.OK, "{\"total_seats\":6,\"seats\":[" + string.Join(",", SeatJson(null), SeatJson("a", 1), SeatJson(null), SeatJson(null)) + "]}",
                ("Link", "<https://api.github.com/orgs/octo-org/copilot/billing/seats?per_page=4&page=2>; rel=\"next\", <https://api.github.com/orgs/octo-org/copilot/billing/seats?per_page=4&page=2>; rel=\"last\""))
            : ScriptedHandler.Json(HttpStatusCode.OK, "{\"total_seats\":6,\"seats\":[" + SeatJson(null) + "," + SeatJson("b", 2) + "]}"));
        var seats = await List(handler, 4);
        Assert.Equal(new[] { "", "a", "", "", "", "b" }, seats.Select(s => s.Login));
        Assert.All(seats.Where(s => s.Login!.Length == 0), s => Assert.Equal((null, null, "octo-org", "business"), (s.UserId, s.AssigneeType, s.Organization, s.PlanType)));
        Assert.Equal("User", seats[1].AssigneeType);
    }

    [Fact]
    public void A_seat_without_an_assignee_is_a_seat_not_a_user()
    {
        var s = new SeatSummarizer(30, null, null, SeatGrouping.None, Now);
        s.Add(new[] { Seat("a"), Seat("", activeDaysAgo: null), Seat("", activeDaysAgo: null, team: "t1"), Seat("", plan: "unknown") });
        var summary = Assert.Single(s.Complete());
        Assert.Equal((4, 1, 3, 1), (summary.Seats, summary.Users, summary.Direct, summary.ViaTeam));
        Assert.Equal((1, 0, 0), (summary.Active, summary.Inactive, summary.NeverUsed));
        Assert.Equal((19m, 0m), (summary.MonthlyCost, summary.InactiveMonthlyCost));
        Assert.Equal(1, s.UnknownPlanSeats);

        var grouped = new SeatSummarizer(30, null, null, SeatGrouping.Team, Now);
        grouped.Add(new[] { Seat(""), Seat("", team: "t1") });
        Assert.All(grouped.Complete(), g => Assert.Equal((1, 0), (g.Seats, g.Users)));
    }

    [Fact]
    public void A_seat_without_an_assignee_is_in_the_reports_charts_but_not_reclaimable()
    {
        var builder = new SeatReportBuilder(30, null, null, Now, "organization o", "o");
        builder.Add(new[] { Seat("idle", activeDaysAgo: 200), Seat("", activeDaysAgo: 200), Seat("", activeDaysAgo: null) });
        SeatReport report = builder.Complete();
        Assert.Equal((3, 1), (report.Summary.Seats, report.Summary.Users));
        Assert.Equal(3, report.Histogram.Sum(b => b.Count));
        Assert.Equal(new[] { "idle" }, report.Reclaimable.Select(r => r.Login));
        using var html = new StringWriter();
        SeatReportWriter.Write(report, html);
        Assert.Contains("idle", html.ToString());
    }

    [Fact]
    public async Task The_unknown_plan_type_flows_as_text_and_costs_nothing_with_one_warning()
    {
        // GitHub's description lists plan_type business, enterprise and unknown.
        var handler = new ScriptedHandler((_, _) => ScriptedHandler.Json(HttpStatusCode.OK,
            "{\"total_seats\":3,\"seats\":[" + SeatJson("a", 1, "unknown") + "," + SeatJson("b", 2, "unknown") + "," + SeatJson("c", 3) + "]}"));
        var seats = await List(handler);
        Assert.Equal(new[] { "unknown", "unknown", "business" }, seats.Select(s => s.PlanType));

        var summarizer = new SeatSummarizer(30, null, null, SeatGrouping.None, Now);
        summarizer.Add(seats);
        Assert.Equal(19m, Assert.Single(summarizer.Complete()).MonthlyCost);
        Assert.Equal("2 seat(s) have a plan type that -Price does not list (unknown); they are counted at a price of 0.", summarizer.UnknownPlanWarning());

        var builder = new SeatReportBuilder(30, null, null, Now);
        builder.Add(seats);
        Assert.Equal(summarizer.UnknownPlanWarning(), builder.Complete().UnknownPlanWarning);
    }
}

/// <summary>Link headers on another host than the API host: followed by path and query on the API host; the token goes nowhere else.</summary>
public class LinkHostTests
{
    private const string ApiHost = "https://api.octo-corp.ghe.com";

    private static string Seats(int from, int count) => string.Join(",", Enumerable.Range(from, count).Select(i =>
        $"{{\"created_at\":\"2025-01-01T00:00:00Z\",\"assignee\":{{\"login\":\"user-{i}\",\"id\":{i}}}}}"));

    /// <summary>Three pages of two seats; Link on api.github.com, with or without rel="last".</summary>
    private static ScriptedHandler ThreePages(bool withLast) => new((request, _) =>
    {
        int page = int.Parse(System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query).Get("page") ?? "1");
        string Url(int p) => $"https://api.github.com/orgs/octo-org/copilot/billing/seats?per_page=2&page={p}";
        var links = new List<string>();
        if (page < 3) links.Add($"<{Url(page + 1)}>; rel=\"next\"");
        if (page < 3 && withLast) links.Add($"<{Url(3)}>; rel=\"last\"");
        return ScriptedHandler.Json(HttpStatusCode.OK, "{\"total_seats\":6,\"seats\":[" + Seats(page * 2 - 1, 2) + "]}", ("Link", string.Join(", ", links)));
    });

    [Theory]
    [InlineData(true, 1)]
    [InlineData(true, 4)]
    [InlineData(false, 4)]
    public async Task A_listing_follows_links_on_another_host_on_the_API_host(bool withLast, int throttle)
    {
        var handler = ThreePages(withLast);
        var verbose = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var client = Clients.ForHandler(handler, new CopilotClientOptions { ThrottleLimit = throttle, Verbose = verbose.Enqueue }, ApiHost);
        var seats = new List<CopilotSeat>();
        await client.ListSeatsAsync(SeatScope.ForOrganization("octo-org"), (batch, _) => { lock (seats) seats.AddRange(batch); return Task.CompletedTask; }, 2);

        Assert.Equal(Enumerable.Range(1, 6).Select(i => "user-" + i), seats.Select(s => s.Login));
        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal("api.octo-corp.ghe.com", r.Uri.Host)); // the canary token went to the API host only
        Assert.All(handler.Requests, r => Assert.Contains(Tokens.Canary, r.Auth));
        Assert.Equal(new[] { "page=1", "page=2", "page=3" }, handler.Requests.Select(r => r.Uri.Query.Split('&').Last()).OrderBy(q => q));
        string line = Assert.Single(verbose, v => v.Contains("Link header"));
        Assert.Contains("https://api.github.com", line);
        Assert.Contains(ApiHost, line);
        Assert.DoesNotContain(Tokens.Canary, string.Join("\n", verbose));
    }

    [Theory]
    [InlineData("https://api.github.com/orgs/o/copilot/billing/seats?per_page=100&page=2", "http://127.0.0.1:5055/", "http://127.0.0.1:5055/orgs/o/copilot/billing/seats?per_page=100&page=2")]
    [InlineData("https://api.github.com/orgs/o/teams?page=2", "https://proxy.corp.test/github/", "https://proxy.corp.test/github/orgs/o/teams?page=2")]
    [InlineData("https://api.github.com/github/orgs/o/teams?page=2", "https://proxy.corp.test/github/", "https://proxy.corp.test/github/orgs/o/teams?page=2")]
    [InlineData("http://api.octo-corp.ghe.com/user/orgs?page=3", "https://api.octo-corp.ghe.com/", "https://api.octo-corp.ghe.com/user/orgs?page=3")]
    public void A_link_on_another_origin_keeps_its_path_and_query_on_the_API_host(string link, string apiUrl, string expected)
    {
        var lines = new List<string>();
        var follower = new LinkFollower(new Uri(apiUrl), lines.Add);
        Assert.Equal(expected, follower.OnApiHost(new Uri(link)).ToString());
        follower.OnApiHost(new Uri(link));
        Assert.Single(lines);
        var same = new Uri(apiUrl + "orgs/o/teams?page=2");
        Assert.Same(same, new LinkFollower(new Uri(apiUrl), lines.Add).OnApiHost(same));
    }

    [Fact]
    public async Task Completion_lists_follow_links_on_another_host_on_the_API_host()
    {
        var handler = new ScriptedHandler((request, _) => request.RequestUri!.Query.Contains("page=2")
            ? ScriptedHandler.Json(HttpStatusCode.OK, "[{\"login\":\"c-org\"}]")
            : ScriptedHandler.Json(HttpStatusCode.OK, "[{\"login\":\"a-org\"}]", ("Link", "<https://api.github.com/user/orgs?per_page=100&page=2>; rel=\"next\"")));
        var source = new ApiCompletionSource(() => new CopilotClientOptions { PrimaryHandlerFactory = () => handler, Clock = new FakeClock() });
        var connection = new ResolvedConnection(new Uri(ApiHost + "/"), "2022-11-28", Tokens.Token());
        Assert.Equal(new[] { "a-org", "c-org" }, await source.ListAsync(new CompletionTarget(connection, CompletionListKind.UserOrganizations, null), default));
        Assert.All(handler.Requests, r => Assert.Equal("api.octo-corp.ghe.com", r.Uri.Host));
    }
}
