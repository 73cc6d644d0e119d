using System.Diagnostics;
using CopilotSeats.Reports;
using CopilotSeats.Simulator;
using CopilotSeats.Summary;
using CopilotSeats.Usage;

namespace CopilotSeats.Core.Tests;

/// <summary>
/// Listing with usage (<see cref="SeatsWithUsage"/>, what -IncludeUsage runs) against the in-process simulator: the
/// usage on every page, the one warning when the report cannot be had (before any page), the verbose line for bad
/// report lines, a failed listing or a cancellation not waiting for the download, and both sinks fed from it.
/// </summary>
public class SeatsWithUsageTests : SimulatorTestBase
{
    private static readonly SeatScope Org = SeatScope.ForOrganization("octo-org");
    private static readonly SeatScope Lab = SeatScope.ForOrganization("octo-lab");

    /// <summary>What the callbacks saw, in order: "warning: ...", "verbose: ..." and "page" entries.</summary>
    private readonly List<string> _events = new();
    private readonly List<CopilotSeat> _seats = new();

    private SeatsWithUsage WithUsage(CopilotClient client) => new(client,
        message => { lock (_events) _events.Add("warning: " + message); return Task.CompletedTask; },
        message => { lock (_events) _events.Add("verbose: " + message); return Task.CompletedTask; });

    private Task List(CopilotClient client, SeatScope scope, bool includeUsage, CancellationToken cancellationToken = default, int pageSize = 50) =>
        WithUsage(client).ListAsync(scope, pageSize, includeUsage, (page, _) =>
        {
            lock (_events)
            {
                _events.Add("page");
                _seats.AddRange(page);
            }
            return Task.CompletedTask;
        }, cancellationToken);

    private List<string> Events(string kind) { lock (_events) return _events.Where(e => e.StartsWith(kind, StringComparison.Ordinal)).ToList(); }

    /// <summary>The report's records as the typed reader gives them, and its last day.</summary>
    private static async Task<(List<CopilotUserUsage> Records, DateTime EndDay)> Report(CopilotClient client, SeatScope scope)
    {
        var records = new List<CopilotUserUsage>();
        UsageReportResult result = await client.Usage().ReadAsync(scope, UsageReportKind.Users, null, UsageRecordFormat.Typed,
            (batch, _) => { lock (records) records.AddRange(batch.Cast<CopilotUserUsage>()); return Task.CompletedTask; }, null, CancellationToken.None);
        return (records, result.Links.EndDay!.Value);
    }

    [Fact]
    public async Task Every_page_carries_the_usage_the_report_records_give_each_seat()
    {
        using var client = Client();
        var (records, end) = await Report(client, Org);
        await List(client, Org, includeUsage: true);

        Assert.Empty(Events("warning"));
        Assert.Equal(Sim.State.OrgSeats("octo-org").Count, _seats.Count);
        foreach (CopilotSeat seat in _seats)
        {
            var mine = records.Where(r => string.Equals(r.Login, seat.Login, StringComparison.OrdinalIgnoreCase)).ToList();
            var activeDays = mine.Where(r => r.Active).Select(r => r.Day!.Value.Date).Distinct().ToList();
            Assert.Equal(end, seat.UsageReportEndDay);
            Assert.Equal(activeDays.Count, seat.UsageActiveDays);
            Assert.Equal(activeDays.Count == 0 ? null : activeDays.Max(), seat.UsageLastActiveDay);
            Assert.Equal(mine.Sum(r => r.Interactions), seat.UsageInteractions);
        }
        Assert.Contains(_seats, s => s.UsageActiveDays > 0);
    }

    [Fact]
    public async Task Without_usage_no_report_is_asked_for_and_the_seats_carry_none()
    {
        using var client = Client();
        await List(client, Lab, includeUsage: false);
        Assert.Equal(30, _seats.Count);
        Assert.All(_seats, s => Assert.Null(s.UsageReportEndDay));
        Assert.DoesNotContain(Requests, r => r.Path.Contains("metrics", StringComparison.Ordinal));
        Assert.Empty(Events("warning"));
    }

    [Fact]
    public async Task A_report_that_cannot_be_had_is_one_warning_before_any_page_and_the_seats_come_without_usage()
    {
        Sim.Faults = new FaultSettings { Usage = new UsageSettings { PolicyOff = new[] { "octo-lab" } } };
        using var client = Client();
        await List(client, Lab, includeUsage: true);

        string warning = Assert.Single(Events("warning"));
        Assert.StartsWith("warning: The usage report could not be had, so the seats come out without usage: ", warning, StringComparison.Ordinal);
        Assert.Contains("Copilot usage metrics", warning, StringComparison.Ordinal);
        Assert.Equal(warning, _events[0]);
        Assert.Equal(30, _seats.Count);
        Assert.All(_seats, s => Assert.Null(s.UsageReportEndDay));
    }

