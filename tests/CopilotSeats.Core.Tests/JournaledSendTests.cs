using CopilotSeats.Journal;
using CopilotSeats.Simulator;
using CopilotSeats.Sync;

namespace CopilotSeats.Core.Tests;

/// <summary>JournaledSend against the in-process simulator: what each request leaves in the journal; the undo plan and restore check.</summary>
public sealed class JournaledSendTests : SimulatorTestBase, IDisposable
{
    private static readonly SeatScope Org = SeatScope.ForOrganization("octo-org");
    private readonly string _file = Path.Combine(Path.GetTempPath(), "journal-send-" + Guid.NewGuid().ToString("N") + ".jsonl");

    public void Dispose() => File.Delete(_file);

    private CopilotClient Fast() => Client(new CopilotClientOptions { MutationSpacing = TimeSpan.Zero, MaxRetries = 0 });

    private async Task<(BatchOutcome Outcome, CopilotJournalEntry[] Entries)> Send(SeatAction action, params string[] names)
    {
        using CopilotClient client = Fast();
        using ChangeJournal journal = ChangeJournal.Open(_file, "Remove-CopilotUser");
        BatchOutcome outcome;
        try
        {
            outcome = await JournaledSend.SendAsync(client, journal, Org, action, AssigneeKind.User, names, CancellationToken.None);
        }
        catch (CopilotException)
        {
            outcome = new BatchOutcome();
        }
        return (outcome, JournalReader.Read(new[] { _file }).ToArray());
    }

    [Fact]
    public async Task A_422_batch_is_Refused_for_every_name_then_the_resend_Applied_and_no_token_is_written()
    {
        var (outcome, entries) = await Send(SeatAction.Remove, "user-0001", "team1-member-1", "user-0002");
        Assert.Equal(outcome.Changes.Single().RunId, entries[0].RunId);
        Assert.Equal(new[] { "2:user-0002:Applied", "2:user-0001:Applied", "1:user-0002:Refused", "1:team1-member-1:Refused", "1:user-0001:Refused" },
            entries.Select(e => $"{e.Request}:{e.Name}:{e.Outcome}"));
        Assert.Equal(2, entries[0].SeatsCancelled);
        Assert.Equal(422, entries[2].Status);
        Assert.DoesNotContain(Tokens.Canary, File.ReadAllText(_file));
    }

    [Theory]
    [InlineData(true, "drop after applied", 1)]
    [InlineData(false, "drop", 0)]
    public async Task A_connection_lost_before_the_answer_is_Unknown_whether_or_not_it_was_applied(bool afterApplied, string fault, int pending)
    {
        Sim.Faults = new FaultSettings { Script = new[] { new ScriptedFault { Method = "DELETE", Status = 0, AfterApplied = afterApplied } } };
        var (_, entries) = await Send(SeatAction.Remove, "user-0003");
        Assert.Equal("Unknown", Assert.Single(entries).Outcome);
        Assert.Equal(fault, Requests.Single(r => r.Method == "DELETE").Fault);
        Assert.Equal(pending, Sim.State.OrgSeats("octo-org").Count(s => s.Login == "user-0003" && s.PendingCancellationDate != null));
    }

    [Fact]
    public async Task Without_a_journal_nothing_is_written_and_the_change_has_no_run()
    {
        using CopilotClient client = Fast();
        BatchOutcome outcome = await JournaledSend.SendAsync(client, null, Org, SeatAction.Add, AssigneeKind.User, new[] { "no-seat-1" }, CancellationToken.None);
        Assert.Null(outcome.Changes.Single().RunId);
        Assert.False(File.Exists(_file));
    }

    [Fact]
    public async Task Undo_adds_back_what_was_cancelled_and_cancels_what_was_added_leaving_refused_and_unknown_names()
    {
        await Send(SeatAction.Remove, "user-0004", "team1-member-2");  // 422, then user-0004 applied
        Sim.Faults = new FaultSettings { Script = new[] { new ScriptedFault { Method = "POST", Status = 0 } } };
        await Send(SeatAction.Add, "no-seat-5");                        // unknown
        Sim.Faults = new FaultSettings();
        await Send(SeatAction.Add, "no-seat-6");
        CopilotJournalEntry[] entries = JournalReader.Read(new[] { _file }).ToArray();

        UndoPlan plan = UndoPlan.From(entries, includeUnknown: false);
        Assert.Equal(new[] { "Remove no-seat-6", "Add user-0004" }, plan.Steps.Select(s => $"{s.Action} {s.Name}"));
        Assert.Equal((1, 1), (plan.Refused, plan.Unknown));
        Assert.Equal(3, UndoPlan.From(entries, includeUnknown: true).Steps.Count);

        using CopilotClient client = Fast();
        var found = await SeatRestore.CheckAsync(client, Org, new[] { "user-0004", "no-seat-7", "user-0005" }, 2, CancellationToken.None);
        Assert.Equal(RestoreKind.KeepsSeat, found["user-0004"].Kind);
        Assert.NotNull(found["user-0004"].Until);
        Assert.Equal(RestoreKind.NewSeat, found["no-seat-7"].Kind);
        Assert.Equal(RestoreKind.Seated, found["user-0005"].Kind);
        var ent = await SeatRestore.CheckAsync(client, SeatScope.ForEnterprise("octo-ent"), new[] { "user-0027" }, 1, CancellationToken.None);
        Assert.Equal(RestoreKind.KeepsSeat, ent["user-0027"].Kind); // pending in octo-lab, active in octo-org
    }
}
