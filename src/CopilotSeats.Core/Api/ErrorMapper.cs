using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using CopilotSeats.Auth;
using CopilotSeats.Http;
using CopilotSeats.Json;
using CopilotSeats.Usage;

namespace CopilotSeats.Api
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
            ErrorDto? error = ReadError(response);
            string? gitHubMessage = error?.Message;
            var answer = new Answer(request, response);
            Row? row = Find(answer);
            string hint = row?.Cause(answer) ?? string.Empty;
            var text = new StringBuilder();
            text.Append("GitHub answered ").Append(response.Status).Append(' ').Append(Reason(response.Status))
                .Append(" to ").Append(request.Method.Method).Append(' ').Append(response.Uri.AbsolutePath);
            // GitHub's words, unless they only repeat the status ("Not Found").
            if (!string.IsNullOrWhiteSpace(gitHubMessage) && !string.Equals(gitHubMessage!.Trim().TrimEnd('.'), Reason(response.Status), StringComparison.OrdinalIgnoreCase))
                text.Append(": ").Append(gitHubMessage.Trim().TrimEnd('.')).Append('.');
            else text.Append('.');
            if (hint.Length > 0) text.Append(' ').Append(hint);
            return new CopilotApiException(response.Status, CategoryFor(response.Status), request.Target, text.ToString(), gitHubMessage, error?.DocumentationUrl)
            {
                Method = request.Method.Method,
                RequestUri = response.Uri.ToString(),
                RecommendedAction = row?.Action(answer),
            };
        }

        private static ErrorDto? ReadError(ApiResponse response)
        {
            try
            {
                return response.Body.Length > 0 ? JsonSerializer.Deserialize(response.Body, CopilotJsonContext.Default.ErrorDto) : null;
            }
            catch (JsonException)
            {
                return null;
            }
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
            if (op == ApiOperation.UsageReport)
                return scope == ScopeKind.Enterprise ? "manage_billing:copilot or read:enterprise" : "read:org";
            bool mutation = op == ApiOperation.AddSeats || op == ApiOperation.RemoveSeats;
            if (scope == ScopeKind.Enterprise)
                return mutation ? "manage_billing:copilot or admin:enterprise" : "manage_billing:copilot or read:enterprise";
            return mutation ? "manage_billing:copilot or admin:org" : "manage_billing:copilot or read:org";
        }

        /// <summary>The explanation in the message: what the answer means for this request. Empty when there is none.</summary>
        public static string Hint(ApiRequest request, ApiResponse response)
        {
            var answer = new Answer(request, response);
            return Find(answer)?.Cause(answer) ?? string.Empty;
        }

        /// <summary>
        /// The ErrorRecord's RecommendedAction: one short step to take. The message already carries
        /// GitHub's words and the explanation (<see cref="Hint"/>); this does not repeat them.
        /// </summary>
        public static string? Action(ApiRequest request, ApiResponse response)
        {
            var answer = new Answer(request, response);
            return Find(answer)?.Action(answer);
        }

        private static Row? Find(Answer answer) => Table.FirstOrDefault(row => row.Matches(answer));

        /// <summary>
        /// One table for every error answer: the first row whose status range and condition match gives both
        /// the cause (appended to the message) and the step to take (RecommendedAction).
        /// </summary>
        private static readonly Row[] Table =
        {
            new Row(401, null,
                a => "The token is missing, invalid, expired or revoked. Create a new token, then pass it with -Token or Connect-Copilot.",
                a => "Create a new token, then pass it with -Token or Connect-Copilot -Token."),

            // Usage metrics reports: the policy, the data window, then the scopes and the metrics permission.
            new Row(403, a => a.Request.Kind == RequestKind.UsageReport && a.Says("disabled", "policy", "not enabled", "turned off", " is off"),
                a => $"The \"Copilot usage metrics\" policy is off for the {a.Subject}, so GitHub serves no usage reports there.",
                a => $"Enable the \"Copilot usage metrics\" policy in the Copilot policies of the {a.Subject} (AI Controls > Copilot), then run the command again."),
            new Row(404, a => a.Request.Kind == RequestKind.UsageReport && UsageReportSpec.DayOf(a.Request.Uri) is { } day && !UsageReportSpec.InDataWindow(day, a.Today),
                a => $"GitHub keeps usage reports from {UsageReportSpec.DataStartText} on, for about one year back; {UsageReportSpec.Text(UsageReportSpec.DayOf(a.Request.Uri)!.Value)} is outside that window.",
                a => $"Pick a day from {UsageReportSpec.DataStartText} on, within the last year (-Day)."),
            new Row(403, a => AppPermissionHint.Applies(a.Request, a.GitHubMessage),
                a => AppPermissionHint.Cause(a.Request, a.Response.Header("X-Accepted-GitHub-Permissions")),
                a => AppPermissionHint.Action(a.Request)),
            // A day inside GitHub's window that the owner has no report of: its usage data may start later (or the name is wrong).
            new Row(404, a => a.Request.Kind == RequestKind.UsageReport && a.Missing is null && UsageReportSpec.DayOf(a.Request.Uri) is not null,
                a => WithScopes(a, $"GitHub has no usage report of {UsageReportSpec.Text(UsageReportSpec.DayOf(a.Request.Uri)!.Value)} for the {a.Subject}: its usage data may start after that day, or the {a.Subject} may not exist or the token cannot see it."),
                a => $"Pick a later day (-Day), and check the {(a.Request.Scope.Kind == ScopeKind.Enterprise ? "enterprise" : "organization")} name."),
            new Row(403, a => a.Request.Kind == RequestKind.UsageReport && a.Missing is null,
                a => WithScopes(a, $"The token may not read the Copilot usage metrics of the {a.Subject} (or the account lacks the role to)."),
                a => $"Use a token with {UsageAccess(a.Request.Scope)}."),

            // 403 and 404: the cause, then what the token's scopes say (ScopeHint). Missing scopes decide the action.
            new Row(404, a => a.Request.Kind == RequestKind.MemberLookup && a.Missing is not null,
                a => WithScopes(a, $"'{a.Request.Target}' has no Copilot seat in the {a.Subject}, is not a member, or the token cannot see it."),
                UseScopes),
            new Row(404, a => a.Request.Kind == RequestKind.MemberLookup,
                a => WithScopes(a, a.ScopesAccepted
                    ? $"'{a.Request.Target}' has no Copilot seat in the {a.Subject}, or is not a member."
                    : $"'{a.Request.Target}' has no Copilot seat in the {a.Subject}, is not a member, or the token cannot see it."),
                a => $"Check the login; Get-CopilotSeat {a.Where} lists who has a seat."),
            new Row(404, a => a.Missing is not null,
                a => WithScopes(a, NotFoundCause(a)),
                UseScopes),
            new Row(404, null,
                a => WithScopes(a, NotFoundCause(a)),
                a => $"Check the name, and that the token belongs to an {Role(a.Request.Scope)} there."),
            new Row(403, a => a.Missing is not null,
                a => WithScopes(a, $"The token is not allowed to do this for the {a.Subject}."),
                UseScopes),
            new Row(403, null,
                a => WithScopes(a, $"The token is not allowed to do this for the {a.Subject}: it must belong to an {Role(a.Request.Scope)}."),
                a => $"Use a token that belongs to an {Role(a.Request.Scope)}."),

            new Row(410, null,
                a => "The requested X-GitHub-Api-Version is retired; use -ApiVersion " + CopilotDefaults.ApiVersion + " or a newer supported version.",
                a => "Pass -ApiVersion " + CopilotDefaults.ApiVersion + "."),

            // 422: when GitHub's message states the cause, the one explanation that fits it; else the
            // documented causes, once.
            new Row(422, a => a.Request.Operation is ApiOperation.AddSeats or ApiOperation.RemoveSeats && a.Says("assign_all", "unconfigured", "seat management setting"),
                a => "Seats are assigned and cancelled one by one only when the seat management setting is assign_selected.",
                a => "Change the setting in the Copilot policies of the " + a.Subject + "; Get-CopilotOrgDetail shows it."),
            new Row(422, a => a.Request.Kind == RequestKind.RemoveUsers && a.Says("team"),
                a => "A seat granted through a team is cancelled with its team, or by removing the user from the team.",
                a => "Cancel team-granted seats with Remove-CopilotTeam."),
            new Row(422, a => a.Request.Operation is ApiOperation.AddSeats or ApiOperation.RemoveSeats && a.Says("not a member", "not members", "could not be found"),
                a => "Only members and teams of the " + a.Subject + " can be named.",
                a => "Check the names."),
            new Row(422, a => a.Request.Kind == RequestKind.RemoveUsers,
                a => "Documented causes: a seat was granted through a team; the seat management setting is assign_all or unconfigured; Copilot Business or Enterprise, billing or the public code suggestions policy is not set up.",
                a => "Run Remove-CopilotTeam for a team's seats, else check the setup with Get-CopilotOrgDetail."),
            new Row(422, a => a.Request.Operation is ApiOperation.AddSeats or ApiOperation.RemoveSeats,
                a => "Documented causes: the seat management setting is assign_all or unconfigured; Copilot Business or Enterprise is not enabled; billing is not set up; no public code suggestions policy is set; a name is not a member or team of the " + a.Subject + ".",
                a => "Check the names, then the setup with Get-CopilotOrgDetail."),
            new Row(422, a => a.Request.Kind == RequestKind.MemberLookup,
                a => "The user may have a pending invitation to the " + a.Subject + ", or Copilot is not set up there.",
                a => "Ask the user to accept the invitation, then look the seat up again."),
            new Row(422, null,
                a => "Copilot Business or Enterprise, billing or the public code suggestions policy may not be set up for the " + a.Subject + ".",
                a => "Finish the Copilot setup (plan, billing, policies) in the GitHub settings."),

            new Row(429, null,
                a => "GitHub's rate limit was exceeded; wait and retry.",
                a => "Run the command again later; -MaxRateLimitWait sets how long the module waits by itself."),
            new Row(500, int.MaxValue, null,
                a => "GitHub had a server-side problem; retry later.",
                a => "Run the command again later; -MaxRetries sets how often it retries by itself."),
        };

        private static string UsageAccess(SeatScope scope) => scope.Kind == ScopeKind.Enterprise
            ? "the manage_billing:copilot or read:enterprise scope (classic), or the \"Enterprise Copilot metrics\" read permission"
            : "the read:org scope (classic), or the \"Organization Copilot metrics\" read permission (fine-grained token or GitHub App)";

        private static string NotFoundCause(Answer a) => a.ScopesAccepted
            ? $"The {a.Subject} may not exist, or may not have Copilot Business or Enterprise."
            : $"The {a.Subject} may not exist, may not have Copilot Business or Enterprise, or the token cannot see it (GitHub answers 404 rather than 403 to hide what a token may not read).";

        private static string WithScopes(Answer a, string cause)
        {
            string scopes = ScopeHint(a.Request, a.Response);
            return scopes.Length > 0 ? cause + " " + scopes : cause;
        }

        private static string? UseScopes(Answer a) => $"Use a token with one of these scopes: {string.Join(", ", a.Missing!)}.";

        private static string Role(SeatScope scope) =>
            scope.Kind == ScopeKind.Enterprise ? "enterprise owner or billing manager" : "organization owner or billing manager";

        /// <summary>What the rows look at: the request, GitHub's answer and the scopes it says are missing.</summary>
        private sealed class Answer
        {
            public Answer(ApiRequest request, ApiResponse response)
            {
                Request = request;
                Response = response;
                Missing = MissingScopes(response);
                GitHubMessage = ReadError(response)?.Message;
            }

            public ApiRequest Request { get; }
            public ApiResponse Response { get; }
            public List<string>? Missing { get; }
            public string Subject => Request.Scope.ToString();
            public string Where => (Request.Scope.Kind == ScopeKind.Enterprise ? "-Enterprise " : "-Organization ") + Request.Scope.Name;

            /// <summary>GitHub names the token's scopes and its accepted ones, and they overlap: the token may read this.</summary>
            public bool ScopesAccepted => Missing is null && Response.Header("X-OAuth-Scopes") is not null
                && OAuthScopes.Parse(Response.Header("X-Accepted-OAuth-Scopes") ?? string.Empty).Count > 0;

            /// <summary>Whether GitHub's own message says any of these words (case-insensitive).</summary>
            public bool Says(params string[] words)
            {
                string said = GitHubMessage ?? string.Empty;
                return words.Any(w => said.IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0);
            }

            public string? GitHubMessage { get; }

            /// <summary>Today, for the usage report window (UTC).</summary>
            public DateTime Today => DateTime.UtcNow.Date;
        }

        /// <summary>One row of the table: statuses, an optional condition, the cause and the action.</summary>
        private sealed class Row
        {
            private readonly int _low;
            private readonly int _high;
            private readonly Func<Answer, bool>? _when;

            public Row(int status, Func<Answer, bool>? when, Func<Answer, string> cause, Func<Answer, string?> action)
                : this(status, status, when, cause, action)
            {
            }

            public Row(int low, int high, Func<Answer, bool>? when, Func<Answer, string> cause, Func<Answer, string?> action)
            {
                _low = low; _high = high; _when = when; Cause = cause; Action = action;
            }

            public Func<Answer, string> Cause { get; }
            public Func<Answer, string?> Action { get; }
            public bool Matches(Answer a) => a.Response.Status >= _low && a.Response.Status <= _high && (_when is null || _when(a));
        }

        /// <summary>The accepted scopes when GitHub names both sides and the token has none of them; else null.</summary>
        private static List<string>? MissingScopes(ApiResponse response)
        {
            string? granted = response.Header("X-OAuth-Scopes");
            string? accepted = response.Header("X-Accepted-OAuth-Scopes");
            if (granted is null || accepted is null) return null;
            var have = OAuthScopes.Parse(granted);
            var accept = OAuthScopes.Parse(accepted);
            return accept.Count > 0 && !OAuthScopes.AnyCovered(have, accept) ? accept : null;
        }

        private static string ScopeHint(ApiRequest request, ApiResponse response)
        {
            string? granted = response.Header("X-OAuth-Scopes");
            string? accepted = response.Header("X-Accepted-OAuth-Scopes");
            if (granted is null)
            {
                string fineGrained = request.Operation == ApiOperation.UsageReport
                    ? $" For a fine-grained token or GitHub App, grant the '{(request.Scope.Kind == ScopeKind.Enterprise ? "Enterprise" : "Organization")} Copilot metrics' read permission."
                    : request.Scope.Kind == ScopeKind.Enterprise && request.Operation == ApiOperation.ListSeats
                    ? " Enterprise seat listings do not accept fine-grained personal access tokens or GitHub App tokens: use a classic token."
                    : " For a fine-grained token or GitHub App, grant the organization permission 'GitHub Copilot Business' (read for listing, write for changes).";
                return $"Needed: a classic token with {ExpectedScopes(request.Operation, request.Scope.Kind)}.{fineGrained}";
            }
            string have = string.Join(", ", OAuthScopes.Parse(granted));
            if (accepted is null || OAuthScopes.Parse(accepted).Count == 0)
                return $"The token has scopes [{have}]; needed: {ExpectedScopes(request.Operation, request.Scope.Kind)}.";
            List<string>? missing = MissingScopes(response);
            if (missing is null)
                return response.Status == 404
                    ? $"The token has scopes [{have}], which GitHub accepts here, so a missing scope is not the cause."
                    : $"The token has scopes [{have}], which GitHub accepts here; the account itself lacks the role ({Role(request.Scope)}).";
            return $"The token has scopes [{have}]; this operation accepts [{string.Join(", ", missing)}]. Missing: one of {string.Join(", ", missing)}.";
        }
    }
}
