using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using CopilotSeats.Http;
using CopilotSeats.Json;

namespace CopilotSeats
{
    /// <summary>Turns a GitHub error answer into a CopilotApiException with a category and a hint.</summary>
    public static class ErrorMapper
    {
        public static CopilotErrorCategory CategoryFor(int status) => status switch
        {
            400 => CopilotErrorCategory.InvalidArgument,
            401 => CopilotErrorCategory.AuthenticationError,
            403 => CopilotErrorCategory.PermissionDenied,
            404 => CopilotErrorCategory.ObjectNotFound,
            409 => CopilotErrorCategory.InvalidOperation,
            410 => CopilotErrorCategory.InvalidOperation,
            422 => CopilotErrorCategory.InvalidOperation,
            429 => CopilotErrorCategory.LimitsExceeded,
            >= 500 and <= 599 => CopilotErrorCategory.ResourceUnavailable,
            _ => CopilotErrorCategory.NotSpecified,
        };

        public static CopilotApiException FromResponse(ApiRequest request, ApiResponse response)
        {
            ErrorDto? error = null;
            try
            {
                if (response.Body.Length > 0)
                    error = JsonSerializer.Deserialize(response.Body, CopilotJsonContext.Default.ErrorDto);
            }
            catch (JsonException) { }
            string? gitHubMessage = error?.Message;
            string hint = Hint(request, response);
            var text = new StringBuilder();
            text.Append("GitHub answered ").Append(response.Status).Append(' ').Append(Reason(response.Status))
                .Append(" to ").Append(request.Method.Method).Append(' ').Append(response.Uri.AbsolutePath);
            if (!string.IsNullOrWhiteSpace(gitHubMessage)) text.Append(": ").Append(gitHubMessage!.TrimEnd('.')).Append('.');
            else text.Append('.');
            if (hint.Length > 0) text.Append(' ').Append(hint);
            return new CopilotApiException(response.Status, CategoryFor(response.Status), request.Target, text.ToString(), gitHubMessage, error?.DocumentationUrl)
            {
                Method = request.Method.Method,
                RequestUri = response.Uri.ToString(),
                RecommendedAction = Action(request, response),
            };
        }

        internal static string Reason(int status) => status switch
        {
            400 => "Bad Request",
            401 => "Unauthorized",
            403 => "Forbidden",
            404 => "Not Found",
            409 => "Conflict",
            410 => "Gone",
            422 => "Unprocessable Entity",
            429 => "Too Many Requests",
            500 => "Internal Server Error",
            502 => "Bad Gateway",
            503 => "Service Unavailable",
            504 => "Gateway Timeout",
            _ => string.Empty,
        };

        /// <summary>Scopes that GitHub accepts for the operation, used when it does not say (fine-grained tokens).</summary>
        internal static string ExpectedScopes(ApiOperation op, ScopeKind scope)
        {
            bool mutation = op == ApiOperation.AddSeats || op == ApiOperation.RemoveSeats;
            if (scope == ScopeKind.Enterprise)
                return mutation ? "manage_billing:copilot or admin:enterprise" : "manage_billing:copilot or read:enterprise";
            return mutation ? "manage_billing:copilot or admin:org" : "manage_billing:copilot or read:org";
        }

        public static string Hint(ApiRequest request, ApiResponse response)
        {
            string subject = request.Scope.ToString();
            switch (response.Status)
            {
                case 401:
                    return "The token is missing, invalid, expired or revoked. Create a new token, then pass it with -Token or Connect-Copilot.";
                case 403:
                case 404:
                {
                    string scopes = ScopeHint(request, response);
                    string lead = response.Status == 404
                        ? $"The {subject} may not exist, may not have Copilot Business or Enterprise, or the token cannot see it (GitHub answers 404 rather than 403 to hide what a token may not read)."
                        : MissingScopes(response) is not null
                            ? $"The token is not allowed to do this for the {subject}."
                            : $"The token is not allowed to do this for the {subject}: it must belong to an {Role(request.Scope)}.";
                    if (request.Operation == ApiOperation.GetMemberSeat && response.Status == 404)
                        lead = $"'{request.Target}' has no Copilot seat in the {subject}, is not a member, or the token cannot see it.";
                    return scopes.Length > 0 ? lead + " " + scopes : lead;
                }
                case 410:
                    return "The requested X-GitHub-Api-Version is retired; use -ApiVersion " + CopilotDefaults.ApiVersion + " or a newer supported version.";
                case 422:
                    return Unprocessable(request).Hint;
                case 429:
                    return "GitHub's rate limit was exceeded; wait and retry.";
                default:
                    return response.Status >= 500 ? "GitHub had a server-side problem; retry later." : string.Empty;
            }
        }

