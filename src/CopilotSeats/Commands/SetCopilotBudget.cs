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

        /// <summary>The monthly budget in whole US dollars, 0 or more (0 blocks at once).</summary>
        [Parameter(Mandatory = true)]
        public decimal AmountUsd { get; set; }

        private readonly ScopedNames _targets = new ScopedNames();
        private int _amount;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            try
            {
                _amount = BudgetRules.ValidateAmount(AmountUsd);
            }
            catch (CopilotException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex));
            }
        }

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
                ThrowTerminatingError(ErrorRecords.From(new CopilotException("CopilotSeats.NoBudgetTarget", CopilotErrorCategory.InvalidArgument, null,
                    AllUsers ? "Pass either -UserName or -AllUsers, not both." : "Name the users (-UserName, or pipe seats) or pass -AllUsers.")
                    { RecommendedAction = "Pass -UserName <login[]> or -AllUsers." }));
            // The all-users budget is kept under an empty name.
            foreach (string user in users ? UserName! : new[] { string.Empty }) _targets.Add(owner, user);
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
                        plan.Add(new BudgetPlanItem(null, BudgetRules.AllUsersBudget(existing), _amount));
                        return;
                    }
                    var own = await client.Budgets().OwnBudgetsAsync(owner, group.Value, cancellationToken).ConfigureAwait(false);
                    plan.AddRange(group.Value.Select(user => new BudgetPlanItem(user, own.TryGetValue(user, out CopilotBudget? b) ? b : null, _amount)));
                });
                var accepted = plan.Where(item => item.Action == BudgetAction.Unchanged || ShouldProcessUnlessForced(Force, item.Target(owner), "Set Copilot AI-credit budget")).ToList();
                if (accepted.Count == 0) continue;
                int done = 0;
                RunAsync(cancellationToken => client.Budgets().ApplyAsync(owner, accepted, change =>
                    {
                        ReportBatch("Setting Copilot AI-credit budgets", Interlocked.Increment(ref done), accepted.Count);
                        return Post(() => WriteObject(change));
                    },
                    error => WriteErrorAsync(error, error.TargetObject), journal, cancellationToken));
            }
        }
    }
}
