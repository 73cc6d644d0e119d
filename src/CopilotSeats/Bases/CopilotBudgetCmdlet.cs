namespace CopilotSeats.Commands
{
    /// <summary>
    /// Base of Get-, Set- and Remove-CopilotBudget: -Organization/-Enterprise once, and -UserName, which piped seats
    /// bind through Login. <see cref="BudgetTargets"/> collects the names per owner.
    /// </summary>
    public abstract class CopilotBudgetCmdlet : CopilotScopeCmdlet
    {
        /// <summary>Users (logins). Piped seats bind through Login.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Login")]
        [ValidateCopilotName(NameKind.Login)]
        [ArgumentCompleter(typeof(UserNameCompleter))]
        public string[]? UserName { get; set; }

        /// <summary>Whether this record names users.</summary>
        protected bool HasUsers => UserName != null && UserName.Length > 0;
    }

    /// <summary>Names per organization or enterprise, each once, in the order they came.</summary>
    internal sealed class BudgetTargets
    {
        private readonly List<KeyValuePair<SeatScope, List<string>>> _groups = new List<KeyValuePair<SeatScope, List<string>>>();
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public IReadOnlyList<KeyValuePair<SeatScope, List<string>>> Groups => _groups;
        public int Count => _seen.Count;

        /// <summary>Adds the name under its owner; false when it was there already.</summary>
        public bool Add(SeatScope owner, string name)
        {
            if (!_seen.Add(owner + "|" + name)) return false;
            foreach (var group in _groups)
                if (group.Key.Kind == owner.Kind && string.Equals(group.Key.Name, owner.Name, StringComparison.OrdinalIgnoreCase))
                {
                    group.Value.Add(name);
                    return true;
                }
            _groups.Add(new KeyValuePair<SeatScope, List<string>>(owner, new List<string> { name }));
            return true;
        }
    }
}
