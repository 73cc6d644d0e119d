using CopilotSeats.Journal;

namespace CopilotSeats.Sync
{
    /// <summary>One name to change back: the inverse of what a run applied to it.</summary>
    public sealed class UndoStep(SeatScope scope, AssigneeKind kind, SeatAction action, string name, Guid runId, DateTimeOffset? requestTime = null,
        bool cancelUnconfirmed = false)
    {
        public SeatScope Scope { get; } = scope;
        public AssigneeKind Kind { get; } = kind;
        /// <summary>What the undo does: Add for a name the run cancelled, Remove for one it added.</summary>
        public SeatAction Action { get; } = action;
        public string Name { get; } = name;
        /// <summary>The run being reversed.</summary>
        public Guid RunId { get; } = runId;
        /// <summary>
        /// Set on a user to cancel whose add GitHub's seats_created does not confirm (0 or fewer seats than names, or no
        /// answer): the entry's time, which is the answer's line for an Applied entry (the journal reader drops the Sent line
        /// it completes) and the Sent line for an Unknown one. The user is cancelled only if the seat proves to be granted since (<see cref="AddedByRun"/>).
        /// </summary>
        public DateTimeOffset? RequestTime { get; } = requestTime;
        /// <summary>
        /// Set on a user to add again whose cancel GitHub's seats_cancelled does not confirm (fewer seats than names: at an
        /// enterprise, users whose seat is an organization's or a team's grant, which its cancel leaves): the user is added
        /// again only if a seat of the target's own grant is pending cancellation (<see cref="SeatRestore"/>).
        /// </summary>
        public bool CancelUnconfirmed { get; } = cancelUnconfirmed;
    }

    /// <summary>
    /// What reversing journal entries takes: per (target, assignee type, name) the latest entry that was Applied (or
    /// Unknown, with includeUnknown) is inverted; a name whose entries were all Refused, or Unknown without
    /// includeUnknown, is left alone and counted. Budget changes are counted and left alone (a budget's amount is put back with Set-CopilotBudget).
    /// A user added by a request whose seats_created equals its number of names is cancelled; any other user add (a count of
    /// 0 or fewer than names: a retried request or a refreshed pending seat; or no answer) is marked with its request's time to be checked first.
    /// With an <see cref="UndoHistory"/>, a name an earlier undo of the run reversed, or that a later run changed, is left alone
    /// (<see cref="AlreadyUndone"/>, <see cref="ChangedLater"/>). Entries that name no target, or an action or type this version
    /// does not know, are counted (<see cref="Unreadable"/>).
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

        /// <summary>Names an earlier undo of their run already reversed (that undo's entry): left alone.</summary>
        public List<(string Name, CopilotJournalEntry By)> AlreadyUndone { get; } = new List<(string, CopilotJournalEntry)>();
        /// <summary>Names a later run changed (its newest Applied entry): left alone.</summary>
        public List<(string Name, CopilotJournalEntry By)> ChangedLater { get; } = new List<(string, CopilotJournalEntry)>();
        /// <summary>Entries that cannot be undone because they name no target, or an action or type this version does not know.</summary>
        public int Unreadable { get; private set; }

        /// <summary>In the order of the entries (newest first), one per name.</summary>
        public IReadOnlyList<UndoStep> Steps { get; }
        /// <summary>Names left alone because GitHub refused their request (nothing was applied).</summary>
        public int Refused { get; }
        /// <summary>Names left alone because their answer never came (they may have been applied).</summary>
        public int Unknown { get; }
        /// <summary>Budget changes (Set-/Remove-CopilotBudget) among the entries: never reversed here; Set-CopilotBudget puts an amount back.</summary>
        public int Budgets { get; }

