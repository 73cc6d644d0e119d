namespace CopilotSeats
{
    /// <summary>
    /// What Test-CopilotConnection found the connection's token may do for one organization or enterprise:
    /// one GET per check. A failing check is false with a line in <see cref="Problems"/>. Never the token.
    /// </summary>
    public sealed class CopilotAccessCheck
    {
        public string ApiUrl { get; set; } = CopilotDefaults.ApiUrl;
        /// <summary>The organization or enterprise checked.</summary>
        public string? Target { get; set; }
        /// <summary>Where the token comes from (Parameter, Connect-Copilot, GitHubApp, GH_TOKEN, ...).</summary>
        public string TokenSource { get; set; } = "None";
        /// <summary>Classic, FineGrained, GitHubApp, OAuthApp, UserToServer or Unknown, from the token's prefix.</summary>
        public string TokenKind { get; set; } = "Unknown";
        /// <summary>The token's classic scopes (X-OAuth-Scopes); null when GitHub does not send them (fine-grained and App tokens).</summary>
        public CopilotNameList? Scopes { get; set; }
        /// <summary>A GitHub App session: what its installation may do, as GitHub granted it to the token (name=level, e.g. enterprise_copilot_license_management=write); null for other tokens.</summary>
        public CopilotNameList? AppPermissions { get; set; }
        /// <summary>GET /orgs/{org}/copilot/billing answered; null for an enterprise (no such endpoint).</summary>
        public bool? CanReadOrgDetail { get; set; }
        /// <summary>The seat listing answered (per_page=1).</summary>
        public bool CanReadSeats { get; set; }
        /// <summary>The latest 28-day usage metrics report answered.</summary>
        public bool CanReadUsage { get; set; }
        /// <summary>The AI-credit usage report of the current month answered (a GET, never a write).</summary>
        public bool CanReadCreditUsage { get; set; }
        /// <summary>The budgets list answered (per_page=1; a GET, never a write).</summary>
        public bool CanReadBudgets { get; set; }
        public int? RateLimitRemaining { get; set; }
        public DateTimeOffset? RateLimitResetAt { get; set; }
        /// <summary>One line per failing check: what is missing (scope, permission, role or policy).</summary>
        public CopilotNameList Problems { get; set; } = CopilotNameList.Empty;

        public override string ToString() => $"{Target}: seats {(CanReadSeats ? "yes" : "no")}, usage {(CanReadUsage ? "yes" : "no")} ({TokenKind} token from {TokenSource})";
    }
}
