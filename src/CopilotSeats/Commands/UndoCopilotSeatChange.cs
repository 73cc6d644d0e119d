using CopilotSeats.Journal;
using CopilotSeats.Sync;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Undo-CopilotSeatChange: reverses what a run applied, read from the change journal by -RunId or piped as journal
    /// entries (piped changes and a journal's CSV rows name their runs by RunId). Cancelled users are added again (keeping a
    /// seat still pending cancellation, else buying a new one: the lookup before says which), added users cancelled (where GitHub's seats_created does not confirm the add, only those whose
    /// seat was granted since the request), team grants likewise. Refused entries are never undone, Unknown
    /// ones only with -IncludeUnknown. Budget changes in the run are left alone, with one warning naming Set-CopilotBudget. The undo is a run of its own in the journal, each line naming the run it reverses.
    /// A name an earlier undo of the run reversed, or that a later run changed, is left alone with one warning (piped entries too, when the journal can be read).
    /// </summary>
    [Cmdlet(VerbsCommon.Undo, "CopilotSeatChange", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = RunSet)]
    [OutputType(typeof(CopilotSeatChange))]
    public sealed class UndoCopilotSeatChangeCommand : CopilotApiCmdlet
    {
        private const string RunSet = "RunId";
        private const string EntrySet = "InputObject";
        private readonly List<CopilotJournalEntry> _entries = new List<CopilotJournalEntry>();
        private readonly List<Guid> _runIds = new List<Guid>();

        /// <summary>
        /// The run(s) to reverse (CopilotSeatChange.RunId, CopilotJournalEntry.RunId). Binds by property name: the runs of
        /// piped changes or of a journal's CSV rows, each once.
        /// </summary>
        [Parameter(ParameterSetName = RunSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [RunIdTransformation]
        public Guid[] RunId { get; set; } = Array.Empty<Guid>();

        /// <summary>
        /// Journal entries to reverse (from Get-CopilotSeatJournal; also their rows read back with Import-Csv, ConvertFrom-Json or
        /// Import-Clixml: each undoes only itself, as the live entry does). Also by property name, though no entry has an InputObject
        /// property: without a mandatory by-name parameter here PowerShell would latch onto the default set (-RunId) before the
        /// first piped object, and a piped entry would undo its whole run.
        /// </summary>
        [Parameter(ParameterSetName = EntrySet, Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [RecordTransformation(typeof(CopilotJournalEntry))]
        public CopilotJournalEntry[] InputObject { get; set; } = Array.Empty<CopilotJournalEntry>();

        /// <summary>Also reverses entries whose answer never came (they may or may not have been applied).</summary>
        [Parameter]
        public SwitchParameter IncludeUnknown { get; set; }

        /// <summary>The journal to read the run from and to record the undo in.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>Sends the changes without recording them in the journal.</summary>
        [Parameter]
        public SwitchParameter NoJournal { get; set; }

        /// <summary>Skips the confirmation prompt (-WhatIf still wins).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == EntrySet) _entries.AddRange(InputObject.Where(e => e != null));
            else _runIds.AddRange(RunId.Where(id => !_runIds.Contains(id)).Distinct());
        }

        protected override void EndProcessing()
        {
            UndoHistory? history = ReadJournal();
            UndoPlan plan = UndoPlan.From(_entries, IncludeUnknown.IsPresent, history);
            if (plan.Unknown > 0)
                WriteWarning($"{plan.Unknown} name(s) have no recorded answer (Unknown) and are not undone: check them with Get-CopilotSeat, or add -IncludeUnknown.");
            if (plan.Budgets > 0)
                WriteWarning($"{plan.Budgets} budget(s) the run changed are not undone: Undo-CopilotSeatChange reverses seats only. Put an amount back with Set-CopilotBudget (the entries' OldAmountUsd).");
            if (plan.Unreadable > 0)
                WriteWarning($"{plan.Unreadable} entry(ies) of the run name no target, or an action or type this version does not know, and are not undone: see them with Get-CopilotSeatJournal -RunId.");
            foreach (string? skipped in new[] { UndoHistory.UndoneWarning(plan.AlreadyUndone), UndoHistory.ChangedWarning(plan.ChangedLater) })
                if (skipped != null) WriteWarning(skipped);
            if (plan.Refused > 0) WriteVerbose($"{plan.Refused} name(s) were refused by GitHub or never sent: nothing was applied, nothing to undo.");
            if (plan.Steps.Count == 0) return;

            CopilotClient client = GetClient();
            UndoChecks checks = null!;
            RunAsync(async cancellationToken => checks = await UndoChecks.RunAsync(client, plan, ThrottleLimit, cancellationToken).ConfigureAwait(false));
            var kept = new List<(string Name, AddedCheck Check)>();
            var unproven = new List<string>();
            var accepted = new List<(SeatScope Scope, AssigneeKind Kind, SeatAction Action, List<string> Names)>();
            foreach (var group in plan.Batches())
            {
                var names = new List<string>();
                foreach (string name in group.Batches.SelectMany(b => b))
                {
                    string action = group.Action == SeatAction.Remove ? "Cancel Copilot seat (the run added it)" : "Add Copilot seat again";
                    if (checks.Added(group.Scope, name) is { } added && added != AddedCheck.Added)
                    {
                        kept.Add((name, added));
                        continue;
                    }
                    var restore = checks.Restore(group.Scope, name);
                    if (restore?.Kind == RestoreKind.Unproven)
                    {
                        unproven.Add(name);
                        continue;
                    }
                    if (restore?.Kind == RestoreKind.Seated)
                    {
                        WriteVerbose($"'{name}' in the {group.Scope}: {SeatRestore.Describe(RestoreKind.Seated, null)}.");
                        continue;
                    }
                    if (restore is { } r) action += " (" + SeatRestore.Describe(r.Kind, r.Until) + ")";
                    if (!ShouldProcessUnlessForced(Force, CopilotSeatChangeCmdlet.TargetText(group.Kind, group.Scope, name), action)) continue;
                    if (restore?.Kind == RestoreKind.NewSeat) WriteWarning($"'{name}' in the {group.Scope} {SeatRestore.Describe(RestoreKind.NewSeat, null)}.");
                    else if (restore?.Kind == RestoreKind.KeepsSeat) WriteVerbose($"'{name}' in the {group.Scope} {SeatRestore.Describe(restore.Value.Kind, restore.Value.Until)}.");
                    names.Add(name);
                }
                if (names.Count > 0) accepted.Add((group.Scope, group.Kind, group.Action, names));
            }
            if (AddedByRun.Warning(kept) is { } warning) WriteWarning(warning);
            if (SeatRestore.Warning(unproven) is { } notAdded) WriteWarning(notAdded);
            if (accepted.Count > 0) Send(client, accepted, plan);
        }

        /// <summary>
        /// Reads the journal once, newest first: the entries of the runs given (an unknown run is a CopilotSeats.RunNotFound error;
        /// a run with lines of a newer format stops with CopilotSeats.JournalVersionUnsupported), and for given and piped runs alike
        /// what happened to their names since (<see cref="UndoHistory"/>). Piped entries are undone as given when there is no journal
        /// to read, or it cannot be read (one warning); null then.
        /// </summary>
        /// <remarks>
        /// Entries and run ids may come down one pipeline together (PowerShell binds each record in its own set): the runs
        /// given are read whole, the piped entries of other runs are undone as given.
        /// </remarks>
        private UndoHistory? ReadJournal()
        {
            var whole = new HashSet<Guid>(_runIds);
            _entries.RemoveAll(e => whole.Contains(e.RunId)); // a run given whole already holds its piped entries
            bool given = whole.Count > 0;
            var runs = new HashSet<Guid>(_entries.Select(e => e.RunId).Concat(whole));
            var history = new UndoHistory(runs);
            var report = new JournalReadReport();
            var found = new HashSet<Guid>();
            IReadOnlyList<string> files;
            try
            {
                files = JournalFiles.ForReading(this, JournalPath);
                foreach (CopilotJournalEntry entry in JournalReader.Read(files, null, report))
                {
                    if (!history.Take(entry)) continue;
                    found.Add(entry.RunId);
                    if (!whole.Contains(entry.RunId)) continue;
                    _entries.Add(entry);
                }
            }
            catch (CopilotException ex)
            {
                if (given) ThrowTerminatingError(ErrorRecords.From(ex));
                WriteWarning($"{ex.Message} The piped entries are undone as given, without checking what changed since.");
                return null;
            }
            var newer = whole.Where(report.NewerRuns.Contains).ToList();
            if (newer.Count > 0)
            {
                ThrowTerminatingError(ErrorRecords.From(new CopilotException("CopilotSeats.JournalVersionUnsupported", CopilotErrorCategory.InvalidData, newer[0],
                    $"Run {newer[0]} has journal lines of a newer format (above v{JournalFormat.Version}) that this version of CopilotSeats cannot read, so it cannot be undone safely.")
                    { IsTerminating = true, RecommendedAction = "Update the CopilotSeats module, then undo the run." }));
            }
            foreach (string warning in report.Warnings()) WriteWarning(warning);
            if (given) ReportMissing(files, found);
            var piped = _entries.Where(e => !whole.Contains(e.RunId)).ToList();
            if (files.Count > 0 && piped.Count > 0 && !history.Concerns(piped))
            {
                // Entries from another journal (Get-CopilotSeatJournal -Path X | Undo-CopilotSeatChange) that this one says nothing about.
                WriteWarning($"The journal at {JournalPlace(files)} records neither the piped entries' runs, nor an undo of them, nor a later change to their names, "
                    + "so changes recorded in another journal were not checked. Pass -JournalPath with the journal they came from.");
            }
            return files.Count == 0 ? null : history;
        }

        /// <summary>The journal read: its file, or the folder of its monthly files.</summary>
        private static string JournalPlace(IReadOnlyList<string> files) =>
            files.Count == 1 ? files[0] : System.IO.Path.GetDirectoryName(files[0]) ?? files[0];

        /// <summary>A run given that the journal does not hold: CopilotSeats.RunNotFound, naming the journal read.</summary>
        private void ReportMissing(IReadOnlyList<string> files, HashSet<Guid> found)
        {
            foreach (Guid missing in _runIds.Where(id => !found.Contains(id)))
            {
                WriteError(ErrorRecords.From(new CopilotException("CopilotSeats.RunNotFound", CopilotErrorCategory.ObjectNotFound, missing,
                    files.Count == 0 ? $"No journal file was found, so there is no run {missing}."
                        : $"The journal at {JournalPlace(files)} has no run {missing}.") { RecommendedAction = "Check the run id with Get-CopilotSeatJournal, or pass the journal with -JournalPath." }, missing));
            }
        }

        private void Send(CopilotClient client, List<(SeatScope Scope, AssigneeKind Kind, SeatAction Action, List<string> Names)> accepted, UndoPlan plan)
        {
            using ChangeJournal? journal = JournalFiles.Open(this, JournalPath, NoJournal.IsPresent);
            var reversed = plan.Steps.GroupBy(s => $"{s.Scope}|{s.Name}", StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First().RunId, StringComparer.OrdinalIgnoreCase);
            if (journal != null) journal.UndoOf = (scope, name) => reversed.TryGetValue($"{scope}|{name}", out Guid run) ? run : null;
            SendBatches(client, journal, accepted.SelectMany(group => BatchPlanner.Plan(group.Names)
                .Select(batch => (group.Scope, group.Action, group.Kind, batch))).ToList(), activity: null);
        }
    }
}
