using CopilotSeats.Http;

namespace CopilotSeats.Budgets
{
    /// <summary>
    /// The hint rows a budget request brings along (<see cref="ApiRequest.Hints"/>): who may call the budgets API
    /// (BUDGETS.md, "Who may call"), GitHub Apps refused on the organization PATCH, the feature or the budget not found,
    /// and a refused amount or user.
    /// </summary>
    internal static class BudgetErrorHints
    {
        public static readonly IReadOnlyList<ErrorHint> Rows = new[]
        {
            new ErrorHint(403, a => IsOrgAppPatch(a),
                a => "GitHub does not let GitHub Apps update organization budgets (PATCH of a budget is not enabled for GitHub Apps).",
                a => "Use a personal access token of an organization owner or billing manager (-Token) to change existing budgets."),
            new ErrorHint(403, a => a.Says("by integration", "by personal access token"),
                a => $"The token lacks the {Permission(a)}.",
                a => $"Grant the token (fine-grained token or GitHub App) the {Permission(a)}, or use a classic token of an {Role(a)}."),
            new ErrorHint(403, null,
                a => $"Only an {Role(a)} may {(a.Request.IsMutation ? "change" : "read")} budgets of the {a.Subject}; a classic token also needs {Scopes(a)}.",
                a => $"Use a token of an {Role(a)} (classic: {Scopes(a)}; fine-grained or GitHub App: the {Permission(a)})."),
            new ErrorHint(404, a => a.Says("budget with id"),
                a => "The budget does not exist (it may have been deleted meanwhile).",
                a => $"List the budgets with Get-CopilotBudget {a.Where}."),
            new ErrorHint(404, null,
                a => $"Usage-based billing or the budgets feature may not be enabled for the {a.Subject}, or it does not exist, or the token cannot see it.",
                a => $"Check the name, and that usage-based billing is enabled for the {a.Subject} (Billing and licensing settings)."),
            new ErrorHint(400, 422, a => IsBudgetWrite(a) && !ErrorHints.IsUnsupportedVersion(a),
                a => "GitHub refused the amount or the user.",
                a => "Check the amount (whole dollars, 0 or more) and that the user belongs to the " + a.Subject + "."),
        };

        /// <summary>A create or update of a budget (POST or PATCH): the only requests that send an amount and a user.</summary>
        private static bool IsBudgetWrite(ErrorAnswer a) =>
            a.Request.Kind == RequestKind.BudgetChange && (a.Request.Method == HttpMethod.Post || a.Request.Method.Method == "PATCH");

        private static bool IsOrgAppPatch(ErrorAnswer a) =>
            a.Request.Scope.Kind == ScopeKind.Organization && a.Request.Method.Method == "PATCH" && a.Says("by integration");

        /// <summary>Who GitHub lets call the endpoint (BUDGETS.md "Who may call"): a billing custom role may read, create and update, not delete.</summary>
        private static string Role(ErrorAnswer a) => a.Request.Scope.Kind == ScopeKind.Enterprise
            ? "enterprise owner or billing manager (or an organization admin for that organization's budgets"
                + (a.Request.Method == HttpMethod.Delete ? ")" : $", or a custom role with {(a.Request.IsMutation ? "write" : "read")} access to enterprise billing)")
            : "organization admin or billing manager";

        /// <summary>Not stated by GitHub for these endpoints: what GitHub says it accepts, else the assumed ones.</summary>
        private static string Scopes(ErrorAnswer a) => a.Missing is { } accepted ? "one of " + string.Join(", ", accepted)
            : a.Request.Scope.Kind == ScopeKind.Enterprise ? "the manage_billing:enterprise scope (assumed: GitHub documents none)" : "the admin:org scope (assumed: GitHub documents none)";

        private static string Permission(ErrorAnswer a)
        {
            string level = a.Request.IsMutation ? "write" : "read";
            return a.Request.Scope.Kind == ScopeKind.Enterprise
                ? $"enterprise permission 'Enterprise billing' ({level}; GitHub Apps installed on the enterprise only, and not yet available to every enterprise-owned App)"
                : $"organization permission 'Administration' ({level})";
        }
    }
}
