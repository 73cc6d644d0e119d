using CopilotSeats.Budgets;
using CopilotSeats.Journal;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Remove-CopilotBudget: deletes users' AI-credit budgets (-UserName) or any budget by id (-Id, or budgets piped
    /// from Get-CopilotBudget). ShouldProcess once per budget; -Force skips the confirmation, -WhatIf still wins.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "CopilotBudget", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = OrganizationSet)]
    [OutputType(typeof(void))]
    public sealed class RemoveCopilotBudgetCommand : CopilotBudgetChangeCmdlet
    {
        /// <summary>Budget ids; a piped budget binds its Id (which wins over its UserName).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

        private readonly ScopedNames _ids = new ScopedNames();
        private readonly ScopedNames _users = new ScopedNames();

        protected override void ProcessRecord()
        {
            SeatScope owner = ResolveScope();
            if (Id != null && Id.Length > 0)
                foreach (string id in Id) _ids.Add(owner, id);
            else if (HasUsers)
                foreach (string user in UserName!) _users.Add(owner, user);
            else
                WriteError(ErrorRecords.From(new CopilotException("CopilotSeats.NoBudgetTarget", CopilotErrorCategory.InvalidArgument, owner.Name,
                    "Name the budgets to remove: -UserName or -Id (or pipe budgets from Get-CopilotBudget).") { RecommendedAction = "Pass -UserName or -Id." }));
        }

        protected override bool HasWork => _ids.Count + _users.Count > 0;

        protected override void Send(CopilotClient client, ChangeJournal? journal)
        {
            foreach (var group in _ids.Groups.Concat(_users.Groups))
            {
                SeatScope owner = group.Key;
                bool byUser = _users.Groups.Any(g => ReferenceEquals(g.Value, group.Value));
                var budgets = group.Value.Select(id => (Budget: new BudgetRemoval(id, id, null), Text: $"budget {id} in the {owner}")).ToList();
                if (byUser)
                {
                    var existing = new Dictionary<string, CopilotBudget>();
                    RunAsync(async cancellationToken => existing = await client.Budgets().OwnBudgetsAsync(owner, group.Value, cancellationToken).ConfigureAwait(false));
                    budgets.Clear();
                    foreach (string user in group.Value)
                    {
                        if (existing.TryGetValue(user, out CopilotBudget? own)) budgets.Add((new BudgetRemoval(own.Id, user, own.AmountUsd), $"AI-credit budget of user {user} (${own.AmountUsd}) in the {owner}"));
                        else WriteError(ErrorRecords.From(new CopilotException("CopilotSeats.NoBudget", CopilotErrorCategory.ObjectNotFound, user,
                            $"User '{user}' has no AI-credit budget of their own in the {owner}.") { RecommendedAction = "Get-CopilotBudget -Scope User lists the user budgets." }, user));
                    }
                }
                var accepted = budgets.Where(b => ShouldProcessUnlessForced(Force, b.Text, "Remove Copilot budget")).Select(b => b.Budget).ToList();
                if (accepted.Count == 0) continue;
                RunAsync(cancellationToken => client.Budgets().DeleteAsync(owner, accepted, id => WriteVerboseAsync($"Removed budget {id} in the {owner}."),
                    error => WriteErrorAsync(error, error.TargetObject), journal, cancellationToken));
            }
        }
    }
}
