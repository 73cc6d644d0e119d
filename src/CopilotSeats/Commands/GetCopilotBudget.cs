using CopilotSeats.Budgets;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Get-CopilotBudget: the budgets of an organization or enterprise (the AI-credit ones by default, all pages,
    /// streamed); with -UserName (or piped seats), "why is this user blocked?": the budget that applies to each user.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CopilotBudget", DefaultParameterSetName = OrganizationSet)]
    [OutputType(typeof(CopilotBudget), typeof(CopilotUserBudget))]
    public sealed class GetCopilotBudgetCommand : CopilotBudgetCmdlet
    {
        /// <summary>Only budgets of these scopes.</summary>
        [Parameter]
        [ValidateSet("Organization", "Enterprise", "Repository", "CostCenter", "AllUsers", "CostCenterUsers", "User", IgnoreCase = true)]
        public string[]? Scope { get; set; }

        /// <summary>Budgets of every product, not only AI credits.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        private UserBudgetLookup? _lookup;

        protected override string Task => "look up a budget for";

        protected override void ProcessRecord()
        {
            if (SkipUnnamed()) return;
            if (!HasUsers && InputObject?.BaseObject is string or ValueType)
            {
                // A bare value piped (it binds only InputObject): an error, as PowerShell's binding gave, not every budget listed.
                WriteError(ErrorRecords.From(new CopilotException("CopilotSeats.NoBudgetTarget", CopilotErrorCategory.InvalidArgument, InputObject.BaseObject,
                    $"The piped value '{InputObject}' names no user.") { RecommendedAction = "Pipe seats or objects with a UserName or Login, or pass -UserName." }, InputObject.BaseObject));
                return;
            }
            SeatScope owner = ResolveScope();
            CopilotClient client = GetClient();
            if (HasUsers)
            {
                // Looked up as they come, ThrottleLimit at a time, each answer written in input order once it is in.
                UserBudgetLookup lookup = _lookup ??= client.Budgets().ForUsers(result => Post(() => WriteObject(result)), error => WriteErrorAsync(error, error.TargetObject));
                string[] users = UserName!;
                // The command's stop token, not this run's: a lookup outlives the record that started it.
                RunAsync(async _ =>
                {
                    foreach (string user in users) await lookup.AddAsync(owner, user, StopToken).ConfigureAwait(false);
                }, keepProgress: true);
                return;
            }
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
            if (_lookup is not { } lookup) return;
            RunAsync(_ => lookup.CompleteAsync(StopToken));
        }
    }
}
