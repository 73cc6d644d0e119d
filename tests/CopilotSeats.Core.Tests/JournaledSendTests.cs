using CopilotSeats.Budgets;
using CopilotSeats.Journal;
using CopilotSeats.Simulator;
using CopilotSeats.Sync;

namespace CopilotSeats.Core.Tests;

/// <summary>Journaled seat changes and budget writes against the in-process simulator: what each request leaves in the journal, what stops a run; the undo plan and restore check.</summary>
public sealed class JournaledSendTests : SimulatorTestBase, IDisposable
{
    private static readonly SeatScope Org = SeatScope.ForOrganization("octo-org");
    private readonly string _file = Path.Combine(Path.GetTempPath(), "journal-send-" + Guid.NewGuid().ToString("N") + ".jsonl");

    public void Dispose() => File.Delete(_file);

    private CopilotClient Fast() => Client(new CopilotClientOptions { MutationSpacing = TimeSpan.Zero, MaxRetries = 0 });

    private Task<(BatchOutcome Outcome, CopilotJournalEntry[] Entries)> Send(SeatAction action, params string[] names) => Send(Fast(), action, names);

    private async Task<(BatchOutcome Outcome, CopilotJournalEntry[] Entries)> Send(CopilotClient sender, SeatAction action, params string[] names)
    {
        using CopilotClient client = sender;
        using ChangeJournal journal = ChangeJournal.Open(_file, "Remove-CopilotUser");
        BatchOutcome outcome;
        try
        {
            outcome = await JournaledSend.SendAsync(client, journal, Org, action, AssigneeKind.User, names, CancellationToken.None);
        }
        catch (Exception ex) when (ex is CopilotException || ex is OperationCanceledException)
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
    public async Task A_change_held_back_by_another_command_s_rate_limit_is_Refused_as_not_sent()
    {
        var clock = new FakeClock();
        CopilotClient client = Client(new CopilotClientOptions { Clock = clock, MaxRateLimitWait = TimeSpan.Zero, MutationSpacing = TimeSpan.Zero });
        // Another command on this API and token met a 429 it would not wait out: the pause still holds this one.
        ConnectionLimits.For(client.Engine.Connection, clock).Gate.PauseUntil(clock.UtcNow.AddSeconds(20));
        var (_, entries) = await Send(client, SeatAction.Remove, "user-0001");
        Assert.Equal("user-0001:Refused:", $"{Assert.Single(entries).Name}:{entries[0].Outcome}:{entries[0].Status}");
        Assert.StartsWith("Not sent: ", entries[0].Message);
        Assert.DoesNotContain(Requests, r => r.Method == "DELETE");
    }

    /// <summary>A GitHub App sign-in closed, or whose token GitHub will not renew: no request can get a credential.</summary>
    private sealed class NoCredential : ITokenProvider
    {
        public string Source => "GitHubApp";
        public bool CanRenew => true;
        public Task<CopilotToken> GetAsync(Action<string>? verbose, CancellationToken cancellationToken) => throw ConnectionResolver.Disconnected("octo-org");
        public Task<CopilotToken?> RenewAsync(CopilotToken rejected, Action<string>? verbose, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    /// <summary>One DELETE went and GitHub applied nothing: user-0001's entry is Refused "Not sent:" without a status, which no undo acts on.</summary>
    private void AssertSentOnceAndNotApplied(CopilotJournalEntry[] entries)
    {
        Assert.Single(Requests, r => r.Method == "DELETE");
        Assert.Equal("user-0001:Refused:", $"{Assert.Single(entries).Name}:{entries[0].Outcome}:{entries[0].Status}");
        Assert.StartsWith("Not sent: ", entries[0].Message);
        UndoPlan undo = UndoPlan.From(entries, includeUnknown: true);
        Assert.Equal((0, 0), (undo.Steps.Count, undo.Unknown));
    }

    /// <summary>A GitHub App sign-in whose token GitHub refuses (401) and whose renewal then fails as <paramref name="renewal"/> says.</summary>
    private sealed class RefusedThenRenewalFails(Exception renewal) : ITokenProvider
    {
        public string Source => "GitHubApp";
        public bool CanRenew => true;
        public Task<CopilotToken> GetAsync(Action<string>? verbose, CancellationToken cancellationToken) => Task.FromResult(Tokens.Token("sim_bad_" + Tokens.Canary));
        public async Task<CopilotToken?> RenewAsync(CopilotToken rejected, Action<string>? verbose, CancellationToken cancellationToken)
        {
            await Task.Yield();
            throw renewal;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_change_refused_with_401_whose_token_renewal_fails_is_Refused_as_not_sent_and_never_undone(bool stopped)
    {
        Exception renewal = stopped ? new OperationCanceledException()
            : new CopilotApiException(502, CopilotErrorCategory.ResourceUnavailable, "octo-org", "GitHub answered 502 Bad Gateway.", null, null);
        var client = new CopilotClient(new ResolvedConnection(ConnectionResolver.ValidateApiUrl(Sim.BaseUri), CopilotDefaults.ApiVersion, new RefusedThenRenewalFails(renewal)),
            new CopilotClientOptions { MutationSpacing = TimeSpan.Zero, MaxRetries = 0 });
        AssertSentOnceAndNotApplied((await Send(client, SeatAction.Remove, "user-0001")).Entries);
    }

    // GitHub refused the change as rate limited (a 429) and the command would not wait the limit out: nothing was applied.
    [Fact]
    public async Task A_change_refused_as_rate_limited_and_not_waited_for_is_Refused_as_not_sent()
    {
        Sim.Faults = new FaultSettings { Script = new[] { new ScriptedFault { Method = "DELETE", PathContains = "selected_users", Status = 429, Times = 1 } } };
        CopilotClient client = Client(new CopilotClientOptions { MutationSpacing = TimeSpan.Zero, MaxRetries = 0, MaxRateLimitWait = TimeSpan.FromSeconds(1) },
            token: Tokens.Canary + "_limited_" + Guid.NewGuid().ToString("N"));
        AssertSentOnceAndNotApplied((await Send(client, SeatAction.Remove, "user-0001")).Entries);
    }

    // A 502 first: GitHub may have applied the cancel, so the 401 of the retry (and a renewal that fails) leaves it Unknown.
    [Fact]
    public async Task A_change_refused_with_401_after_a_5xx_whose_token_renewal_fails_stays_Unknown()
    {
        Sim.Faults = new FaultSettings { Script = new[] { new ScriptedFault { Method = "DELETE", PathContains = "selected_users", Status = 502, Times = 1 } } };
        var renewal = new CopilotApiException(500, CopilotErrorCategory.ResourceUnavailable, "octo-org", "GitHub answered 500.", null, null);
        var client = new CopilotClient(new ResolvedConnection(ConnectionResolver.ValidateApiUrl(Sim.BaseUri), CopilotDefaults.ApiVersion, new RefusedThenRenewalFails(renewal)),
            new CopilotClientOptions { MutationSpacing = TimeSpan.Zero, MaxRetries = 1, RetryBaseDelay = TimeSpan.Zero });
        var (_, entries) = await Send(client, SeatAction.Remove, "user-0001");
        Assert.Equal(2, Requests.Count(r => r.Method == "DELETE"));
        Assert.Equal("user-0001:Unknown", $"{Assert.Single(entries).Name}:{entries[0].Outcome}");
        Assert.Single(UndoPlan.From(entries, includeUnknown: true).Steps);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_request_whose_credential_cannot_be_had_is_Refused_as_not_sent_and_never_undone(bool budget)
    {
        var client = new CopilotClient(new ResolvedConnection(ConnectionResolver.ValidateApiUrl(Sim.BaseUri), CopilotDefaults.ApiVersion, new NoCredential()));
        CopilotJournalEntry[] entries = budget ? (await Create(client, "user-0001")).Entries : (await Send(client, SeatAction.Remove, "user-0001")).Entries;
        Assert.Equal("user-0001:Refused:", $"{Assert.Single(entries).Name}:{entries[0].Outcome}:{entries[0].Status}");
        Assert.StartsWith("Not sent: The GitHub App connection was closed", entries[0].Message);
        Assert.DoesNotContain(Requests, r => r.Method != "GET");
        UndoPlan undo = UndoPlan.From(entries, includeUnknown: true);
        Assert.Equal((0, 0), (undo.Steps.Count, undo.Unknown));
    }

    [Fact]
    public async Task A_batch_applied_that_the_journal_cannot_record_comes_back_with_its_change_and_stops()
    {
        Sim.Faults = new FaultSettings { LatencyMs = 500 };
        using CopilotClient client = Fast();
        using ChangeJournal journal = ChangeJournal.Open(_file, "Remove-CopilotUser");
        Task<BatchOutcome> sending = JournaledSend.SendAsync(client, journal, Org, SeatAction.Remove, AssigneeKind.User, new[] { "user-0001", "user-0002" }, CancellationToken.None);
        while (!File.ReadAllText(_file).Contains("\"Sent\"")) await Task.Delay(5); // the request is in flight: the journal breaks
        File.Delete(_file + ".lock");
        Directory.CreateDirectory(_file + ".lock");
        BatchOutcome outcome = await sending;
        Directory.Delete(_file + ".lock");
        Assert.Equal((2, journal.RunId), (outcome.Changes.Single().SeatsChanged, outcome.Changes.Single().RunId));
        Assert.Equal("CopilotSeats.JournalIncomplete", outcome.Stop!.ErrorId);
        Assert.Equal(2, Sim.State.OrgSeats("octo-org").Count(s => s.Login is "user-0001" or "user-0002" && s.PendingCancellationDate != null));
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
        UndoPlan withUnknown = UndoPlan.From(entries, includeUnknown: true);
        Assert.Equal(3, withUnknown.Steps.Count);

        using CopilotClient client = Fast();
        UndoChecks checks = await UndoChecks.RunAsync(client, withUnknown, 2, CancellationToken.None);
        Assert.Equal(AddedCheck.NoActiveSeat, checks.Added(Org, "no-seat-5")); // the dropped POST was not applied
        Assert.Null(checks.Added(Org, "no-seat-6"));                          // seats_created confirms it: no check
        Assert.Equal(RestoreKind.KeepsSeat, checks.Restore(Org, "user-0004")!.Value.Kind);
        Assert.NotNull(checks.Restore(Org, "user-0004")!.Value.Until);
        async Task<RestoreKind> Restore(SeatScope scope, string login) =>
            SeatRestore.Classify((await SeatLookup.FindAsync(client, scope, new[] { login }, 1, CancellationToken.None))[login]).Kind;
        Assert.Equal(RestoreKind.NewSeat, await Restore(Org, "no-seat-7"));
        Assert.Equal(RestoreKind.Seated, await Restore(Org, "user-0005"));
        Assert.Equal(RestoreKind.KeepsSeat, await Restore(SeatScope.ForEnterprise("octo-ent"), "user-0027")); // pending in octo-lab, active in octo-org
    }

    private static ScriptedFault Post(int status) => new() { Method = "POST", PathContains = "budgets", Status = status };

    private Task<(List<string> Seen, Exception? Thrown, CopilotJournalEntry[] Entries)> Create(CopilotClientOptions options, params string[] users) =>
        Create(Client(options), users);

    private async Task<(List<string> Seen, Exception? Thrown, CopilotJournalEntry[] Entries)> Create(CopilotClient sender, params string[] users)
    {
        using CopilotClient client = sender;
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
    public async Task A_budget_write_applied_that_the_journal_cannot_record_is_still_handed_on_then_stops_the_run()
    {
        Sim.Faults = new FaultSettings { LatencyMs = 500 };
        Task<(List<string> Seen, Exception? Thrown, CopilotJournalEntry[] Entries)> creating =
            Create(new CopilotClientOptions { ThrottleLimit = 1, MutationSpacing = TimeSpan.Zero }, "user-0001", "user-0002");
        while (!File.Exists(_file) || !File.ReadAllText(_file).Contains("\"Sent\"")) await Task.Delay(5); // the first write is in flight: the journal breaks
        File.Delete(_file + ".lock");
        Directory.CreateDirectory(_file + ".lock");
        var (seen, thrown, _) = await creating;
        Directory.Delete(_file + ".lock");
        var incomplete = Assert.IsType<JournalIncompleteException>(thrown);
        Assert.Equal("CopilotSeats.JournalIncomplete", incomplete.ErrorId);
        Assert.Contains("Get-CopilotBudget", incomplete.RecommendedAction);
        Assert.EndsWith("; no further request was started.", incomplete.Message); // budget writes run side by side: others may be in flight
        Assert.Equal(new[] { "user-0001:Created" }, seen);
        Assert.Equal(1, Requests.Count(r => r.Method == "POST"));
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
