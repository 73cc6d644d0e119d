using CopilotSeats.Http;

namespace CopilotSeats.Api
{
    /// <summary>
    /// GitHub's 403 "Resource not accessible by integration": the GitHub App's installation token lacks a
    /// permission. Names the permission to grant (and the one GitHub says it accepts, X-Accepted-GitHub-Permissions)
    /// instead of a role, which an App does not have.
    /// </summary>
    internal static class AppPermissionHint
    {
        /// <summary>Whether the answer is that refusal, for a request whose App permission is documented.</summary>
        public static bool Applies(ApiRequest request, string? gitHubMessage) =>
            gitHubMessage != null && gitHubMessage.IndexOf("by integration", System.StringComparison.OrdinalIgnoreCase) >= 0
            && (request.Scope.Kind == ScopeKind.Organization || request.Operation == ApiOperation.UsageReport || request.Operation == ApiOperation.ListSeats);

        public static string Cause(ApiRequest request, string? accepted)
        {
            if (NoAppTokens(request))
                return "Enterprise seat listings do not accept fine-grained personal access tokens or GitHub App tokens.";
            string named = string.IsNullOrWhiteSpace(accepted) ? string.Empty : $" [{accepted!.Trim()}]";
            return $"The GitHub App's installation lacks the {Permission(request)}{named}.";
        }

        public static string Action(ApiRequest request) => NoAppTokens(request)
            ? $"Use a classic token with {ErrorMapper.ExpectedScopes(request.Operation, request.Scope.Kind)} (-Token) for the enterprise seat list."
            : $"Grant the App the {Permission(request)} in its settings (Permissions & events), then accept the new permissions on the {request.Scope}'s installation.";

        private static bool NoAppTokens(ApiRequest request) =>
            request.Scope.Kind == ScopeKind.Enterprise && request.Operation == ApiOperation.ListSeats;

        private static string Permission(ApiRequest request)
        {
            if (request.Operation == ApiOperation.UsageReport)
                return request.Scope.Kind == ScopeKind.Enterprise
                    ? "enterprise permission 'Enterprise Copilot metrics' (read)"
                    : "organization permission 'Organization Copilot metrics' (read)";
            bool change = request.Operation == ApiOperation.AddSeats || request.Operation == ApiOperation.RemoveSeats;
            return $"organization permission 'GitHub Copilot Business' ({(change ? "read and write" : "read")})";
        }
    }
}
