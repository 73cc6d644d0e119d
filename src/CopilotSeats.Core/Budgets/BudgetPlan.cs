namespace CopilotSeats.Budgets
{
    /// <summary>What Set-CopilotBudget will do for one user: create, update or leave a budget.</summary>
    public enum BudgetAction { Create, Update, Unchanged }

    /// <summary>One user's (or the all-users) decision, made before anything is sent; the cmdlet asks ShouldProcess with its text.</summary>
    public sealed class BudgetPlanItem
    {
        public BudgetPlanItem(string? userName, CopilotBudget? existing, int amountUsd)
        {
            UserName = userName;
            Existing = existing;
            AmountUsd = amountUsd;
            Action = existing is null ? BudgetAction.Create : existing.AmountUsd == amountUsd && existing.PreventFurtherUsage ? BudgetAction.Unchanged : BudgetAction.Update;
        }

        /// <summary>The user; null for the all-users budget.</summary>
        public string? UserName { get; }
        public CopilotBudget? Existing { get; }
        public int AmountUsd { get; }
        public BudgetAction Action { get; }

        /// <summary>ShouldProcess's target: "user mona: $5 -> $10" ("no budget -> $10" when there is none).</summary>
        public string Target(SeatScope owner) =>
            (UserName is null ? "all-users budget" : "user " + UserName) + " in the " + owner + ": "
            + (Existing is null ? "no budget" : "$" + Existing.AmountUsd) + " -> $" + AmountUsd;

        /// <summary>The outcome, once sent (or at once for Unchanged).</summary>
        public CopilotBudgetChange Change(SeatScope owner, string? budgetId) => new CopilotBudgetChange
        {
            UserName = UserName,
            Organization = owner.Organization,
            Enterprise = owner.Enterprise,
            Scope = UserName is null ? "AllUsers" : "User",
            Result = Action == BudgetAction.Create ? "Created" : Action == BudgetAction.Update ? "Updated" : "Unchanged",
            OldAmountUsd = Existing?.AmountUsd,
            AmountUsd = AmountUsd,
            BudgetId = budgetId ?? Existing?.Id,
        };
    }

    /// <summary>The rules of per-user AI-credit budgets: amounts, which budget applies to a user, and create-or-update.</summary>
    public static class BudgetRules
    {
        /// <summary>A budget amount in whole US dollars, 0 or more; anything else stops before any request (CopilotSeats.InvalidAmount).</summary>
        public static int ValidateAmount(decimal amountUsd)
        {
            if (amountUsd < 0 || amountUsd != decimal.Truncate(amountUsd) || amountUsd > int.MaxValue)
                throw new CopilotException("CopilotSeats.InvalidAmount", CopilotErrorCategory.InvalidArgument, amountUsd,
                    $"The budget amount {amountUsd} is not a whole number of US dollars of 0 or more; GitHub takes whole dollars only.")
                {
                    RecommendedAction = "Pass -AmountUsd as a whole number of dollars, 0 or more (0 blocks at once).",
                    IsTerminating = true,
                };
            return (int)amountUsd;
        }

        /// <summary>
        /// Whether to ask for the next page (BUDGETS.md, "Paging": no Link header): has_next_page when GitHub sends it,
        /// else total_count, else until an empty page; never after an empty page.
        /// </summary>
        public static bool MorePages(BudgetPage page, int seen) =>
            page.Budgets.Count > 0 && (page.HasNextPage ?? (page.TotalCount.HasValue ? seen < page.TotalCount.Value : true));

        /// <summary>Whether a budget is an AI-credit budget (its SKU is ai_credits).</summary>
        public static bool IsAiCredits(CopilotBudget budget) => string.Equals(budget.Sku, BudgetWire.AiCredits, StringComparison.OrdinalIgnoreCase);

        /// <summary>The user's own AI-credit budget among <paramref name="budgets"/>, or null.</summary>
        public static CopilotBudget? OwnBudget(IEnumerable<CopilotBudget> budgets, string user) =>
            budgets.FirstOrDefault(b => b.Scope == "User" && IsAiCredits(b) && string.Equals(b.UserName, user, StringComparison.OrdinalIgnoreCase));

        /// <summary>The all-users AI-credit budget among <paramref name="budgets"/>, or null.</summary>
        public static CopilotBudget? AllUsersBudget(IEnumerable<CopilotBudget> budgets) =>
            budgets.FirstOrDefault(b => b.Scope == "AllUsers" && IsAiCredits(b));

        /// <summary>AppliedScope of an effective_budget GitHub does not list: a user-level budget of a scope not known.</summary>
        public const string UnlistedScope = "Unknown";

        /// <summary>
        /// Which budget applies to the user (their own, else the all-users one, else none) and whether it blocks them.
        /// GitHub's effective_budget wins where it gives one: its id names the budget, its amounts are the user's; when
        /// its id is not among the listed budgets, every figure is its own and the scope is <see cref="UnlistedScope"/>.
        /// </summary>
        public static CopilotUserBudget Resolve(string user, SeatScope owner, IReadOnlyList<CopilotBudget> budgets, EffectiveBudget? effective)
        {
            CopilotBudget? applied = effective != null ? budgets.FirstOrDefault(b => b.Id == effective.Id) : OwnBudget(budgets, user) ?? AllUsersBudget(budgets);
            var result = new CopilotUserBudget { UserName = user, Organization = owner.Organization, Enterprise = owner.Enterprise };
            if (applied is null && effective is null) return result;
            result.AppliedScope = applied?.Scope ?? UnlistedScope;
            result.BudgetId = effective?.Id ?? applied!.Id;
            int amount = effective?.AmountUsd ?? applied!.AmountUsd;
            result.AmountUsd = amount;
            result.ConsumedUsd = effective?.ConsumedUsd ?? applied!.ConsumedUsd ?? 0m;
            result.RemainingUsd = Math.Max(0m, amount - result.ConsumedUsd);
            // User-level budgets always stop usage (BUDGETS.md); a budget GitHub did not list is taken as one.
            result.PreventFurtherUsage = applied?.PreventFurtherUsage ?? true;
            result.Blocked = result.PreventFurtherUsage && result.ConsumedUsd >= amount;
            return result;
        }
    }
}
