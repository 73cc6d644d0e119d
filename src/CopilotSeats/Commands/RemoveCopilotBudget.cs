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

        protected override string Task => "remove a budget for";

        protected override void ProcessRecord()
        {
            if (SkipUnnamed()) return;
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
            foreach (var group in _ids.Groups)
            {
                var budgets = new List<(BudgetRemoval Budget, string Text)>();
                RunAsync(async cancellationToken => budgets = await client.Budgets().ByIdAsync(group.Key, group.Value, cancellationToken).ConfigureAwait(false));
                Remove(client, journal, group.Key, budgets);
            }
            foreach (var group in _users.Groups)
                Remove(client, journal, group.Key, OwnBudgets(client, group.Key, group.Value));
        }

        /// <summary>Each user's own AI-credit budget (one lookup for all of them); a user without one is a CopilotSeats.NoBudget error.</summary>
        private List<(BudgetRemoval Budget, string Text)> OwnBudgets(CopilotClient client, SeatScope owner, List<string> users)
        {
            Dictionary<string, CopilotBudget>? existing = null;
            RunAsync(async cancellationToken => existing = await client.Budgets().OwnBudgetsAsync(owner, users, cancellationToken).ConfigureAwait(false));
            var budgets = new List<(BudgetRemoval, string)>();
            if (existing is null) return budgets; // the lookup failed: its error was written, no user is said to have no budget
            foreach (string user in users)
            {
                if (existing.TryGetValue(user, out CopilotBudget? own)) budgets.Add((new BudgetRemoval(own.Id, user, own.AmountUsd), $"AI-credit budget of user {user} (${own.AmountUsd}) in the {owner}"));
                else WriteError(ErrorRecords.From(new CopilotException("CopilotSeats.NoBudget", CopilotErrorCategory.ObjectNotFound, user,
                    $"User '{user}' has no AI-credit budget of their own in the {owner}.") { RecommendedAction = "Get-CopilotBudget -Scope User lists the user budgets." }, user));
            }
            return budgets;
        }

        /// <summary>ShouldProcess per budget, then the deletes of the accepted ones.</summary>
        private void Remove(CopilotClient client, ChangeJournal? journal, SeatScope owner, List<(BudgetRemoval Budget, string Text)> budgets)
        {
            var accepted = budgets.Where(b => ShouldProcessUnlessForced(Force, b.Text, "Remove Copilot budget")).Select(b => b.Budget).ToList();
            if (accepted.Count == 0) return;
            RunAsync(cancellationToken => client.Budgets().DeleteAsync(owner, accepted, id => WriteVerboseAsync($"Removed budget {id} in the {owner}."),
                error => WriteErrorAsync(error, error.TargetObject), journal, cancellationToken, ErrorsStop()));
        }
    }
}
