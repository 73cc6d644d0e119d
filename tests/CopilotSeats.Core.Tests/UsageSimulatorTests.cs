using CopilotSeats.Simulator;
using CopilotSeats.Simulator.Usage;
using CopilotSeats.Usage;

namespace CopilotSeats.Core.Tests;

/// <summary>Usage reports end to end against the in-process simulator and its download origin.</summary>
public class UsageSimulatorTests : SimulatorTestBase
{
    private static readonly SeatScope Org = SeatScope.ForOrganization("octo-org");

    private async Task<(List<CopilotUserUsage> Records, UsageReportResult Result)> ReadUsers(CopilotClient client, Func<IReadOnlyList<object>, Task>? onBatch = null)
    {
        var records = new List<CopilotUserUsage>();
        var result = await client.Usage().ReadAsync(Org, UsageReportKind.Users, null, UsageRecordFormat.Typed, async (batch, _) =>
        {
            records.AddRange(batch.Cast<CopilotUserUsage>());
            if (onBatch != null) await onBatch(batch);
        }, null, CancellationToken.None);
        return (records, result);
    }

    [Fact]
    public async Task The_first_records_arrive_while_the_first_file_is_still_downloading()
    {
        Sim.Faults = new FaultSettings { Usage = new UsageSettings { DripChunkBytes = 8 * 1024, DripDelayMs = 20 } };
        using var client = Client();
        DownloadEntry? atFirst = null;
        long bytesAtFirst = -1;
        var (records, _) = await ReadUsers(client, _ =>
        {
            if (atFirst is null)
            {
                atFirst = Sim.Downloads.Snapshot().Single();
                bytesAtFirst = atFirst.BytesSent;
            }
            return Task.CompletedTask;
        });
        Assert.NotNull(atFirst);
        var done = Sim.Downloads.Snapshot().First(e => e.File == 1);
        Assert.True(done.Completed);
        Assert.True(bytesAtFirst < done.BytesSent / 4, $"{bytesAtFirst} of {done.BytesSent} bytes were sent when the first record arrived");
        Assert.Equal(120 * 28, records.Count);
    }

    [Fact]
    public async Task Records_agree_with_the_seats_and_the_download_origin_never_sees_a_token()
    {
        Sim.Faults = new FaultSettings { Usage = new UsageSettings { Gzip = true } };
        using var client = Client();
        var (records, result) = await ReadUsers(client);
        Assert.True(Sim.Downloads.Snapshot().All(e => e.Gzip && !e.HadAuthorization));
        Assert.True(result.Links.Links.Count >= 2);
        DateTime end = result.Links.EndDay!.Value;
        foreach (var seat in Sim.State.OrgSeats("octo-org"))
        {
            var mine = records.Where(r => r.Login == seat.Login).ToList();
            if (seat.LastActivityAt is null) Assert.DoesNotContain(mine, r => r.Active);
            else
            {
                DateTime last = seat.LastActivityAt.Value.UtcDateTime.Date;
                if (last >= end.AddDays(-27) && last <= end) Assert.Contains(mine, r => r.Active && r.Day == last);
                Assert.DoesNotContain(mine, r => r.Active && r.Day > last);
            }
        }
    }

    [Fact]
    public async Task Policy_off_day_before_the_data_start_and_a_day_without_data_answer_as_documented()
    {
        using var client = Client();
        var today = Sim.State.Now.UtcDateTime.Date;
        Sim.Faults = new FaultSettings { Usage = new UsageSettings { PolicyOff = new[] { "octo-lab" }, NoDataDays = new[] { today.AddDays(-5).ToString("yyyy-MM-dd") } } };
        var off = await Assert.ThrowsAsync<CopilotApiException>(() => client.Usage().GetLinksAsync(SeatScope.ForOrganization("octo-lab"), UsageReportKind.Users, null, CancellationToken.None));
        Assert.Equal(403, off.StatusCode);
        Assert.Contains("Copilot usage metrics", off.RecommendedAction);
        var early = await Assert.ThrowsAsync<CopilotApiException>(() => client.Usage().GetLinksAsync(Org, UsageReportKind.Users, new DateTime(2025, 10, 9), CancellationToken.None));
        Assert.Equal(404, early.StatusCode);
        Assert.Contains("2025-10-10", early.RecommendedAction);
        Assert.True((await client.Usage().GetLinksAsync(Org, UsageReportKind.Users, today.AddDays(-5), CancellationToken.None)).NoData);
        Assert.True((await client.Usage().GetLinksAsync(Org, UsageReportKind.Users, today, CancellationToken.None)).NoData);
    }
}
