using CopilotSeats.Sync;
using static CopilotSeats.CopilotSeatPlanAction;

namespace CopilotSeats.Core.Tests;

/// <summary>Desired state: the planner's rules, the reference set, the guards, the re-check of a plan read back, and the batches.</summary>
public sealed class SyncPlanTests
{
    private static readonly SeatScope Org = SeatScope.ForOrganization("o");

    private static List<CopilotSeatPlanItem> Plan(IEnumerable<CopilotSeat> seats, IEnumerable<string> wanted, string[]? exclude = null, int grace = 0,
        bool includeEqual = true, SeatScope? scope = null)
    {
        var reference = new ReferenceSet();
        foreach (string login in wanted) reference.Add(login);
        var options = new PlanOptions { Exclude = NamePatterns.Parse(exclude), GraceDays = grace, IncludeEqual = includeEqual, Now = TestSeats.Now };
        var planner = new SeatPlanner(scope ?? Org, reference, options);
        return planner.Observe(seats.ToList()).Concat(planner.Finish()).ToList();
    }

    public static TheoryData<string, CopilotSeat, bool, CopilotSeatPlanAction, string> Rules() => new()
    {
        { "wanted, seated", TestSeats.Seat("u"), true, Keep, "with a seat" },
        { "wanted, pending", TestSeats.Seat("u", pending: true), true, Restore, "adding the user again keeps it" },
        { "not wanted, direct", TestSeats.Seat("u", activeDaysAgo: 40), false, Remove, "inactive for 40 days" },
        { "not wanted, team", TestSeats.Seat("u", team: "t"), false, Conflict, "team 't' of the organization o" },
        { "not wanted, pending", TestSeats.Seat("u", pending: true), false, Skip, "already pending cancellation" },
        { "not wanted, 3 days old", TestSeats.Seat("u", createdDaysAgo: 3), false, Skip, "3 days old, inside -GraceDays 7" },
        { "not wanted, excluded", TestSeats.Seat("svc-bot"), false, Skip, "-Exclude 'svc-*'" },
        { "wanted, excluded, seated", TestSeats.Seat("svc-bot"), true, Keep, "with a seat" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_seat_is_planned_by_the_rules(string situation, CopilotSeat seat, bool wanted, CopilotSeatPlanAction action, string reason)
    {
        var item = Assert.Single(Plan(new[] { seat }, wanted ? new[] { seat.Login!.ToUpperInvariant() } : new string[0], new[] { "svc-*" }, grace: 7));
        Assert.True(item.Action == action, situation);
        Assert.Contains(reason, item.Reason);
        Assert.Equal((seat.Login, "o", seat.AssigningTeam, seat.PendingCancellationDate), (item.Login, item.Organization, item.AssigningTeam, item.PendingCancellationDate));
    }

    [Fact]
    public void Conflict_names_the_Remove_CopilotTeam_command_and_Keep_needs_IncludeEqual()
    {
        var conflict = Assert.Single(Plan(new[] { TestSeats.Seat("u", team: "t") }, new string[0]));
        Assert.Contains("Remove-CopilotTeam -Organization o -TeamName t", conflict.Reason);
        Assert.Empty(Plan(new[] { TestSeats.Seat("u") }, new[] { "u" }, includeEqual: false));
    }

    [Fact]
    public void Wanted_logins_without_a_seat_are_added_unless_excluded()
    {
        var items = Plan(new[] { TestSeats.Seat("Mona") }, new[] { "mona", "new-1", "svc-new" }, new[] { "svc-*" });
        Assert.Equal(new[] { "Keep mona", "Add new-1", "Skip svc-new" }, items.Select(i => $"{i.Action} {i.Login.ToLowerInvariant()}"));
    }

    /// <summary>
    /// Rows "org" (the organization's direct grant), "-" (the enterprise's own grant), "org/team" or "-/team" (an
    /// enterprise team); "!" pending, "+" created 3 days ago; the other login "v" sits between them.
    /// </summary>
    [Theory]
    [InlineData(false, "-", "Remove u ", "a direct seat")]
    [InlineData(false, "a", "Conflict u a", "a direct grant of the organization a, which a cancel at this target cannot reach: run Remove-CopilotUser -Organization a -UserName u.")]
    [InlineData(false, "a -", "Remove u ", "also comes from a direct grant of the organization a: run Remove-CopilotUser -Organization a -UserName u.")]
    [InlineData(false, "a/t -/et", "Conflict u a", "Remove-CopilotTeam -Organization a -TeamName t; Remove-CopilotTeam -Enterprise e -TeamName et.")]
    [InlineData(false, "a/t b/s a/t2 c", "Conflict u a", "teams 't', 't2' of the organization a and team 's' of the organization b and a direct grant of the organization c")]
    [InlineData(false, "-! a", "Conflict u a", "run Remove-CopilotUser -Organization a -UserName u.")]
    [InlineData(false, "-! a!", "Skip u ", "already pending")]
    [InlineData(false, "-+ a!", "Skip u ", "inside -GraceDays 7")]
    [InlineData(true, "a! -", "Keep u ", "with a seat")]
    [InlineData(true, "-! a!", "Restore u ", "adding the user again")]
    public void An_enterprise_login_is_decided_once_from_all_its_grants(bool wanted, string rows, string expected, string reason)
    {
        var seats = rows.Split(' ').SelectMany(row => new[]
        {
            TestSeats.Seat("u", org: row.TrimEnd('!', '+').Split('/')[0] is var org && org != "-" ? org : null, team: row.Contains('/') ? row.TrimEnd('!', '+').Split('/')[1] : null,
                pending: row.EndsWith('!'), createdDaysAgo: row.EndsWith('+') ? 3 : 400),
            TestSeats.Seat("v"),
        });
        var items = Plan(seats, wanted ? new[] { "u", "v" } : new[] { "v" }, grace: 7, scope: SeatScope.ForEnterprise("e"));
        var item = Assert.Single(items, i => i.Login == "u");
        Assert.Equal(expected, $"{item.Action} {item.Login} {item.Organization}");
        Assert.Contains(reason, item.Reason);
    }

    [Fact]
    public void Duplicates_and_blanks_are_ignored_with_one_warning()
    {
        var set = new ReferenceSet();
        bool[] added = new[] { "a", "A", " ", null, "b", "a " }.Select(set.Add).ToArray();
        Assert.Equal(new[] { true, false, false, false, true, false }, added);
        Assert.Equal(2, set.Count);
        Assert.Equal("The reference set has 2 duplicate names and 2 blank names (logins compare case-insensitively); they were ignored.", set.IgnoredWarning);
        Assert.Null(new ReferenceSet().IgnoredWarning);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(59, 5)]
    [InlineData(120, 12)]
    [InlineData(100_000, 10_000)]
    public void The_default_maximum_is_ten_percent_at_least_five(int seats, int maximum) =>
        Assert.Equal(maximum, PlanGuards.DefaultMaximumRemoval(seats));

    [Fact]
    public void Too_many_removals_stop_the_run_with_the_numbers()
    {
        Assert.Null(PlanGuards.CheckRemovals(12, null, 120, Org));
        var error = PlanGuards.CheckRemovals(13, null, 120, Org)!;
        Assert.Equal(("CopilotSeats.TooManyRemovals", true), (error.ErrorId, error.IsTerminating));
        Assert.Contains("cancels 13 of the 120 seats in the organization o, more than the default -MaximumRemoval 12", error.Message);
        Assert.Contains("-MaximumRemoval 13", error.RecommendedAction);
        Assert.Null(PlanGuards.CheckRemovals(13, 13, 120, Org));
        Assert.Contains("more than -MaximumRemoval 2", PlanGuards.CheckRemovals(3, 2, 120, Org)!.Message);
    }

    [Fact]
    public void An_empty_reference_stops_the_run_unless_allowed()
    {
        var error = PlanGuards.CheckReference(new ReferenceSet(), allowEmpty: false, Org)!;
        Assert.Equal(("CopilotSeats.EmptyReference", true, (object)"o"), (error.ErrorId, error.IsTerminating, error.TargetObject));
        Assert.Null(PlanGuards.CheckReference(new ReferenceSet(), allowEmpty: true, Org));
    }

    [Fact]
    public void Piped_input_that_bound_nothing_stops_the_run()
    {
        var error = PlanGuards.CheckInputBound(expectingInput: true, anyBound: false, "octo-lab")!;
        Assert.Equal(("CopilotSeats.NoInputBound", CopilotErrorCategory.InvalidData, true, (object)"octo-lab"), (error.ErrorId, error.Category, error.IsTerminating, error.TargetObject));
        Assert.Null(PlanGuards.CheckInputBound(expectingInput: true, anyBound: true, null));
        Assert.Null(PlanGuards.CheckInputBound(expectingInput: false, anyBound: false, null));
    }

    [Fact]
    public void A_plan_read_back_applies_only_the_rows_that_still_hold()
    {
        var rows = new PlanRecheck();
        foreach (var (login, action) in new[] { ("gone", Remove), ("idle", Remove), ("newbie", Add), ("seated", Add), ("teamed", Conflict), ("graced", Skip) })
            rows.Add(login, action);
        var options = new PlanOptions { IncludeEqual = true, Now = TestSeats.Now };
        var planner = new SeatPlanner(Org, rows.Wanted, options, rows.Considers);
        var seats = new[] { TestSeats.Seat("idle"), TestSeats.Seat("seated"), TestSeats.Seat("teamed", team: "t"), TestSeats.Seat("other"), TestSeats.Seat("graced") };
        var plan = new SyncPlan(Org);
        rows.Judge(planner.Observe(seats).Concat(planner.Finish()), plan);
        Assert.Equal(new[] { "Remove idle", "Add newbie" }, plan.Changes.Select(i => i.ToString()));
        Assert.Equal(4, plan.Warnings.Count);
        Assert.StartsWith("Skipped 'gone' in the organization o: the plan says Remove, but there is no seat to change now.", plan.Warnings[0]);
        Assert.StartsWith("Skipped 'seated' in the organization o: the plan says Add, but planning it now gives Keep", plan.Warnings[1]);
        Assert.StartsWith("Conflict 'teamed' in the organization o: ", plan.Warnings[2]);
        Assert.Equal("Skip 'graced' in the organization o: The plan says Skip. No request is sent for it.", plan.Warnings[3]); // planned now: Remove
    }

    [Fact]
    public void Undo_marks_for_a_check_the_user_adds_whose_request_did_not_create_a_seat_for_each_name()
    {
        var run = Guid.NewGuid();
        CopilotJournalEntry Line(int request, string action, string name, int? created, string outcome = "Applied") => new()
        {
            RunId = run, Request = request, Time = TestSeats.Now.AddMinutes(request), Organization = "o", Action = action, AssigneeType = "User",
            Name = name, Outcome = outcome, SeatsCreated = created,
        };
        var entries = new[] { Line(1, "Add", "retried", 0), Line(2, "Add", "b", 1), Line(2, "Add", "c", 1), Line(3, "Add", "d", 2),
            Line(3, "Add", "e", 2), Line(4, "Remove", "f", null), Line(5, "Add", "uncounted", null), Line(6, "Add", "unanswered", null, "Unknown") };
        string Steps(bool includeUnknown) => string.Join(", ", UndoPlan.From(entries, includeUnknown).Steps
            .Select(s => $"{s.Action} {s.Name}" + (s.RequestTime is { } t ? $" checked at +{(t - TestSeats.Now).TotalMinutes}" : "")));
        Assert.Equal("Remove uncounted checked at +5, Add f, Remove d, Remove e, Remove b checked at +2, Remove c checked at +2, Remove retried checked at +1",
            Steps(includeUnknown: false));
        Assert.StartsWith("Remove unanswered checked at +6, ", Steps(includeUnknown: true));
    }

    [Fact]
    public void Undo_leaves_alone_names_an_earlier_undo_reversed_or_a_later_run_changed_from_one_newest_first_pass()
    {
        Guid run = Guid.NewGuid(), undo = Guid.NewGuid(), later = Guid.NewGuid(), other = Guid.NewGuid();
        CopilotJournalEntry Line(Guid id, int minute, string action, string name, string outcome = "Applied", Guid? undoOf = null, string org = "o") => new()
        {
            RunId = id, Request = 1, Time = TestSeats.Now.AddMinutes(minute), Command = id == later ? "Add-CopilotUser" : "Undo-CopilotSeatChange",
            Organization = org, Action = action, AssigneeType = "User", Name = name, Outcome = outcome, UndoOf = undoOf,
        };
        var journal = new[]
        {
            Line(later, 9, "Add", "undone-then-readded"), Line(later, 9, "Add", "readded"), Line(other, 8, "Add", "refused-later", "Refused"),
            Line(other, 8, "Add", "elsewhere", org: "p"), Line(undo, 7, "Remove", "undone-then-readded", undoOf: run), Line(undo, 7, "Remove", "undone", undoOf: run),
            Line(run, 5, "Add", "undone-then-readded"), Line(run, 5, "Add", "undone"), Line(run, 5, "Add", "readded"), Line(run, 5, "Add", "refused-later"),
            Line(run, 5, "Add", "elsewhere"), Line(run, 5, "Teleport", "unreadable"), Line(later, 1, "Add", "before"), Line(run, 5, "Add", "before"),
        };
        var history = new UndoHistory(new[] { run });
        UndoPlan plan = UndoPlan.From(journal.Where(history.Take).ToList(), includeUnknown: false, history);
        Assert.Equal(new[] { "refused-later", "elsewhere", "before" }, plan.Steps.Select(s => s.Name));
        Assert.Equal(new[] { "undone-then-readded", "undone" }, plan.AlreadyUndone.Select(n => n.Name));
        Assert.Equal(1, plan.Unreadable);
        Assert.Equal($"1 name(s) a later run changed are left alone: readded by run {later} (Add-CopilotUser). Undo that later run instead, or change the seat directly.",
            UndoHistory.ChangedWarning(plan.ChangedLater));
        Assert.Equal($"2 name(s) an earlier undo of this run already reversed are left alone: undone-then-readded, undone by run {undo} (Undo-CopilotSeatChange). Change the seat directly if it must change again.",
            UndoHistory.UndoneWarning(plan.AlreadyUndone));
    }

    [Theory]
    [InlineData("two runs undone together")]
    [InlineData("a run overlapping another")]
    public void Undo_leaves_alone_a_name_another_run_changed_after_it_however_the_runs_interleave(string situation)
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
        CopilotJournalEntry Line(Guid id, int minute, string action, string name) => new()
        {
            RunId = id, Request = 1, Time = TestSeats.Now.AddMinutes(minute), Command = "Remove-CopilotUser", Organization = "o",
            Action = action, AssigneeType = "User", Name = name, Outcome = "Applied",
        };
        // Newest first, as the journal is read: C (or A's own later line) comes before B's change of u1, which comes after A's.
        CopilotJournalEntry[] journal = situation == "two runs undone together"
            ? new[] { Line(c, 4, "Remove", "u5"), Line(b, 3, "Remove", "u1"), Line(b, 2, "Add", "u1"), Line(a, 1, "Remove", "u1") }
            : new[] { Line(a, 3, "Remove", "u5"), Line(b, 2, "Remove", "u1"), Line(a, 1, "Remove", "u1") };
        var history = new UndoHistory(new[] { a, c });
        UndoPlan plan = UndoPlan.From(journal.Where(history.Take).ToList(), includeUnknown: false, history);
        Assert.Equal(new[] { "u5" }, plan.Steps.Select(s => s.Name));
        Assert.Equal(("u1", b), (plan.ChangedLater.Single().Name, plan.ChangedLater.Single().By.RunId));
    }

    [Theory]
    [InlineData("B adds, an undo of B cancels", null)]                            // the seat is as A left it: A is undone
    [InlineData("B adds, an undo of B cancels, an undo of that undo adds", "B")]  // B's add stands again
    [InlineData("B adds, B2 cancels on purpose", "B2")]
    [InlineData("an undo of X (older than A) adds", "U")]                         // it changed the seat after A
    public void A_later_change_an_undo_reversed_does_not_keep_Undo_from_the_run(string story, string? by)
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), b2 = Guid.NewGuid(), u = Guid.NewGuid(), u2 = Guid.NewGuid(), x = Guid.NewGuid();
        var runs = new Dictionary<Guid, string> { [a] = "A", [b] = "B", [b2] = "B2", [u] = "U", [u2] = "U2", [x] = "X" };
        CopilotJournalEntry Line(Guid id, int minute, string action, Guid? undoOf = null) => new()
        {
            RunId = id, Request = 1, Time = TestSeats.Now.AddMinutes(minute), Command = "Remove-CopilotUser", Organization = "o",
            Action = action, AssigneeType = "User", Name = "u1", Outcome = "Applied", UndoOf = undoOf,
        };
        CopilotJournalEntry[] journal = story switch // newest first, as read
        {
            "B adds, an undo of B cancels" => new[] { Line(u, 3, "Remove", b), Line(b, 2, "Add"), Line(a, 1, "Remove") },
            "B adds, an undo of B cancels, an undo of that undo adds" => new[] { Line(u2, 4, "Add", u), Line(u, 3, "Remove", b), Line(b, 2, "Add"), Line(a, 1, "Remove") },
            "B adds, B2 cancels on purpose" => new[] { Line(b2, 3, "Remove"), Line(b, 2, "Add"), Line(a, 1, "Remove") },
            _ => new[] { Line(u, 2, "Add", x), Line(a, 1, "Remove"), Line(x, 0, "Remove") },
        };
        var history = new UndoHistory(new[] { a });
        UndoPlan plan = UndoPlan.From(journal.Where(history.Take).ToList(), includeUnknown: false, history);
        Assert.Equal(by, plan.ChangedLater.Select(n => runs[n.By.RunId]).SingleOrDefault());
        Assert.Equal(by is null ? new[] { "u1" } : Array.Empty<string>(), plan.Steps.Select(s => s.Name));
    }

    [Theory]
    [InlineData("an undo of the run, then a deliberate cancel", "s5", true)]
    [InlineData("an undo of the run reversing another name", null, true)]
    [InlineData("a later cancel of the name", null, true)]
    [InlineData("changes before the entry, to other names, targets or types", null, false)]
    public void Piped_entries_of_another_journal_are_checked_against_the_undos_and_later_changes_the_journal_read_holds(string story, string? undone, bool concerns)
    {
        Guid r = Guid.NewGuid(), u = Guid.NewGuid(), later = Guid.NewGuid();
        CopilotJournalEntry Line(Guid id, int minute, string action, string name = "s5", Guid? undoOf = null, string org = "o", string type = "User") => new()
        {
            RunId = id, Request = 1, Time = TestSeats.Now.AddMinutes(minute), Command = "Remove-CopilotUser", Organization = org,
            Action = action, AssigneeType = type, Name = name, Outcome = "Applied", UndoOf = undoOf,
        };
        CopilotJournalEntry piped = Line(r, 1, "Remove"); // from journal A; journal B, read newest first, never held run R's lines
        CopilotJournalEntry[] journal = story switch
        {
            "an undo of the run, then a deliberate cancel" => new[] { Line(later, 3, "Remove"), Line(u, 2, "Add", undoOf: r) },
            "an undo of the run reversing another name" => new[] { Line(u, 2, "Add", "s6", undoOf: r) },
            "a later cancel of the name" => new[] { Line(later, 3, "Remove") },
            _ => new[] { Line(later, 3, "Add", "s6"), Line(later, 3, "Add", org: "p"), Line(later, 3, "Add", type: "Team"), Line(later, 0, "Add") },
        };
        var history = new UndoHistory(new[] { r });
        Assert.DoesNotContain(journal, history.Take);
        Assert.Equal(concerns, history.Concerns(new[] { piped }));
        UndoPlan plan = UndoPlan.From(new[] { piped }, includeUnknown: false, history);
        Assert.Equal(undone, plan.AlreadyUndone.Select(n => n.Name).SingleOrDefault());
        Assert.Equal(story == "a later cancel of the name" ? later : null, plan.ChangedLater.Select(n => (Guid?)n.By.RunId).SingleOrDefault());
        Assert.Equal(undone is null && story != "a later cancel of the name" ? new[] { "s5" } : Array.Empty<string>(), plan.Steps.Select(s => s.Name));
    }

    [Fact]
    public void Undo_adds_again_a_user_whose_cancel_GitHub_did_not_count_for_each_name_only_when_the_targets_own_seat_is_pending()
    {
        var run = Guid.NewGuid();
        CopilotJournalEntry Line(int request, string name, int? cancelled, string outcome = "Applied") => new()
        {
            RunId = run, Request = request, Time = TestSeats.Now.AddMinutes(request), Enterprise = "e", Action = "Remove", AssigneeType = "User",
            Name = name, Outcome = outcome, SeatsCancelled = cancelled,
        };
        var entries = new[] { Line(1, "a", 1), Line(1, "b", 1), Line(2, "c", 2), Line(2, "d", 2), Line(3, "uncounted", null), Line(4, "unanswered", null, "Unknown") };
        Assert.Equal("a, b", string.Join(", ", UndoPlan.From(entries, includeUnknown: true).Steps.Where(s => s.CancelUnconfirmed).Select(s => s.Name)));

        var ent = SeatScope.ForEnterprise("e");
        CopilotSeat orgGrant = TestSeats.Seat(), ownPending = TestSeats.Seat(org: null, pending: true);
        (RestoreKind, RestoreKind) Both(CopilotSeat[]? rows) => (SeatRestore.Classify(rows, ent).Kind, SeatRestore.Classify(rows, ent, cancelUnconfirmed: true).Kind);
        Assert.Equal((RestoreKind.NewSeat, RestoreKind.Unproven), Both(new[] { orgGrant })); // an organization's grant, which the enterprise cancel leaves
        Assert.Equal((RestoreKind.NewSeat, RestoreKind.Unproven), Both(new CopilotSeat[0]));
        Assert.Equal((RestoreKind.Unchecked, RestoreKind.Unproven), Both(null));
        Assert.Equal((RestoreKind.KeepsSeat, RestoreKind.KeepsSeat), Both(new[] { orgGrant, ownPending }));
        Assert.Null(SeatRestore.Warning(new string[0]));
        Assert.StartsWith("2 user(s) the run may not have cancelled are not added again (a, b): ", SeatRestore.Warning(new[] { "a", "b" }));
    }

    private static CopilotSeat Granted(double minutesAfterRequest, string? team = null, bool pending = false) =>
        TestSeats.Seat(createdDaysAgo: -minutesAfterRequest / 1440, team: team, pending: pending);

    public static TheoryData<string, CopilotSeat[]?, AddedCheck> AddedRules() => new()
    {
        { "granted after the request", new[] { Granted(1) }, AddedCheck.Added },
        { "granted 4 minutes before (clock skew)", new[] { Granted(-4) }, AddedCheck.Added },
        { "granted 6 minutes before", new[] { Granted(-6) }, AddedCheck.SeatedBefore },
        { "one older direct grant beside a new one", new[] { Granted(1), Granted(-600) }, AddedCheck.SeatedBefore },
        { "new but pending cancellation", new[] { Granted(1, pending: true) }, AddedCheck.NoActiveSeat },
        { "new through a team", new[] { Granted(1, team: "t") }, AddedCheck.NoActiveSeat },
        { "no seat", new CopilotSeat[0], AddedCheck.NoActiveSeat },
        { "lookup failed", null, AddedCheck.Unchecked },
    };

    [Theory]
    [MemberData(nameof(AddedRules))]
    public void Undo_cancels_a_checked_user_only_when_their_active_direct_seat_was_granted_since_the_request(string situation, CopilotSeat[]? seats, AddedCheck expected)
    {
        Assert.True(AddedByRun.Judge(seats, TestSeats.Now) == expected, situation);
    }

    [Fact]
    public void At_an_enterprise_undo_weighs_only_the_enterprise_grant_which_its_add_and_cancel_reach()
    {
        var ent = SeatScope.ForEnterprise("e");
        var seats = new[] { TestSeats.Seat(createdDaysAgo: -1.0 / 1440, org: null), Granted(-600) }; // the run's enterprise grant, an older grant of organization o
        Assert.Equal((AddedCheck.SeatedBefore, AddedCheck.Added), (AddedByRun.Judge(seats, TestSeats.Now), AddedByRun.Judge(seats, TestSeats.Now, ent)));
        Assert.Equal((RestoreKind.Seated, RestoreKind.NewSeat), (SeatRestore.Classify(new[] { Granted(-600) }).Kind, SeatRestore.Classify(new[] { Granted(-600) }, ent).Kind));
    }

    [Fact]
    public void Undo_names_the_checked_users_it_leaves_seated_by_reason_in_one_warning()
    {
        Assert.Null(AddedByRun.Warning(new (string, AddedCheck)[0]));
        Assert.Equal("3 user(s) the run may have added are not cancelled (seated before the run: a, c; lookup failed: b). "
            + "Check them with Get-CopilotSeat -UserName; cancel with Remove-CopilotUser.",
            AddedByRun.Warning(new[] { ("a", AddedCheck.SeatedBefore), ("b", AddedCheck.Unchecked), ("c", AddedCheck.SeatedBefore) }));
    }

    [Fact]
    public void Adds_and_restores_go_first_through_the_add_endpoint_in_batches_of_100()
    {
        var items = Enumerable.Range(0, 150).Select(i => new CopilotSeatPlanItem { Login = $"r{i}", Action = Remove })
            .Concat(new[] { new CopilotSeatPlanItem { Login = "a", Action = Add }, new CopilotSeatPlanItem { Login = "p", Action = Restore } });
        var batches = SeatSync.Batches(items);
        Assert.Equal(new[] { "Add 2", "Remove 100", "Remove 50" }, batches.Select(b => $"{b.Key} {b.Value.Length}"));
    }
}