    [Fact]
    public async Task No_28_day_report_yet_is_one_warning_and_the_seats_come_without_usage()
    {
        // GitHub answers 204 before the first report is ready (the simulator always has one).
        var handler = new ScriptedHandler((request, _) => request.RequestUri!.AbsolutePath.Contains("/metrics/", StringComparison.Ordinal)
            ? new HttpResponseMessage(HttpStatusCode.NoContent)
            : ScriptedHandler.Json(HttpStatusCode.OK, "{\"total_seats\":2,\"seats\":["
                + "{\"created_at\":\"2026-01-01T00:00:00Z\",\"assignee\":{\"login\":\"a\",\"id\":1}},"
                + "{\"created_at\":\"2026-01-01T00:00:00Z\",\"assignee\":{\"login\":\"b\",\"id\":2}}]}"));
        using var client = Clients.ForHandler(handler);
        await List(client, Lab, includeUsage: true);

        Assert.Equal(new[] { "warning: GitHub has no 28-day users usage report for the organization octo-lab yet; the seats come out without usage." }, Events("warning"));
        Assert.Equal(new[] { "warning", "page" }, _events.Select(e => e.Split(':')[0]));
        Assert.Equal(new[] { "a", "b" }, _seats.Select(s => s.Login));
        Assert.All(_seats, s => Assert.Null(s.UsageActiveDays));
    }

    [Fact]
    public async Task Bad_report_lines_are_left_out_and_counted_in_one_verbose_line()
    {
        Sim.Faults = new FaultSettings { Usage = new UsageSettings { MalformedLine = new MalformedLine { File = 1, Line = 2 } } };
        using var client = Client();
        await List(client, Lab, includeUsage: true);

        Assert.Empty(Events("warning"));
        Assert.Equal(new[] { "verbose: 1 line(s) of the usage report were not valid JSON and were left out of the usage." }, Events("verbose"));
        Assert.Equal(30, _seats.Count);
        Assert.All(_seats, s => Assert.NotNull(s.UsageReportEndDay));
    }

    [Fact]
    public async Task A_failed_listing_ends_with_its_own_error_without_waiting_for_the_download()
    {
        Sim.Faults = new FaultSettings
        {
            Script = new[] { new ScriptedFault { PathContains = "/copilot/billing/seats", Status = 404 } },
            Usage = new UsageSettings { DripChunkBytes = 1024, DripDelayMs = 500 },
        };
        using var client = Client();
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<CopilotApiException>(() => List(client, Org, includeUsage: true));
        Assert.Equal(404, error.StatusCode);
        Assert.Contains("/copilot/billing/seats", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Empty(_seats);
        Assert.DoesNotContain(Sim.Downloads.Snapshot(), d => d.Completed);
    }

    [Fact]
    public async Task Cancelling_stops_the_listing_and_the_download()
    {
        Sim.Faults = new FaultSettings { Usage = new UsageSettings { DripChunkBytes = 1024, DripDelayMs = 500 } };
        using var client = Client();
        using var cancel = new CancellationTokenSource();
        Task listing = List(client, Org, includeUsage: true, cancel.Token);
        while (Sim.Downloads.Snapshot().Count == 0 && !listing.IsCompleted) await Task.Delay(20);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listing);
        Assert.Empty(_seats); // every page waits for the report
        Assert.Empty(Events("warning"));
        Assert.DoesNotContain(Sim.Downloads.Snapshot(), d => d.Completed);
    }

    [Fact]
    public async Task The_summarizer_and_the_report_builder_are_sinks_with_the_same_UsageActive_figure_and_the_page_shows_it()
    {
        using var client = Client();
        var (records, _) = await Report(client, Org);
        int expected = records.Where(r => r.Active).Select(r => r.Login!.ToLowerInvariant()).Distinct()
            .Count(login => Sim.State.OrgSeats("octo-org").Any(s => string.Equals(s.Login, login, StringComparison.OrdinalIgnoreCase)));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var summarizer = new SeatSummarizer(30, null, null, SeatGrouping.None, now, Org.Name);
        var builder = new SeatReportBuilder(30, null, null, now, Org.ToString(), Org.Name);
        ISeatSink[] sinks = { summarizer, builder };
        await WithUsage(client).ListAsync(Org, 100, includeUsage: true, (page, _) =>
        {
            foreach (ISeatSink sink in sinks) sink.Add(page);
            return Task.CompletedTask;
        }, CancellationToken.None);

        SeatReport report = builder.Complete();
        Assert.Equal(expected, summarizer.Complete()[0].UsageActive);
        Assert.Equal(expected, report.Summary.UsageActive);
        var page = new StringWriter();
        SeatReportWriter.Write(report, page);
        Assert.Contains($"data-figure=\"UsageActive\" data-value=\"{expected}\">{expected:N0}</span>", page.ToString());

        // Seats without usage: no figure.
        var plain = new SeatReportBuilder(30, null, null, now, Org.ToString(), Org.Name);
        plain.Add(await ListAll(client, Org));
        var withoutUsage = new StringWriter();
        SeatReportWriter.Write(plain.Complete(), withoutUsage);
        Assert.DoesNotContain("UsageActive", withoutUsage.ToString());
    }
}
