using CopilotSeats.Journal;

namespace CopilotSeats.Budgets
{
    /// <summary>Budgets to delete named by id (Remove-CopilotBudget -Id, or budgets piped from Get-CopilotBudget).</summary>
    public static class BudgetRemovals
    {
        /// <summary>
        /// Each id looked up in one listing of the owner's budgets (every scope and product, all pages; only the ids
        /// asked for are kept) for the name its confirmation, error and journal lines carry and the amount it had. An id
        /// the listing lacks is still sent (GitHub decides), under its id and without an amount.
        /// </summary>
        public static async Task<List<(BudgetRemoval Budget, string Text)>> ByIdAsync(this BudgetClient budgets, SeatScope owner,
            IReadOnlyList<string> ids, CancellationToken cancellationToken)
        {
            var wanted = new HashSet<string>(ids, StringComparer.Ordinal);
            var found = new Dictionary<string, CopilotBudget>(StringComparer.Ordinal);
            await budgets.ListAsync(owner, null, null, allProducts: true, (page, _) =>
            {
                foreach (CopilotBudget budget in page.Where(b => wanted.Contains(b.Id))) found[budget.Id] = budget;
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            return ids.Select(id => found.TryGetValue(id, out CopilotBudget? budget)
                ? (new BudgetRemoval(id, NameOf(budget), budget.AmountUsd), $"{Describe(budget)} (${budget.AmountUsd}, id {id}) in the {owner}")
                : (new BudgetRemoval(id, id, null), $"budget {id} in the {owner}")).ToList();
        }

        /// <summary>The name a budget's journal lines and errors carry: its user, the all-users name, its entity, else its id.</summary>
        public static string NameOf(CopilotBudget budget) =>
            budget.UserName ?? (budget.Scope == "AllUsers" ? JournalFormat.AllUsersName : budget.Entity) ?? budget.Id;

        private static string Describe(CopilotBudget budget) =>
            budget.UserName is { } user ? $"{Product(budget)}budget of user {user}"
            : budget.Scope == "AllUsers" ? $"{Product(budget)}all-users budget"
            : $"{budget.Scope} {Product(budget)}budget" + (budget.Entity is { } entity ? " of " + entity : string.Empty);

        private static string Product(CopilotBudget budget) => BudgetRules.IsAiCredits(budget) ? "AI-credit " : string.Empty;
    }
}
