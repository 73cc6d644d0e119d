using CopilotSeats.Journal;

namespace CopilotSeats.Sync
{
    /// <summary>One name to change back: the inverse of what a run applied to it.</summary>
    public sealed class UndoStep(SeatScope scope, AssigneeKind kind, SeatAction action, string name, Guid runId)
    {
        public SeatScope Scope { get; } = scope;
        public AssigneeKind Kind { get; } = kind;
        /// <summary>What the undo does: Add for a name the run cancelled, Remove for one it added.</summary>
        public SeatAction Action { get; } = action;
        public string Name { get; } = name;
        /// <summary>The run being reversed.</summary>
        public Guid RunId { get; } = runId;
    }

    /// <summary>
    /// What reversing journal entries takes: per (target, assignee type, name) the latest entry that was Applied (or
    /// Unknown, with includeUnknown) is inverted; a name whose entries were all Refused, or Unknown without
    /// includeUnknown, is left alone and counted. Budget changes are counted and left alone (a budget's amount is put back with Set-CopilotBudget).
    /// A user added by a request that created no seat already had one: not cancelled, counted. A user added by a request that
    /// created fewer seats than it named may have had one: not cancelled, named in <see cref="Ambiguous"/>.
    /// </summary>
    public sealed class UndoPlan
    {
        private UndoPlan(List<UndoStep> steps, int refused, int unknown, int budgets)
        {
            Steps = steps;
            Refused = refused;
            Unknown = unknown;
            Budgets = budgets;
        }

        /// <summary>In the order of the entries (newest first), one per name.</summary>
        public IReadOnlyList<UndoStep> Steps { get; }
        /// <summary>Names left alone because GitHub refused their request (nothing was applied).</summary>
        public int Refused { get; }
        /// <summary>Names left alone because their answer never came (they may have been applied).</summary>
        public int Unknown { get; }
        /// <summary>Budget changes (Set-/Remove-CopilotBudget) among the entries: never reversed here; Set-CopilotBudget puts an amount back.</summary>
        public int Budgets { get; }
        /// <summary>Users whose add created no seat (seats_created 0): they were seated before the run, so they are not cancelled.</summary>
        public int NotAdded { get; private set; }
        /// <summary>Users added by a request that created fewer seats than names: which of them were seated before is not known, so none is cancelled.</summary>
        public IReadOnlyList<string> Ambiguous { get; private set; } = Array.Empty<string>();

        public static UndoPlan From(IEnumerable<CopilotJournalEntry> entries, bool includeUnknown)
        {
            var ordered = entries.Where(e => e != null).OrderByDescending(e => e.Time).ThenByDescending(e => e.Request).ToList();
            var namesPerRequest = ordered.Where(IsUserAdd).GroupBy(e => (e.RunId, e.Request)).ToDictionary(g => g.Key, g => g.Count());
            int notAdded = 0;
            var ambiguous = new List<string>();
            var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var lastOutcome = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var steps = new List<UndoStep>();
            var budgets = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (CopilotJournalEntry e in ordered)
            {
                if (e.AssigneeType == JournalFormat.BudgetType)
                {
                    if (e.Outcome != JournalFormat.Refused) budgets.Add($"{e.Organization}|{e.Enterprise}|{e.Name}");
                    continue;
                }
                if (!TryRead(e, out SeatScope scope, out AssigneeKind kind, out SeatAction action)) continue;
                string key = $"{scope}|{kind}|{e.Name}";
                if (done.Contains(key)) continue;
                bool unknown = e.Outcome == JournalFormat.Unknown || e.Outcome == JournalFormat.Sent;
                if (e.Outcome == JournalFormat.Applied || unknown && includeUnknown)
                {
                    done.Add(key);
                    lastOutcome.Remove(key);
                    if (IsUserAdd(e) && e.SeatsCreated is { } created && created < namesPerRequest[(e.RunId, e.Request)])
                    {
                        if (created == 0) notAdded++;
                        else ambiguous.Add(e.Name);
                        continue;
                    }
                    steps.Add(new UndoStep(scope, kind, action == SeatAction.Add ? SeatAction.Remove : SeatAction.Add, e.Name, e.RunId));
                }
                else if (!lastOutcome.ContainsKey(key) || unknown) lastOutcome[key] = unknown ? JournalFormat.Unknown : JournalFormat.Refused;
            }
            int unknownCount = lastOutcome.Values.Count(o => o == JournalFormat.Unknown);
            return new UndoPlan(steps, lastOutcome.Count - unknownCount, unknownCount, budgets.Count) { NotAdded = notAdded, Ambiguous = ambiguous };
        }

        /// <summary>An applied Add of users: its request's seats_created says how many of its names got a seat.</summary>
        private static bool IsUserAdd(CopilotJournalEntry e) =>
            e.Outcome == JournalFormat.Applied && string.Equals(e.Action, nameof(SeatAction.Add), StringComparison.OrdinalIgnoreCase)
            && string.Equals(e.AssigneeType, nameof(AssigneeKind.User), StringComparison.OrdinalIgnoreCase);

        /// <summary>The steps in batches of at most 100 names, one list per (target, assignee type, action), in first-seen order.</summary>
        public IEnumerable<(SeatScope Scope, AssigneeKind Kind, SeatAction Action, IReadOnlyList<string[]> Batches)> Batches() =>
            Steps.GroupBy(s => (Where: s.Scope.Kind, Scope: s.Scope.Name.ToLowerInvariant(), Kind: s.Kind, Action: s.Action))
                .Select(g => (g.First().Scope, g.Key.Kind, g.Key.Action, Seats.BatchPlanner.Plan(g.Select(s => s.Name))));

        private static bool TryRead(CopilotJournalEntry e, out SeatScope scope, out AssigneeKind kind, out SeatAction action)
        {
            scope = !string.IsNullOrEmpty(e.Organization) ? SeatScope.ForOrganization(e.Organization!)
                : !string.IsNullOrEmpty(e.Enterprise) ? SeatScope.ForEnterprise(e.Enterprise!) : default;
            kind = default;
            action = default;
            return scope.Name != null && !string.IsNullOrEmpty(e.Name)
                && Enum.TryParse(e.AssigneeType, true, out kind) && Enum.TryParse(e.Action, true, out action);
        }
    }
}
