using CopilotSeats.Pipeline;
using CopilotSeats.Simulator;

namespace CopilotSeats.Core.Tests;

public class PagingTests : SimulatorTestBase
{
    protected override SimulatorOptions Options => new() { Seats = 1234 };
    private static readonly SeatScope Org = SeatScope.ForOrganization("octo-org");

    [Theory]
    [InlineData(1, 100)]
    [InlineData(4, 100)]
    [InlineData(16, 100)]
    [InlineData(4, 7)]
    [InlineData(3, 1)]
    public async Task Lists_every_seat_exactly_once(int throttle, int pageSize)
    {
        // Virtual time: 1,234 pages of one seat exceed GitHub's 900 points a minute, a wait of a real minute otherwise.
        var clock = new FakeClock();
        using var client = Client(new CopilotClientOptions { ThrottleLimit = throttle, Clock = clock });
        var seats = await ListAll(client, Org, pageSize);
        Assert.Equal(1234, seats.Count);
        Assert.Equal(1234, seats.Select(s => s.Login).Distinct().Count());
        Assert.Equal(Sim.State.OrgSeats("octo-org").Select(s => s.Login), seats.Select(s => s.Login)); // in listing order
        Assert.All(Requests, r => Assert.Matches($"(^|[?&])per_page={pageSize}(&|$)", r.Query));
        int pages = (int)Math.Ceiling(1234.0 / pageSize);
        Assert.Equal(pages, Requests.Count);
        Assert.Equal(Enumerable.Range(1, pages), Requests.Select(r => int.Parse(System.Web.HttpUtility.ParseQueryString(r.Query).Get("page")!)).OrderBy(p => p));
        Assert.Equal(pages > 900, clock.TotalDelay >= TimeSpan.FromSeconds(60)); // the budget waited only when the minute's points ran out
    }

    [Fact]
    public async Task Pages_are_written_in_order()
    {
        using var client = Client(new CopilotClientOptions { ThrottleLimit = 8 });
        Sim.Faults = new FaultSettings { LatencyMs = 5, LatencyJitterMs = 40 };
        var inOrder = await ListAll(client, Org);
        Sim.Faults = new FaultSettings();
        using var sequential = Client(new CopilotClientOptions { ThrottleLimit = 1 });
        Assert.Equal((await ListAll(sequential, Org)).Select(s => s.Login), inOrder.Select(s => s.Login));
    }

    [Fact]
    public async Task First_page_is_written_before_the_second_is_requested()
    {
        using var client = Client(new CopilotClientOptions { ThrottleLimit = 4 });
        var requestsAtFirstPage = -1;
        int page = 0;
        await client.ListSeatsAsync(Org, (seats, _) =>
        {
            if (page++ == 0) requestsAtFirstPage = Requests.Count;
            return Task.CompletedTask;
        });
        Assert.Equal(1, requestsAtFirstPage);
    }

    [Fact]
    public async Task A_consumer_that_stops_after_the_first_page_costs_one_request()
    {
        // What `Get-CopilotSeat | Select-Object -First 3` does: the pipeline throws from WriteObject.
        using var client = Client(new CopilotClientOptions { ThrottleLimit = 16 });
        var pump = new PipelinePump();
        int written = 0;
        Assert.Throws<StopUpstreamException>(() => pump.Run(ct => client.ListSeatsAsync(Org, (seats, token) => pump.Post(() =>
        {
            foreach (var _ in seats) if (++written > 3) throw new StopUpstreamException();
        }), 100, ct), CancellationToken.None));
        await Task.Delay(200);
        Assert.Single(Requests);
    }

    [Fact]
    public async Task Concurrency_never_exceeds_the_throttle_limit()
    {
        Sim.Faults = new FaultSettings { LatencyMs = 30 };
        using var client = Client(new CopilotClientOptions { ThrottleLimit = 3 });
        var seats = await ListAll(client, Org);
        Assert.Equal(1234, seats.Count);
        Assert.True(Sim.Stats().MaxConcurrent <= 3, $"max concurrent {Sim.Stats().MaxConcurrent}");
    }

    [Fact]
    public async Task Listing_that_changes_underneath_warns_and_writes_no_seat_twice()
    {
        var warnings = new List<string>();
        using var client = Client(new CopilotClientOptions { ThrottleLimit = 1, Warning = warnings.Add });
        using var admin = Client();
        var seats = new List<CopilotSeat>();
        int page = 0;
        await client.ListSeatsAsync(Org, async (batch, ct) =>
        {
            seats.AddRange(batch);
            if (page++ == 2)
            {
                // Seats are added while the listing runs: later pages shift.
                await admin.ChangeSeatsAsync(Org, SeatAction.Add, AssigneeKind.User, Enumerable.Range(1, 5).Select(i => $"no-seat-{i}").ToArray(), ct);
            }
        });
        Assert.Single(warnings);
        Assert.Matches("changed while it was read .*from 1234 to 1239", warnings[0]);
        Assert.Equal(seats.Count, seats.Select(s => s.Login).Distinct().Count());
        Assert.True(seats.Count >= 1234);
    }