        public static UndoPlan From(IEnumerable<CopilotJournalEntry> entries, bool includeUnknown, UndoHistory? history = null)
        {
            var ordered = entries.Where(e => e != null).OrderByDescending(e => e.Time).ThenByDescending(e => e.Request).ToList();
            var namesPerRequest = ordered.Where(e => IsUser(e) && e.Outcome == JournalFormat.Applied).GroupBy(e => (e.RunId, e.Request))
                .ToDictionary(g => g.Key, g => g.Count());
            var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var lastOutcome = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var steps = new List<UndoStep>();
            var budgets = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            int unreadable = 0;
            var undone = new List<(string, CopilotJournalEntry)>();
            var changed = new List<(string, CopilotJournalEntry)>();
            foreach (CopilotJournalEntry e in ordered)
            {
                if (e.AssigneeType == JournalFormat.BudgetType)
                {
                    if (e.Outcome != JournalFormat.Refused) budgets.Add($"{e.Organization}|{e.Enterprise}|{e.Name}");
                    continue;
                }
                if (!TryRead(e, out SeatScope scope, out AssigneeKind kind, out SeatAction action))
                {
                    unreadable++;
                    continue;
                }
                string key = Key(scope, kind, e.Name);
                if (done.Contains(key)) continue;
                bool unknown = e.Outcome == JournalFormat.Unknown || e.Outcome == JournalFormat.Sent;
                if (e.Outcome == JournalFormat.Applied || unknown && includeUnknown)
                {
                    done.Add(key);
                    lastOutcome.Remove(key);
                    if (history?.UndoneBy(e, key) is CopilotJournalEntry undoneBy)
                    {
                        undone.Add((e.Name, undoneBy));
                        continue;
                    }
                    if (history?.ChangedSince(e, key) is CopilotJournalEntry by)
                    {
                        changed.Add((e.Name, by));
                        continue;
                    }
                    bool confirmed = IsUserAdd(e) && e.Outcome == JournalFormat.Applied && e.SeatsCreated == namesPerRequest[(e.RunId, e.Request)];
                    DateTimeOffset? check = IsUserAdd(e) && !confirmed ? e.Time : (DateTimeOffset?)null;
                    // A cancel GitHub counted fewer seats for than names (an old line without the count is taken as whole; an
                    // Unknown one, undone only with -IncludeUnknown, is added again as asked).
                    bool cancelUnconfirmed = IsUser(e) && action == SeatAction.Remove && e.Outcome == JournalFormat.Applied
                        && e.SeatsCancelled < namesPerRequest[(e.RunId, e.Request)];
                    steps.Add(new UndoStep(scope, kind, action == SeatAction.Add ? SeatAction.Remove : SeatAction.Add, e.Name, e.RunId, check, cancelUnconfirmed));
                }
                else if (!lastOutcome.ContainsKey(key) || unknown) lastOutcome[key] = unknown ? JournalFormat.Unknown : JournalFormat.Refused;
            }
            int unknownCount = lastOutcome.Values.Count(o => o == JournalFormat.Unknown);
            var plan = new UndoPlan(steps, lastOutcome.Count - unknownCount, unknownCount, budgets.Count) { Unreadable = unreadable };
            plan.AlreadyUndone.AddRange(undone);
            plan.ChangedLater.AddRange(changed);
            return plan;
        }

        /// <summary>The (target, type, name) an entry changes; null when it is a budget's or cannot be read.</summary>
        internal static string? KeyOf(CopilotJournalEntry e) =>
            e.AssigneeType != JournalFormat.BudgetType && TryRead(e, out SeatScope scope, out AssigneeKind kind, out _) ? Key(scope, kind, e.Name) : null;

        private static string Key(SeatScope scope, AssigneeKind kind, string name) => $"{scope}|{kind}|{name}";

        /// <summary>An Add of users: its request's seats_created, when applied, says how many of its names got a seat.</summary>
        private static bool IsUserAdd(CopilotJournalEntry e) =>
            string.Equals(e.Action, nameof(SeatAction.Add), StringComparison.OrdinalIgnoreCase) && IsUser(e);

        /// <summary>A change of users' seats: its request's seats_created or seats_cancelled, when applied, counts its names' seats.</summary>
        private static bool IsUser(CopilotJournalEntry e) => string.Equals(e.AssigneeType, nameof(AssigneeKind.User), StringComparison.OrdinalIgnoreCase);

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
