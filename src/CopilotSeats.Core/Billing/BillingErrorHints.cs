using CopilotSeats.Http;

namespace CopilotSeats.Billing
{
    /// <summary>
    /// The hint rows an AI-credit usage report request brings along (<see cref="ApiRequest.Hints"/>): who may read the
    /// report (BILLING.md, APPS-ENTERPRISE.md), where GitHub Apps cannot, and that a 404 may mean usage-based billing
    /// does not apply to the target.
    /// </summary>
    internal static class BillingErrorHints
    {
        /// <summary>The classic scopes assumed (GitHub states none for these endpoints; simulator README).</summary>
        public static string ClassicScopes(SeatScope scope) =>
            scope.Kind == ScopeKind.Enterprise ? "manage_billing:enterprise or read:enterprise" : "admin:org";

        /// <summary>The assumed classic scopes, said to be assumed (BILLING.md: GitHub documents none for the report).</summary>
        public static string AssumedScopes(SeatScope scope) => $"{ClassicScopes(scope)} (assumed: GitHub documents no classic scope for this report)";

        /// <summary>Who GitHub lets read the report (BILLING.md "Who"): the organization's, its admins only.</summary>
        public static string Role(SeatScope scope) => scope.Kind == ScopeKind.Enterprise
            ? "an enterprise admin or billing manager (or a custom role with read access to enterprise billing)"
            : "an organization admin";

        public static string Permission(SeatScope scope) => scope.Kind == ScopeKind.Enterprise
            ? "the enterprise permission 'Enterprise billing' (read)"
            : "the organization permission 'Administration' (read)";

        private static string AppLimit(SeatScope scope) => scope.Kind == ScopeKind.Enterprise
            ? "GitHub does not make 'Enterprise billing' generally available to enterprise-owned Apps, and an organization installation cannot read an enterprise's billing."
            : "Only an installation on that organization can read it; an enterprise installation cannot.";

        /// <summary>Who may read it, with the classic scope, the fine-grained permission and where Apps cannot.</summary>
        private static string Access(SeatScope scope) => scope.Kind == ScopeKind.Enterprise
            ? $"Use a token of {Role(scope)}: a classic token with {AssumedScopes(scope)}. A GitHub App needs {Permission(scope)}, which GitHub does not make generally available to enterprise-owned Apps."
            : $"Use a token of {Role(scope)}: a classic token with {AssumedScopes(scope)}, or a fine-grained token or GitHub App installed on the organization with {Permission(scope)} (an enterprise installation cannot read it).";

        public static readonly IReadOnlyList<ErrorHint> Rows = new[]
        {
            new ErrorHint(403, a => a.Request.Kind == RequestKind.CreditUsage && a.Says("by integration"),
                a => $"The GitHub App's installation may not read the AI-credit usage of the {a.Subject}: it needs {Permission(a.Request.Scope)}. {AppLimit(a.Request.Scope)}",
                a => $"Grant the App {Permission(a.Request.Scope)}, or use a classic token of {Role(a.Request.Scope)} with {ClassicScopes(a.Request.Scope)} (-Token)."),
            new ErrorHint(403, a => a.Request.Kind == RequestKind.CreditUsage,
                a => $"The token may not read the AI-credit usage of the {a.Subject}: it must belong to {Role(a.Request.Scope)}{Scopes(a)}.",
                a => Access(a.Request.Scope)),
            new ErrorHint(404, a => a.Request.Kind == RequestKind.CreditUsage,
                a => $"GitHub has no AI-credit usage report for the {a.Subject}: usage-based billing may not apply to it (Copilot billed through a plan or partner, or no Copilot Business or Enterprise), the name may be wrong, or the token cannot see it{Scopes(a)}.",
                a => $"Check the name, and that the {a.Subject} is billed for Copilot in AI credits (Settings > Billing and licensing)."),
        };

        private static string Scopes(ErrorAnswer a)
        {
            string? granted = a.Response.Header("X-OAuth-Scopes");
            if (granted is null) return string.Empty;
            return a.Missing is null ? $" (the token has scopes [{granted}])" : $" (the token has scopes [{granted}]; GitHub accepts {string.Join(", ", a.Missing)} here)";
        }
    }
}
