using CopilotSeats.Auth;

namespace CopilotSeats.Http
{
    /// <summary>
    /// What the token lacks: the scopes GitHub accepts (from its X-OAuth-Scopes headers, else the documented ones),
    /// the role the account needs, and for a GitHub App's "Resource not accessible by integration" the permission to
    /// grant (and the one GitHub says it accepts, X-Accepted-GitHub-Permissions) instead of a role, which an App does not have.
    /// </summary>
    internal static class AccessHints
    {
        /// <summary>The 403 of a GitHub App installation token that lacks a permission.</summary>
        public static readonly ErrorHint AppPermission = new ErrorHint(403, a => IsAppRefusal(a),
            a => AppCause(a.Request, a.Response.Header("X-Accepted-GitHub-Permissions")),
            a => AppAction(a.Request));

        /// <summary>Scopes that GitHub accepts for the request, used when it does not say (fine-grained tokens).</summary>
        public static string ExpectedScopes(RequestKind kind, ScopeKind scope)
        {
            if (kind == RequestKind.UsageReport)
                return scope == ScopeKind.Enterprise ? "manage_billing:copilot or read:enterprise" : "read:org";
            bool mutation = kind.IsSeatChange();
            if (scope == ScopeKind.Enterprise)
                return mutation ? "manage_billing:copilot or admin:enterprise" : "manage_billing:copilot or read:enterprise";
            return mutation ? "manage_billing:copilot or admin:org" : "manage_billing:copilot or read:org";
        }

        public static string Role(SeatScope scope) =>
            scope.Kind == ScopeKind.Enterprise ? "enterprise owner or billing manager" : "organization owner or billing manager";

        public static string WithScopes(ErrorAnswer a, string cause)
        {
            string scopes = ScopeHint(a);
            return scopes.Length > 0 ? cause + " " + scopes : cause;
        }

        public static string? UseScopes(ErrorAnswer a) => $"Use a token with one of these scopes: {string.Join(", ", a.Missing!)}.";

        /// <summary>The accepted scopes when GitHub names both sides and the token has none of them; else null.</summary>
        public static List<string>? MissingScopes(ApiResponse response)
        {
            string? granted = response.Header("X-OAuth-Scopes");
            string? accepted = response.Header("X-Accepted-OAuth-Scopes");
            if (granted is null || accepted is null) return null;
            var have = OAuthScopes.Parse(granted);
            var accept = OAuthScopes.Parse(accepted);
            return accept.Count > 0 && !OAuthScopes.AnyCovered(have, accept) ? accept : null;
        }

        private static string ScopeHint(ErrorAnswer a)
        {
            ApiRequest request = a.Request;
            ApiResponse response = a.Response;
            string? granted = response.Header("X-OAuth-Scopes");
            string? accepted = response.Header("X-Accepted-OAuth-Scopes");
            string expected = ExpectedScopes(request.Kind, request.Scope.Kind);
            if (granted is null)
            {
                string fineGrained = request.Kind == RequestKind.UsageReport
                    ? $" For a fine-grained token or GitHub App, grant the '{(request.Scope.Kind == ScopeKind.Enterprise ? "Enterprise" : "Organization")} Copilot metrics' read permission."
                    : NoAppTokens(request)
                    ? $" {MemberLookupRefusal} Use a classic token, or list the enterprise's seats and filter them."
                    : request.Scope.Kind == ScopeKind.Enterprise
                    ? $" For a GitHub App, the enterprise installation needs the enterprise permission '{EnterpriseSeatPermission}' (read for listing, write for changes)."
                    : " For a fine-grained token or GitHub App, grant the organization permission 'GitHub Copilot Business' (read for listing, write for changes).";
                return $"Needed: a classic token with {expected}.{fineGrained}";
            }
            string have = string.Join(", ", OAuthScopes.Parse(granted));
            if (accepted is null || OAuthScopes.Parse(accepted).Count == 0)
                return $"The token has scopes [{have}]; needed: {expected}.";
            List<string>? missing = a.Missing;
            if (missing is null)
                return response.Status == 404
                    ? $"The token has scopes [{have}], which GitHub accepts here, so a missing scope is not the cause."
                    : $"The token has scopes [{have}], which GitHub accepts here; the account itself lacks the role ({Role(request.Scope)}).";
            return $"The token has scopes [{have}]; this operation accepts [{string.Join(", ", missing)}]. Missing: one of {string.Join(", ", missing)}.";
        }

