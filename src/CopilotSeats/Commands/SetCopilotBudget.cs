using CopilotSeats.Budgets;
using CopilotSeats.Journal;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Set-CopilotBudget: creates each user's AI-credit budget or updates the one that exists (never a second one), or
    /// the all-users budget with -AllUsers. ShouldProcess once per user with the old and new amount; an unchanged amount
    /// sends nothing; the changes run concurrently within the request engine's budget.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CopilotBudget", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = OrganizationSet)]
    [OutputType(typeof(CopilotBudgetChange))]
    public sealed class SetCopilotBudgetCommand : CopilotBudgetChangeCmdlet
    {
        /// <summary>Sets the all-users budget (GitHub's multi_user_customer) instead of users' own.</summary>
        [Parameter]
        public SwitchParameter AllUsers { get; set; }

        /// <summary>
        /// The monthly budget in whole US dollars, 0 or more (0 blocks at once). Binds by property name too, so each row of a
        /// spreadsheet (UserName, AmountUsd) sets its own amount; typed, it is every user's.
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public decimal AmountUsd { get; set; }

        private readonly ScopedNames _targets = new ScopedNames();
        private readonly Dictionary<string, int> _amounts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // A typed amount is checked before any record: a bad one stops the command.
            if (MyInvocation.BoundParameters.ContainsKey(nameof(AmountUsd))) Amount(terminating: true);
        }

        /// <summary>This record's amount in whole dollars; null (after the error) when it is not one.</summary>
        private int? Amount(bool terminating)
        {
            try
            {
                return BudgetRules.ValidateAmount(AmountUsd);
            }
            catch (CopilotException ex)
            {
                if (terminating) ThrowTerminatingError(ErrorRecords.From(ex));
                ex.IsTerminating = false;
                WriteError(ErrorRecords.From(ex, UserName?.FirstOrDefault() ?? (object)AmountUsd));
                return null;
            }
        }

        private static string Key(SeatScope owner, string user) => owner + "|" + user;

        protected override string Task => "set a budget for";

        protected override void ProcessRecord()
        {
            if (SkipUnnamed()) return;
            bool users = HasUsers;
            SeatScope owner = ResolveScope();
            if (!users && !AllUsers && InputObject != null)
            {
                // A piped record without a user (a budget of another scope): its own error; the records after it go on.
                bool bare = InputObject.BaseObject is string or ValueType; // a value piped alone binds only InputObject
                object target = bare ? InputObject.BaseObject : InputObject.Properties["Id"]?.Value as string ?? (object)owner.Name;
                WriteError(ErrorRecords.From(new CopilotException("CopilotSeats.NoBudgetTarget", CopilotErrorCategory.InvalidArgument, target,
                    $"The piped {(bare ? "value" : "record")} '{target}' names no user; Set-CopilotBudget sets users' own budgets.")
                    { RecommendedAction = "Pipe seats or user budgets (Get-CopilotBudget -Scope User)." }, target));
                return;
            }
            if (users == AllUsers.IsPresent)
                ThrowTerminatingError(ErrorRecords.From(new CopilotException("CopilotSeats.NoBudgetTarget", CopilotErrorCategory.InvalidArgument, owner.Name,
                    AllUsers ? "Pass either -UserName or -AllUsers, not both." : "Name the users (-UserName, or pipe seats) or pass -AllUsers.")
                    { RecommendedAction = "Pass -UserName <login[]> or -AllUsers." }));
            if (Amount(terminating: false) is not int amount) return; // a piped row's amount that is not whole dollars: that row's error
            // The all-users budget is kept under an empty name. A user named again keeps the first row's amount.
            foreach (string user in users ? UserName! : new[] { string.Empty })
            {
                if (_targets.Add(owner, user)) _amounts[Key(owner, user)] = amount;
                else if (_amounts[Key(owner, user)] != amount)
                    WriteWarning($"'{(user.Length == 0 ? "(all users)" : user)}' in the {owner} came again with AmountUsd {amount}; the first amount, {_amounts[Key(owner, user)]}, is kept.");
            }
        }

        protected override bool HasWork => _targets.Count > 0;

        protected override void Send(CopilotClient client, ChangeJournal? journal)
        {
            foreach (var group in _targets.Groups)
            {
                SeatScope owner = group.Key;
                var plan = new List<BudgetPlanItem>();
                RunAsync(async cancellationToken =>
                {
                    if (AllUsers.IsPresent) // its targets are the owners, each under an empty name
                    {
                        List<CopilotBudget> existing = await client.Budgets().ListAiCreditBudgetsAsync(owner, "multi_user_customer", cancellationToken).ConfigureAwait(false);
                        plan.Add(new BudgetPlanItem(null, BudgetRules.AllUsersBudget(existing), _amounts[Key(owner, string.Empty)]));
                        return;
                    }
                    var own = await client.Budgets().OwnBudgetsAsync(owner, group.Value, cancellationToken).ConfigureAwait(false);
                    plan.AddRange(group.Value.Select(user => new BudgetPlanItem(user, own.TryGetValue(user, out CopilotBudget? b) ? b : null, _amounts[Key(owner, user)])));
                });
                var accepted = plan.Where(item => item.Action == BudgetAction.Unchanged || ShouldProcessUnlessForced(Force, item.Target(owner), "Set Copilot AI-credit budget")).ToList();
                if (accepted.Count == 0) continue;
                int done = 0;
                RunAsync(cancellationToken => client.Budgets().ApplyAsync(owner, accepted, change =>
                    {
                        ReportBatch("Setting Copilot AI-credit budgets", Interlocked.Increment(ref done), accepted.Count);
                        return Post(() => WriteObject(change));
                    },
                    error => WriteErrorAsync(error, error.TargetObject), journal, cancellationToken, ErrorsStop()));
            }
        }
    }
}
