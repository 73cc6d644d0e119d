using System.Collections.Concurrent;
using System.Text;
using CopilotSeats.Simulator;
using Xunit.Abstractions;

namespace CopilotSeats.Core.Tests;

/// <summary>Collects one row per fault scenario and prints the matrix when the class is done.</summary>
public sealed class FaultMatrixReport : IDisposable
{
    public ConcurrentDictionary<string, string> Rows { get; } = new();

    public void Add(string scenario, string outcome) => Rows[scenario] = outcome;

    public void Dispose()
    {
        var text = new StringBuilder();
        text.AppendLine("Fault matrix (CopilotSeats.Core against the simulator, fake clock):");
        text.AppendLine("| scenario | outcome |");
        text.AppendLine("|---|---|");
        foreach (var row in Rows.OrderBy(r => r.Key, StringComparer.Ordinal)) text.AppendLine($"| {row.Key} | {row.Value} |");
        string path = Path.Combine(Repo.Root, "out", "fault-matrix.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ToString());
        Console.WriteLine(text.ToString());
    }
}

public class FaultMatrixTests : SimulatorTestBase, IClassFixture<FaultMatrixReport>
{
    private readonly FaultMatrixReport _report;
    private readonly ITestOutputHelper _output;
    private static readonly SeatScope Org = SeatScope.ForOrganization("octo-org");

    public FaultMatrixTests(FaultMatrixReport report, ITestOutputHelper output) { _report = report; _output = output; }

    protected override SimulatorOptions Options => new() { Seats = 10_000 };

    private void Row(string scenario, string outcome)
    {
        _report.Add(scenario, outcome);
        _output.WriteLine($"{scenario}: {outcome}");
    }

    [Fact]
    public async Task Random_502_503_at_20_percent_lists_every_seat_exactly_once()
    {
        Sim.Faults = new FaultSettings { ErrorRate = 0.2, ErrorStatuses = new[] { 502, 503 } };
        var clock = new FakeClock();
        using var client = Client(new CopilotClientOptions { ThrottleLimit = 4, Clock = clock, MaxRetries = 10 });
        var seats = await ListAll(client, Org);
        Assert.Equal(10_000, seats.Count);
        Assert.Equal(10_000, seats.Select(s => s.Login).Distinct().Count());
        int failed = Requests.Count(r => r.Status >= 500);
        Assert.True(failed > 5, $"only {failed} injected failures");
        Row("01 20% random 502/503, 10,000 seats", $"{seats.Count} seats, each once; {failed} failed requests retried; {clock.Delays.Count} backoffs");
    }

    [Fact]
    public async Task Dropped_connections_including_mid_body_are_retried()
    {
        Sim.Faults = new FaultSettings { DropRate = 0.1, DropMidBodyRate = 0.1 };
        using var client = Client(new CopilotClientOptions { ThrottleLimit = 4, Clock = new FakeClock(), MaxRetries = 10 });
        var seats = await ListAll(client, Org);
        Assert.Equal(10_000, seats.Select(s => s.Login).Distinct().Count());
        Assert.Equal(10_000, seats.Count);
        Row("02 10% dropped + 10% mid-body drops", $"{seats.Count} seats, each once");
    }

    public static IEnumerable<object[]> RateLimitForms() => new[]
    {
        new object[] { "retry-after-429", 7, 0, 7.0 },
        new object[] { "retry-after-403", 9, 0, 9.0 },
        new object[] { "secondary-403", 0, 0, 60.0 },
        new object[] { "secondary-429", 0, 0, 60.0 },
        new object[] { "primary", 0, 90, 91.0 },
    };

    [Theory]
    [MemberData(nameof(RateLimitForms))]
    public async Task Each_rate_limit_form_waits_the_right_time_then_completes(string kind, int retryAfter, int resetIn, double expectedSeconds)
    {
        var clock = new FakeClock(DateTimeOffset.UtcNow); // the simulator's reset header is in real epoch seconds
        Sim.Faults = new FaultSettings { RateLimit = new RateLimitFault { Kind = kind, Times = 1, RetryAfterSeconds = retryAfter, ResetInSeconds = resetIn } };
        var waits = new List<RateLimitWaitInfo>();
        using var client = Client(new CopilotClientOptions { ThrottleLimit = 1, Clock = clock, RateLimitWait = waits.Add });
        var seats = await ListAll(client, Org);
        Assert.Equal(10_000, seats.Count);
        double waited = clock.TotalDelay.TotalSeconds;
        Assert.InRange(waited, expectedSeconds - 1.5, expectedSeconds + 1.5);
        Assert.True(waits.Last().Completed);
        Assert.Contains(Captured, line => line.StartsWith("Rate limited:"));
        Row($"03 rate limit {kind}", $"waited {waited:0} s (expected ~{expectedSeconds:0} s), then all {seats.Count} seats");
    }