        // ---- GitHub App permissions ------------------------------------------------------------

        /// <summary>
        /// The enterprise permission GitHub named on 2026-11-10 for enterprise seat management by Apps. Its levels are
        /// not documented yet: read for the listing and write for assignments is assumed (simulator README).
        /// </summary>
        public const string EnterpriseSeatPermission = "Enterprise Copilot license management";

        /// <summary>The one enterprise seat operation GitHub has not opened to Apps (APPS-ENTERPRISE.md).</summary>
        public const string MemberLookupRefusal =
            "GET /enterprises/{enterprise}/members/{username}/copilot (the enterprise member lookup) does not accept GitHub App tokens: " +
            "GitHub opened only the enterprise seat list and the user and enterprise team assignments to Apps.";

        /// <summary>Whether the answer is GitHub's refusal of an App token, for a request whose App permission is documented.</summary>
        private static bool IsAppRefusal(ErrorAnswer a) =>
            a.GitHubMessage != null && a.GitHubMessage.IndexOf("by integration", StringComparison.OrdinalIgnoreCase) >= 0
            && (a.Request.Scope.Kind == ScopeKind.Organization || a.Request.Kind == RequestKind.UsageReport
                || a.Request.Kind == RequestKind.ListSeats || a.Request.Kind == RequestKind.MemberLookup || a.Request.Kind.IsSeatChange());

        private static string AppCause(ApiRequest request, string? accepted)
        {
            if (NoAppTokens(request)) return MemberLookupRefusal;
            string named = string.IsNullOrWhiteSpace(accepted) ? string.Empty : $" [{accepted!.Trim()}]";
            string cause = $"The GitHub App's installation lacks the {AppPermissionName(request)}{named}.";
            // GitHub opened these endpoints to Apps on 2026-11-10 and documents the permission only by name: say so
            // rather than promise that granting it is enough.
            if (request.Scope.Kind == ScopeKind.Enterprise && request.Kind != RequestKind.UsageReport)
                cause += $" If the installation has it, GitHub does not accept App tokens for {request.EndpointKey} yet; a classic token with {ExpectedScopes(request.Kind, request.Scope.Kind)} does.";
            return cause;
        }

        private static string AppAction(ApiRequest request)
        {
            if (NoAppTokens(request))
                return $"Use a classic token with {ExpectedScopes(request.Kind, request.Scope.Kind)} (-Token) for the member lookup, " +
                    $"or list the seats under the App (Get-CopilotSeat -Enterprise {request.Scope.Name}, without -UserName) and filter them by Login.";
            string grant = $"Grant the App the {AppPermissionName(request)} in its settings (Permissions & events), then accept the new permissions on the {request.Scope}'s installation";
            return request.Scope.Kind == ScopeKind.Enterprise && request.Kind != RequestKind.UsageReport
                ? grant + $"; or use a classic token with {ExpectedScopes(request.Kind, request.Scope.Kind)} (-Token)."
                : grant + ".";
        }

        private static bool NoAppTokens(ApiRequest request) =>
            request.Scope.Kind == ScopeKind.Enterprise && request.Kind == RequestKind.MemberLookup;

        private static string AppPermissionName(ApiRequest request)
        {
            string level = request.Kind.IsSeatChange() ? "read and write" : "read";
            if (request.Kind == RequestKind.UsageReport)
                return request.Scope.Kind == ScopeKind.Enterprise
                    ? "enterprise permission 'Enterprise Copilot metrics' (read)"
                    : "organization permission 'Organization Copilot metrics' (read)";
            return request.Scope.Kind == ScopeKind.Enterprise
                ? $"enterprise permission '{EnterpriseSeatPermission}' ({level})"
                : $"organization permission 'GitHub Copilot Business' ({level})";
        }
    }
}
