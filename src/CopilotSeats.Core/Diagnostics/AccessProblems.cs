using CopilotSeats.Billing;
using CopilotSeats.Seats;
using CopilotSeats.Auth;
using CopilotSeats.Http;

namespace CopilotSeats.Diagnostics
{
    /// <summary>
    /// One line for a failing check: what the token or account is missing, from GitHub's answer. Classic and
    /// OAuth tokens: the scopes GitHub accepts (X-Accepted-OAuth-Scopes) beside the token's (X-OAuth-Scopes).
    /// Fine-grained and App tokens (no X-OAuth-Scopes): the permission (X-Accepted-GitHub-Permissions, else the
    /// documented one). When the token has what the endpoint asks for: the role, or the metrics policy. A classic or OAuth
    /// token refused without X-OAuth-Scopes (GitHub does not always send it): the scopes and the role, never the
    /// permission text meant for fine-grained and App tokens.
    /// </summary>
    public static class AccessProblems
    {
        public const string SeatPermission = "GitHub Copilot Business";
        public const string OrgMetricsPermission = "Organization Copilot metrics";
        public const string EnterpriseMetricsPermission = "Enterprise Copilot metrics";
        public const string EnterpriseSeatPermission = AccessHints.EnterpriseSeatPermission;

        /// <param name="tokenKind">The token's kind (<see cref="TokenKinds"/>): decides the billing checks when GitHub sends no X-OAuth-Scopes.</param>
        public static string Explain(AccessCheckKind check, SeatScope target, ApiResponse response, string? tokenKind = null)
        {
            string what = Name(check) + ": ";
            bool enterprise = target.Kind == ScopeKind.Enterprise;
            int status = response.Status;
            if (status == 401)
                return what + "GitHub refused the token (401): it is invalid, expired or revoked.";
            if (status != 403 && status != 404)
                return what + $"GitHub answered {status}" + (ErrorMapper.Reason(status) is { Length: > 0 } reason ? " " + reason : string.Empty) + ".";

            string? granted = response.Header("X-OAuth-Scopes");
            if (granted is null && HasScopes(tokenKind) && check == AccessCheckKind.Budgets && status == 404)
                return what + $"not found: usage-based billing or budgets may not be enabled for the {target}, or it does not exist or the token cannot see it.";
            if (granted is null && status == 403 && HasScopes(tokenKind) && (check == AccessCheckKind.CreditUsage || check == AccessCheckKind.Budgets))
                return what + $"refused: the account must be {(check == AccessCheckKind.Budgets ? BudgetRole(target) : BillingErrorHints.Role(target))}, with a classic token of {BillingErrorHints.AssumedScopes(target)}.";
            if (check == AccessCheckKind.CreditUsage) return what + CreditUsageProblem(target, response);
            if (granted is null && HasScopes(tokenKind) && check != AccessCheckKind.Budgets)
                return what + (status == 404 ? "not found" : "refused") + $": a classic token needs {string.Join(" or ", AcceptedScopes(check, enterprise, response))}, "
                    + (status == 404 ? $"and the {target} must exist and be visible to the account." : $"and the account must be {SeatRole(check, target)}"
                    + (check == AccessCheckKind.Usage ? $", with the Copilot usage metrics policy enabled for the {target}." : "."));
            if (granted != null)
            {
                var have = OAuthScopes.Parse(granted);
                var accepted = AcceptedScopes(check, enterprise, response);
                if (!OAuthScopes.AnyCovered(have, accepted))
                    return what + $"the token lacks the scope: needs {string.Join(" or ", accepted)} (it has {(have.Count == 0 ? "no scopes" : string.Join(", ", have))}).";
                return what + RoleOrPolicy(check, target, status);
            }

            if (check == AccessCheckKind.Budgets) return what + BudgetProblem(target, status, response.Header("X-Accepted-GitHub-Permissions"));
            string permission = check == AccessCheckKind.Usage ? (enterprise ? EnterpriseMetricsPermission : OrgMetricsPermission)
                : enterprise ? EnterpriseSeatPermission : SeatPermission;
            string? accepts = response.Header("X-Accepted-GitHub-Permissions");
            string named = accepts is null ? string.Empty : $" [{accepts}]";
            string line = what + $"needs the {(enterprise ? "enterprise" : "organization")} permission '{permission}' (read){named}";
            if (status == 404) line += $", or the {target} does not exist or the token cannot see it";
            if (check == AccessCheckKind.Usage) line += "; the Copilot usage metrics policy must be enabled too";
            // GitHub opened the enterprise seat list to Apps on 2026-11-10 (fine-grained tokens: not documented).
            else if (enterprise) line += "; if it has it, GitHub does not accept this token kind for the enterprise seat list yet: use a classic token with manage_billing:copilot or read:enterprise";
            return line + ".";
        }