    [Fact]
    public async Task While_limited_no_worker_sends()
    {
        var clock = new FakeClock(DateTimeOffset.UtcNow);
        Sim.Faults = new FaultSettings { RateLimit = new RateLimitFault { Kind = "retry-after-429", Times = 1, RetryAfterSeconds = 30 } };
        using var client = Client(new CopilotClientOptions { ThrottleLimit = 8, Clock = clock });
        var seats = await ListAll(client, Org);
        Assert.Equal(10_000, seats.Count);
        // Only requests already in flight when the limit hit may follow the 429 before the wait ends.
        var log = Requests.ToList();
        int limited = log.FindIndex(r => r.Status == 429);
        Assert.True(limited >= 0);
        Assert.True(log.Count(r => r.Status == 429) == 1);
        Row("04 pause shared by all workers", $"one 429, {log.Count} requests, {seats.Count} seats");
    }

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(0)] // dropped connection
    public async Task Mutations_retried_on_gateway_errors_are_not_duplicated(int status)
    {
        Sim.Faults = new FaultSettings { Script = new[] { new ScriptedFault { Method = "POST", PathContains = "selected_users", Status = status, Times = 1 } } };
        using var client = Client(new CopilotClientOptions { Clock = new FakeClock() });
        var change = await client.ChangeSeatsAsync(Org, SeatAction.Add, AssigneeKind.User, new[] { "no-seat-1", "no-seat-2" }, default);
        Assert.Equal(2, Requests.Count(r => r.Method == "POST"));
        Assert.Equal(2, change.SeatsChanged);
        var seats = await ListAll(client, Org);
        Assert.Equal(10_002, seats.Count);
        Assert.Single(seats, s => s.Login == "no-seat-1");
        Row($"07 POST answered {(status == 0 ? "dropped connection" : status.ToString())} once", "retried once; seats created once");
    }

    [Fact]
    public async Task Cancellation_stops_a_thousand_page_listing_within_one_second()
    {
        Sim.Faults = new FaultSettings { LatencyMs = 200 };
        using var client = Client(new CopilotClientOptions { ThrottleLimit = 4 });
        using var cts = new CancellationTokenSource();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var task = client.ListSeatsAsync(Org, (_, _) => Task.CompletedTask, 10, cts.Token); // 1,000 pages of 10
        await Task.Delay(600);
        cts.Cancel();
        var stopWatch = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        stopWatch.Stop();
        int sent = Requests.Count;
        await Task.Delay(400);
        Assert.True(stopWatch.Elapsed < TimeSpan.FromSeconds(1), $"stopping took {stopWatch.Elapsed}");
        Assert.True(Requests.Count <= sent + 4, "no new requests after cancellation");
        Assert.True(sent < 100);
        Row("08 Ctrl+C during a 1,000-page listing", $"stopped in {stopWatch.ElapsedMilliseconds} ms after {sent} requests");
    }

    [Fact]
    public async Task Cancellation_stops_a_rate_limit_wait_at_once()
    {
        Sim.Faults = new FaultSettings { RateLimit = new RateLimitFault { Kind = "retry-after-429", Times = 1, RetryAfterSeconds = 600 } };
        using var client = Client();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListSeatsAsync(Org, (_, _) => Task.CompletedTask, 100, cts.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1.5));
        Row("09 Ctrl+C during a 600 s rate-limit wait", $"stopped after {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Budget_and_concurrency_limits_are_respected()
    {
        Sim.Faults = new FaultSettings { EnforceConcurrency = 100, EnforcePointsPerMinute = 900 };
        var clock = new FakeClock();
        using var client = Client(new CopilotClientOptions { ThrottleLimit = 16, Clock = clock });
        var seats = await ListAll(client, Org);
        Assert.Equal(10_000, seats.Count);
        Assert.DoesNotContain(Requests, r => r.Status == 403 || r.Status == 429);
        Assert.True(Sim.Stats().MaxConcurrent <= 16);
        Row("10 simulator enforcing 100 concurrent / 900 points per minute", $"100 pages at ThrottleLimit 16: no secondary limit hit, max {Sim.Stats().MaxConcurrent} concurrent");
    }

    [Fact]
    public async Task Canary_token_appears_nowhere()
    {
        Sim.Faults = new FaultSettings { ErrorRate = 0.2, RateLimit = new RateLimitFault { Kind = "retry-after-429", Times = 1, RetryAfterSeconds = 1 } };
        var errors = new List<string>();
        using var client = Client(new CopilotClientOptions { Clock = new FakeClock(), MaxRetries = 10 });
        var seats = await ListAll(client, Org);
        foreach (Func<Task> failing in new Func<Task>[]
        {
            () => client.GetUserSeatAsync(Org, "ghost-user", default),
            () => client.ChangeSeatsAsync(Org, SeatAction.Remove, AssigneeKind.User, new[] { "team1-member-1" }, default),
            () => client.GetOrgDetailAsync("no-such-org", default),
        })
        {
            try { await failing(); } catch (Exception ex) { errors.Add(ex.ToString()); errors.Add(ex.Message); }
        }
        string everything = string.Join("\n", Captured) + string.Join("\n", errors) + string.Join("\n", seats.Select(s => s.ToString()))
            + System.Text.Json.JsonSerializer.Serialize(Requests) + client.Engine.Connection + client.ToString();
        Assert.NotEmpty(Captured);
        Assert.Equal(3, errors.Count / 2);
        Assert.DoesNotContain(Tokens.Canary, everything);
        Assert.DoesNotContain(Tokens.Canary[4..20], everything);
        Row("11 canary token", $"absent from {Captured.Count} verbose/warning lines, 3 errors, the request log and ToString");
    }
}