        /// <summary>
        /// The ErrorRecord's RecommendedAction: one short step to take. The message already carries
        /// GitHub's words and the explanation (<see cref="Hint"/>); this does not repeat them.
        /// </summary>
        public static string? Action(ApiRequest request, ApiResponse response)
        {
            string where = request.Scope.Kind == ScopeKind.Enterprise ? "-Enterprise " + request.Scope.Name : "-Organization " + request.Scope.Name;
            string role = "an " + Role(request.Scope);
            switch (response.Status)
            {
                case 401:
                    return "Create a new token, then pass it with -Token or Connect-Copilot -Token.";
                case 403:
                case 404:
                {
                    List<string>? missing = MissingScopes(response);
                    if (missing is not null) return $"Use a token with one of these scopes: {string.Join(", ", missing)}.";
                    if (response.Status == 404 && request.Operation == ApiOperation.GetMemberSeat)
                        return $"Check the login; Get-CopilotSeat {where} lists who has a seat.";
                    if (response.Status == 404)
                        return $"Check the name, and that the token belongs to {role} there.";
                    return $"Use a token that belongs to {role}.";
                }
                case 410:
                    return "Pass -ApiVersion " + CopilotDefaults.ApiVersion + ".";
                case 422:
                    return Unprocessable(request).Action;
                case 429:
                    return "Run the command again later; -MaxRateLimitWait sets how long the module waits by itself.";
                default:
                    return response.Status >= 500 ? "Run the command again later; -MaxRetries sets how often it retries by itself." : null;
            }
        }

        private static string Role(SeatScope scope) =>
            scope.Kind == ScopeKind.Enterprise ? "enterprise owner or billing manager" : "organization owner or billing manager";

        /// <summary>A 422's documented causes (for the message) and the step to take (RecommendedAction), per operation.</summary>
        private static (string Hint, string Action) Unprocessable(ApiRequest request)
        {
            string subject = request.Scope.ToString();
            bool userRemoval = request.Kind == RequestKind.RemoveUsers;
            return request.Operation switch
            {
                ApiOperation.RemoveSeats when userRemoval => (
                    "Possible causes: a seat was granted through a team (remove the team, or remove the user from the team, instead); the seat management setting is assign_all or unconfigured; Copilot Business or Enterprise, billing or the public code suggestions policy is not set up.",
                    "Cancel team-granted seats with Remove-CopilotTeam; check the seat management setting with Get-CopilotOrgDetail."),
                ApiOperation.AddSeats or ApiOperation.RemoveSeats => (
                    "Possible causes: the seat management setting is assign_all or unconfigured (set it to assign_selected); Copilot Business or Enterprise is not enabled; billing is not set up; no public code suggestions policy is set; a name is not a member or team of the " + subject + ".",
                    "Check the names, and that the seat management setting is assign_selected (Get-CopilotOrgDetail shows it)."),
                ApiOperation.GetMemberSeat => (
                    "The user may have a pending invitation to the " + subject + ", or Copilot is not set up there.",
                    "Ask the user to accept the invitation, then look the seat up again."),
                _ => (
                    "Copilot Business or Enterprise, billing or the public code suggestions policy may not be set up for the " + subject + ".",
                    "Finish the Copilot setup (plan, billing, policies) in the GitHub settings."),
            };
        }

        /// <summary>The accepted scopes when GitHub names both sides and the token has none of them; else null.</summary>
        private static List<string>? MissingScopes(ApiResponse response)
        {
            string? granted = response.Header("X-OAuth-Scopes");
            string? accepted = response.Header("X-Accepted-OAuth-Scopes");
            if (granted is null || accepted is null) return null;
            var have = Split(granted);
            var accept = Split(accepted);
            return accept.Count > 0 && !accept.Any(a => Covers(have, a)) ? accept : null;
        }

        private static string ScopeHint(ApiRequest request, ApiResponse response)
        {
            string? granted = response.Header("X-OAuth-Scopes");
            string? accepted = response.Header("X-Accepted-OAuth-Scopes");
            if (granted is null)
            {
                string fineGrained = request.Scope.Kind == ScopeKind.Enterprise && request.Operation == ApiOperation.ListSeats
                    ? " Enterprise seat listings do not accept fine-grained personal access tokens or GitHub App tokens: use a classic token."
                    : " For a fine-grained token or GitHub App, grant the organization permission 'GitHub Copilot Business' (read for listing, write for changes).";
                return $"Needed: a classic token with {ExpectedScopes(request.Operation, request.Scope.Kind)}.{fineGrained}";
            }
            string have = string.Join(", ", Split(granted));
            if (accepted is null || Split(accepted).Count == 0)
                return $"The token has scopes [{have}]; needed: {ExpectedScopes(request.Operation, request.Scope.Kind)}.";
            List<string>? missing = MissingScopes(response);
            if (missing is null)
                return response.Status == 404
                    ? $"The token has scopes [{have}], which GitHub accepts here, so a missing scope is not the cause."
                    : $"The token has scopes [{have}], which GitHub accepts here; the account itself lacks the role ({Role(request.Scope)}).";
            return $"The token has scopes [{have}]; this operation accepts [{string.Join(", ", missing)}]. Missing: one of {string.Join(", ", missing)}.";
        }

        private static List<string> Split(string scopes) =>
            scopes.Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).ToList();

        // admin:org implies write:org and read:org; admin:enterprise implies read:enterprise.
        private static bool Covers(List<string> have, string needed)
        {
            if (have.Contains(needed, StringComparer.OrdinalIgnoreCase)) return true;
            int colon = needed.IndexOf(':');
            if (colon < 0) return false;
            string resource = needed.Substring(colon + 1);
            return have.Contains("admin:" + resource, StringComparer.OrdinalIgnoreCase)
                || (needed.StartsWith("read:", StringComparison.OrdinalIgnoreCase) && have.Contains("write:" + resource, StringComparer.OrdinalIgnoreCase));
        }
    }
}
