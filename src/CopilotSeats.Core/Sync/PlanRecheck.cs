namespace CopilotSeats.Sync
{
    /// <summary>
    /// A plan read back (from CSV or the pipeline) for one target, re-checked against the current seats: a row is
    /// applied only when planning it again today gives the same action; otherwise it is skipped with a warning.
    /// </summary>
    public sealed class PlanRecheck
    {
        private readonly List<KeyValuePair<string, CopilotSeatPlanAction>> _rows = new List<KeyValuePair<string, CopilotSeatPlanAction>>();
        private readonly HashSet<string> _keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _logins = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The logins the plan wants seated (Add, Restore, Keep): the reference set of the re-check.</summary>
        public ReferenceSet Wanted { get; } = new ReferenceSet();

        public int Count => _rows.Count;

        /// <summary>Adds a row; a repeated (login, action) is ignored.</summary>
        public void Add(string login, CopilotSeatPlanAction action)
        {
            if (!_keys.Add(action + "|" + login)) return;
            _rows.Add(new KeyValuePair<string, CopilotSeatPlanAction>(login, action));
            _logins.Add(login);
            if (action is CopilotSeatPlanAction.Add or CopilotSeatPlanAction.Restore or CopilotSeatPlanAction.Keep) Wanted.Add(login);
        }

        /// <summary>Only the plan's logins are planned again.</summary>
        public bool Considers(string login) => _logins.Contains(login);

        /// <summary>
        /// Compares the rows with the items planned now (<paramref name="current"/>, made with IncludeEqual): the rows
        /// still right go to <see cref="SyncPlan.Changes"/> or its warnings, the others become one warning each.
        /// </summary>
        public void Judge(IEnumerable<CopilotSeatPlanItem> current, SyncPlan plan)
        {
            var now = current.GroupBy(i => i.Login, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, CopilotSeatPlanAction> row in _rows)
            {
                now.TryGetValue(row.Key, out List<CopilotSeatPlanItem>? items);
                CopilotSeatPlanItem? same = items?.FirstOrDefault(i => i.Action == row.Value);
                if (same != null || row.Value is CopilotSeatPlanAction.Skip or CopilotSeatPlanAction.Conflict)
                {
                    // Skip and Conflict are never requests: their warning, whatever -Exclude or -GraceDays the re-check was made with.
                    plan.Take(same ?? new CopilotSeatPlanItem { Login = row.Key, Action = row.Value, Reason = $"The plan says {row.Value}." });
                    continue;
                }
                CopilotSeatPlanItem? other = items?.FirstOrDefault();
                string situation = other is null ? "there is no seat to change now" : $"planning it now gives {other.Action} ({other.Reason.TrimEnd('.')})";
                plan.Warnings.Add($"Skipped '{row.Key}' in the {plan.Scope}: the plan says {row.Value}, but {situation}. "
                    + "It was not applied; make the plan again with Compare-CopilotSeat.");
            }
        }
    }
}