    public sealed class StopUpstreamException : Exception { }
}

/// <summary>Listings read from answers shaped like GitHub's own examples (not our simulator).</summary>
public class ExampleShapedPagingTests
{
    private static string Seat(string login, int id, string? team = null) =>
        $"{{\"created_at\":\"2021-08-03T18:00:00-06:00\",\"assignee\":{{\"login\":\"{login}\",\"id\":{id},\"type\":\"User\"}}"
        + (team is null ? string.Empty : $",\"assigning_team\":{{\"slug\":\"{team}\",\"name\":\"{team}\"}}") + "}";

    [Fact]
    public async Task Seats_that_repeat_an_assignee_id_are_all_written()
    {
        // GitHub's documented examples repeat assignee ids ("id": 1 for octocat and octokitten); a fake built
        // from them lists distinct users under one id. Each login is its own seat.
        string page = "{\"total_seats\":4,\"seats\":[" + string.Join(",", Seat("octocat", 1), Seat("octokitten", 1), Seat("user-1", 1), Seat("user-2", 1)) + "]}";
        var handler = new ScriptedHandler((_, _) => ScriptedHandler.Json(HttpStatusCode.OK, page));
        using var client = Clients.ForHandler(handler);
        var seats = new List<CopilotSeat>();
        await client.ListSeatsAsync(SeatScope.ForOrganization("octo-org"), (batch, _) => { seats.AddRange(batch); return Task.CompletedTask; });
        Assert.Equal(new[] { "octocat", "octokitten", "user-1", "user-2" }, seats.Select(s => s.Login));
    }

    // NOTES.md: follow the Link header's next page. GitHub reports 250 seats, lists 2 and links no further page: the listing
    // is what GitHub gave, and it says that it may be incomplete (the most common complaint about seat tools is "only 50 seats").
    [Theory]
    [InlineData(250, 1)]
    [InlineData(2, 0)]
    public async Task A_listing_that_ends_short_of_total_seats_without_a_next_page_says_so(int total, int warned)
    {
        var handler = new ScriptedHandler((_, _) => ScriptedHandler.Json(HttpStatusCode.OK, $"{{\"total_seats\":{total},\"seats\":[" + Seat("a", 1) + "," + Seat("b", 2) + "]}"));
        var warnings = new List<string>();
        using var client = Clients.ForHandler(handler, new CopilotClientOptions { Warning = warnings.Add });
        var seats = new List<CopilotSeat>();
        await client.ListSeatsAsync(SeatScope.ForOrganization("octo-org"), (batch, _) => { seats.AddRange(batch); return Task.CompletedTask; });
        Assert.Equal(new[] { "a", "b" }, seats.Select(s => s.Login));
        Assert.Equal(warned, warnings.Count);
        if (warned == 1) Assert.Equal("GitHub listed 2 of the 250 seats it reported and linked no further page: the listing may be incomplete. Run the command again.", warnings[0]);
    }

    [Fact]
    public async Task The_same_seat_on_two_pages_is_written_once()
    {
        // A seat that shifts across a page boundary (the listing changed) comes twice: same login, id and team.
        var handler = new ScriptedHandler((request, n) => n == 1
            ? ScriptedHandler.Json(HttpStatusCode.OK, "{\"total_seats\":3,\"seats\":[" + Seat("a", 1) + "," + Seat("b", 2) + "]}",
                ("Link", "<https://api.github.com/orgs/octo-org/copilot/billing/seats?per_page=2&page=2>; rel=\"next\""))
            : ScriptedHandler.Json(HttpStatusCode.OK, "{\"total_seats\":3,\"seats\":[" + Seat("B", 2) + "," + Seat("c", 3) + "]}"));
        using var client = Clients.ForHandler(handler, new CopilotClientOptions { ThrottleLimit = 1 });
        var seats = new List<CopilotSeat>();
        await client.ListSeatsAsync(SeatScope.ForOrganization("octo-org"), (batch, _) => { seats.AddRange(batch); return Task.CompletedTask; }, 2);
        Assert.Equal(new[] { "a", "b", "c" }, seats.Select(s => s.Login));
    }
}
