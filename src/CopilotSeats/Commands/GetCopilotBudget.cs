using CopilotSeats.Budgets;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Get-CopilotBudget: the budgets of an organization or enterprise (the AI-credit ones by default, all pages,
    /// streamed); with -UserName (or piped seats), "why is this user blocked?": the budget that applies to each user.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CopilotBudget", DefaultParameterSetName = OrganizationSet)]
    [OutputType(typeof(CopilotBudget), typeof(CopilotUserBudget))]
    public sealed class GetCopilotBudgetCommand : CopilotScopeCmdlet
    {
        /// <summary>Users to explain: one CopilotUserBudget each. Piped seats bind through Login.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Login")]
        [ValidateCopilotName(NameKind.Login)]
        [ArgumentCompleter(typeof(UserNameCompleter))]
        public string[]? UserName { get; set; }

        /// <summary>Only budgets of these scopes.</summary>
        [Parameter]
        [ValidateSet("Organization", "Enterprise", "Repository", "CostCenter", "AllUsers", "CostCenterUsers", "User", IgnoreCase = true)]
        public string[]? Scope { get; set; }

        /// <summary>Budgets of every product, not only AI credits.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        private readonly BudgetTargets _users = new BudgetTargets();

        protected override void ProcessRecord()
        {
            SeatScope owner = ResolveScope();
            if (UserName != null && UserName.Length > 0)
            {
                foreach (string user in UserName) _users.Add(owner, user);
                return;
            }
            CopilotClient client = GetClient();
            // GitHub filters by one scope a request; several scopes are listed one after another.
            string?[] scopes = Scope is null || Scope.Length == 0 ? new string?[] { null } : Scope.Select(BudgetWire.WireScope).Distinct().ToArray();
            RunAsync(async cancellationToken =>
            {
                foreach (string? scope in scopes)
                    await client.Budgets().ListAsync(owner, scope, null, All.IsPresent, (page, _) => WriteObjectsAsync(page), cancellationToken).ConfigureAwait(false);
            });
        }

        protected override void EndProcessing()
        {
            if (_users.Count == 0) return;
            CopilotClient client = GetClient();
            RunAsync(async cancellationToken =>
            {
                foreach (var group in _users.Groups)
                    await client.Budgets().ForUsersAsync(group.Key, group.Value, result => Post(() => WriteObject(result)),
                        error => WriteErrorAsync(error, error.TargetObject), cancellationToken).ConfigureAwait(false);
            });
        }
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
