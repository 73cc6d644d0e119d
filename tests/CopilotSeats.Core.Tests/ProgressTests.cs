using CopilotSeats.Pipeline;
using CopilotSeats.Simulator;

namespace CopilotSeats.Core.Tests;

public class ProgressGateTests
{
    [Fact]
    public void First_and_final_pass_and_others_wait_for_the_interval()
    {
        var clock = new FakeClock();
        var gate = new ProgressGate(clock, TimeSpan.FromMilliseconds(200));
        Assert.True(gate.Pass(final: false));                 // first
        Assert.False(gate.Pass(final: false));                // same instant
        clock.Advance(TimeSpan.FromMilliseconds(199));
        Assert.False(gate.Pass(final: false));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(gate.Pass(final: false));                 // 200 ms after the last shown
        Assert.True(gate.Pass(final: true));                  // the final one always
    }
}

public class ListingProgressTests : SimulatorTestBase
{
    protected override SimulatorOptions Options => new() { Seats = 1000 };
    private static readonly SeatScope Org = SeatScope.ForOrganization("octo-org");

    private async Task<List<SeatListingProgress>> ListWithProgress(FakeClock clock, int pageSize, Action? perPage = null, string org = "octo-org")
    {
        var reports = new List<SeatListingProgress>();
        using var client = Client(new CopilotClientOptions { ThrottleLimit = 1, Clock = clock, ListingProgress = p => { lock (reports) reports.Add(p); } });
        await client.ListSeatsAsync(SeatScope.ForOrganization(org), (_, _) => { perPage?.Invoke(); return Task.CompletedTask; }, pageSize);
        return reports;
    }

    [Fact]
    public async Task A_fast_listing_reports_only_the_first_and_the_final_page()
    {
        var reports = await ListWithProgress(new FakeClock(), pageSize: 10); // 100 pages, no time passes
        Assert.Equal(new[] { 10, 1000 }, reports.Select(r => r.SeatsSoFar));
        Assert.All(reports, r => Assert.Equal(1000, r.TotalSeats));
        Assert.Equal(new[] { 1, 100 }, reports.Select(r => r.PercentComplete));
        Assert.All(reports, r => Assert.Equal("octo-org", r.Scope.Name));
    }

    [Fact]
    public async Task A_slow_listing_reports_every_page()
    {
        var clock = new FakeClock();
        var reports = await ListWithProgress(clock, pageSize: 100, perPage: () => clock.Advance(ProgressGate.DefaultInterval));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i * 100), reports.Select(r => r.SeatsSoFar));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i * 10), reports.Select(r => r.PercentComplete));
    }

    [Fact]
    public async Task A_one_page_listing_reports_nothing()
    {
        Assert.Empty(await ListWithProgress(new FakeClock(), pageSize: 100, org: "octo-lab"));
    }
}
