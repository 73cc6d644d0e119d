namespace CopilotSeats
{
    /// <summary>
    /// One budget of an organization or enterprise, as GitHub's budgets API reports it. Scalar properties only, so
    /// Export-Csv gives one flat row per budget.
    /// </summary>
    public sealed class CopilotBudget
    {
        public string Id { get; set; } = string.Empty;
        public string? Organization { get; set; }
        public string? Enterprise { get; set; }
        /// <summary>Organization, Enterprise, Repository, CostCenter, AllUsers (multi_user_customer), CostCenterUsers (multi_user_cost_center) or User; GitHub's own word for a scope this module does not know.</summary>
        public string Scope { get; set; } = string.Empty;
        /// <summary>The user of a User budget.</summary>
        public string? UserName { get; set; }
        /// <summary>The organization, repository or cost center of the other scopes (budget_entity_name); null when GitHub names none.</summary>
        public string? Entity { get; set; }
        /// <summary>budget_product_sku, as GitHub names it (ai_credits, actions, actions_linux, ...).</summary>
        public string? Sku { get; set; }
        /// <summary>budget_type, as GitHub names it (BundlePricing, ProductPricing, SkuPricing).</summary>
        public string? PricingType { get; set; }
        /// <summary>The budget in whole US dollars.</summary>
        public int AmountUsd { get; set; }
        public bool PreventFurtherUsage { get; set; }
        /// <summary>The alert recipients' logins, comma-separated; empty when alerting is off.</summary>
        public string AlertRecipients { get; set; } = string.Empty;
        /// <summary>Consumed this billing cycle, in US dollars, where GitHub reports it (user and all-users budgets); else null.</summary>
        public decimal? ConsumedUsd { get; set; }

        public override string ToString() => $"{Scope} {UserName ?? Entity} {Sku} ${AmountUsd}";
    }

    /// <summary>Why a user is or is not blocked: the AI-credit budget that applies to them and what they consumed this cycle.</summary>
    public sealed class CopilotUserBudget
    {
        public string UserName { get; set; } = string.Empty;
        public string? Organization { get; set; }
        public string? Enterprise { get; set; }
        /// <summary>User (their own budget), AllUsers (the all-users budget), another listed scope, Unknown (GitHub's effective budget, not listed) or None.</summary>
        public string AppliedScope { get; set; } = "None";
        public string? BudgetId { get; set; }
        /// <summary>The applying budget in whole US dollars; null when no budget applies.</summary>
        public int? AmountUsd { get; set; }
        /// <summary>What the user consumed this cycle under that budget, in US dollars.</summary>
        public decimal ConsumedUsd { get; set; }
        /// <summary>Amount minus consumed, never below 0; null when no budget applies.</summary>
        public decimal? RemainingUsd { get; set; }
        public bool PreventFurtherUsage { get; set; }
        /// <summary>Consumed reached the amount and the budget stops further usage.</summary>
        public bool Blocked { get; set; }

        public override string ToString() => $"{UserName}: {AppliedScope}" + (AmountUsd.HasValue ? $" ${ConsumedUsd}/${AmountUsd}" : string.Empty) + (Blocked ? " blocked" : string.Empty);
    }

    /// <summary>What Set-CopilotBudget did for one user (or the all-users budget).</summary>
    public sealed class CopilotBudgetChange
    {
        /// <summary>The user; null for the all-users budget.</summary>
        public string? UserName { get; set; }
        public string? Organization { get; set; }
        public string? Enterprise { get; set; }
        /// <summary>User or AllUsers.</summary>
        public string Scope { get; set; } = "User";
        /// <summary>Created, Updated or Unchanged (nothing was sent).</summary>
        public string Result { get; set; } = string.Empty;
        /// <summary>The amount before, in whole US dollars; null when the budget was created.</summary>
        public int? OldAmountUsd { get; set; }
        public int AmountUsd { get; set; }
        public string? BudgetId { get; set; }
        /// <summary>The run in the change journal (Get-CopilotSeatJournal -RunId); null under -NoJournal or when nothing was sent.</summary>
        public Guid? RunId { get; set; }

        public override string ToString() => $"{UserName ?? "all users"}: {Result} ${AmountUsd}";
    }
}