        /// <summary>A fine-grained or App token refused the budgets list: the permission (BUDGETS.md, "Who may call").</summary>
        private static string BudgetProblem(SeatScope target, int status, string? accepts) =>
            "needs " + BillingErrorHints.Permission(target)
            + (accepts is null ? string.Empty : $" [{accepts}]")
            + (status == 404 ? $", or usage-based billing is not enabled for the {target}" : string.Empty) + ".";

        /// <summary>The AI-credit usage report: the role, the classic scope or the permission, or that usage-based billing may not apply.</summary>
        private static string CreditUsageProblem(SeatScope target, ApiResponse response)
        {
            if (response.Status == 404) return $"not found: usage-based billing may not apply to the {target}, or it does not exist or the token cannot see it.";
            string? granted = response.Header("X-OAuth-Scopes");
            if (granted is null) return $"needs {BillingErrorHints.Permission(target)}" + (target.Kind == ScopeKind.Enterprise ? ", which GitHub does not make generally available to enterprise-owned Apps." : ".");
            var accepted = AcceptedScopes(AccessCheckKind.CreditUsage, target.Kind == ScopeKind.Enterprise, response);
            return OAuthScopes.AnyCovered(OAuthScopes.Parse(granted), accepted)
                ? $"refused although the token has the scope: the account must be {BillingErrorHints.Role(target)}."
                : $"the token lacks the scope: needs {string.Join(" or ", accepted)} and an account of {BillingErrorHints.Role(target)}.";
        }

        private static string BudgetRole(SeatScope target) =>
            target.Kind == ScopeKind.Enterprise ? "an enterprise owner or billing manager" : "an organization admin or billing manager";

        /// <summary>Classic and OAuth App tokens carry scopes (GitHub sends X-OAuth-Scopes for them, but not always).</summary>
        private static bool HasScopes(string? tokenKind) => tokenKind == "Classic" || tokenKind == "OAuthApp";

        private static string RoleOrPolicy(AccessCheckKind check, SeatScope target, int status)
        {
            if (check == AccessCheckKind.Budgets)
                return status == 404
                    ? $"not found although the token has the scope: usage-based billing or budgets may not be enabled for the {target}."
                    : $"refused although the token has the scope: the account must be {BudgetRole(target)}.";
            if (status == 404)
                return $"not found although the token has the scope: the {target} may not exist or have Copilot Business or Enterprise, or the account cannot see it.";
            string role = SeatRole(check, target);
            return check == AccessCheckKind.Usage
                ? $"refused although the token has the scope: the account must be {role}, and the Copilot usage metrics policy must be enabled for the {target}."
                : $"refused although the token has the scope: the account must be {role}.";
        }

        /// <summary>Who may read seats, the org detail or the usage metrics (the role GitHub documents for each).</summary>
        private static string SeatRole(AccessCheckKind check, SeatScope target) =>
            target.Kind == ScopeKind.Enterprise ? "an enterprise owner or billing manager" : "an organization owner" + (check == AccessCheckKind.Seats ? " or billing manager" : string.Empty);

        /// <summary>The scopes GitHub names (X-Accepted-OAuth-Scopes), else, when it names none (absent or empty), the documented or assumed ones.</summary>
        private static List<string> AcceptedScopes(AccessCheckKind check, bool enterprise, ApiResponse response)
        {
            var named = OAuthScopes.Parse(response.Header("X-Accepted-OAuth-Scopes") ?? string.Empty);
            return named.Count > 0 ? named : DocumentedScopes(check, enterprise);
        }

        private static List<string> DocumentedScopes(AccessCheckKind check, bool enterprise) => check switch
        {
            AccessCheckKind.Usage => enterprise ? new List<string> { "manage_billing:copilot", "read:enterprise" } : new List<string> { "read:org" },
            AccessCheckKind.Budgets or AccessCheckKind.CreditUsage => enterprise ? new List<string> { "manage_billing:enterprise", "read:enterprise" } : new List<string> { "admin:org" },
            _ => enterprise ? new List<string> { "manage_billing:copilot", "read:enterprise" } : new List<string> { "manage_billing:copilot", "read:org" },
        };

        private static string Name(AccessCheckKind check) => check switch
        {
            AccessCheckKind.OrgDetail => "Org detail",
            AccessCheckKind.Seats => "Seats",
            AccessCheckKind.Budgets => "Budgets",
            AccessCheckKind.CreditUsage => "AI-credit usage",
            _ => "Usage",
        };
    }
}
