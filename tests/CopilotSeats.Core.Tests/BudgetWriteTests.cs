using CopilotSeats.Budgets;
using CopilotSeats.Journal;
using CopilotSeats.Simulator;

namespace CopilotSeats.Core.Tests;

/// <summary>Budget writes against the in-process simulator: what stops them, what each leaves in the journal.</summary>
public sealed class BudgetWriteTests : SimulatorTestBase, IDisposable
{
    private static readonly SeatScope Org = SeatScope.ForOrganization("octo-org");
    private readonly string _file = Path.Combine(Path.GetTempPath(), "budget-writes-" + Guid.NewGuid().ToString("N") + ".jsonl");

    public void Dispose() => File.Delete(_file);

    private static ScriptedFault Post(int status) => new() { Method = "POST", PathContains = "budgets", Status = status };

    private async Task<(List<string> Seen, Exception? Thrown, CopilotJournalEntry[] Entries)> Create(CopilotClientOptions options, params string[] users)
    {
        using var client = Client(options);
        var seen = new List<string>();
        Exception? thrown = null;
        using (var journal = ChangeJournal.Open(_file, "Set-CopilotBudget"))
        {
            var plan = users.Select(u => new BudgetPlanItem(u, null, 7)).ToList();
            try
            {
                await client.Budgets().ApplyAsync(Org, plan, c => { lock (seen) seen.Add(c.UserName + ":" + c.Result); return Task.CompletedTask; },
                    e => { lock (seen) seen.Add(e.TargetObject + ":" + e.ErrorId); return Task.CompletedTask; }, journal, default);
            }
            catch (CopilotException ex)
            {
                thrown = ex;
            }
        }
        return (seen, thrown, JournalReader.Read(new[] { _file }).ToArray());
    }

    [Fact]
    public async Task A_401_to_one_write_stops_the_run_and_is_thrown_once_while_a_422_is_that_users_alone()
    {
        Sim.Faults = new FaultSettings { Script = new[] { Post(422), Post(401) } };
        var (seen, thrown, entries) = await Create(new CopilotClientOptions { ThrottleLimit = 1 }, "user-0001", "user-0002", "user-0003");
        Assert.Equal("CopilotSeats.Http401", Assert.IsType<CopilotApiException>(thrown).ErrorId);
        Assert.Equal(new[] { "user-0001:CopilotSeats.Http422" }, seen);
        Assert.Equal(2, Requests.Count(r => r.Method == "POST"));
        Assert.Equal(new[] { "user-0002:Refused:401", "user-0001:Refused:422" }, entries.Select(e => $"{e.Name}:{e.Outcome}:{e.Status}"));
    }

    [Theory]
    [InlineData(502, true, 1)]
    [InlineData(0, true, 1)]
    [InlineData(502, false, 0)]
    public async Task A_create_resent_after_GitHub_applied_it_is_Created_once_the_budget_is_found_as_sent(int status, bool afterApplied, int lookups)
    {
        Sim.Faults = new FaultSettings { Script = new[] { new ScriptedFault { Method = "POST", PathContains = "budgets", Status = status, AfterApplied = afterApplied } } };
        var (seen, thrown, entries) = await Create(new CopilotClientOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(1) }, "user-0001");
        Assert.Null(thrown);
        Assert.Equal(new[] { "user-0001:Created" }, seen);
        Assert.Equal("Applied", Assert.Single(entries).Outcome);
        Assert.Equal((2, lookups), (Requests.Count(r => r.Method == "POST"), Requests.Count(r => r.Query.Contains("user=user-0001"))));
    }
}
