using System.Globalization;

namespace CopilotSeats.Http
{
    /// <summary>
    /// The hint table for every error answer: the first row whose status range and condition match gives both the
    /// cause (appended to the message) and the step to take (RecommendedAction). Rows a request brings along
    /// (<see cref="ApiRequest.Hints"/>, such as the usage report's) are asked first.
    /// </summary>
    internal static class ErrorHints
    {
        public static ErrorHint? Find(ErrorAnswer answer)
        {
            if (answer.Request.Hints != null)
                foreach (ErrorHint hint in answer.Request.Hints)
                    if (hint.Matches(answer)) return hint;
            foreach (ErrorHint hint in Table)
                if (hint.Matches(answer)) return hint;
            return null;
        }

        private static readonly string[] SeatSettingWords = { "assign_all", "unconfigured", "seat management setting" };

        /// <summary>Whether GitHub's 422 says the seat management setting refuses the request (whatever names it holds).</summary>
        internal static bool SaysSeatSetting(string? gitHubMessage) => ErrorAnswer.Said(gitHubMessage, SeatSettingWords);

        private static readonly ErrorHint[] Table =
        {
            new ErrorHint(401, null,
                a => "The token is missing, invalid, expired or revoked. Create a new token, then pass it with -Token or Connect-Copilot.",
                a => "Create a new token, then pass it with -Token or Connect-Copilot -Token."),

            AccessHints.AppPermission,

            // 403 and 404: the cause, then what the token's scopes say (ScopeHint). Missing scopes decide the action.
            new ErrorHint(404, a => a.Request.Kind == RequestKind.MemberLookup && a.Missing is not null,
                a => AccessHints.WithScopes(a, $"'{a.Request.Target}' has no Copilot seat in the {a.Subject}, is not a member, or the token cannot see it."),
                AccessHints.UseScopes),
            new ErrorHint(404, a => a.Request.Kind == RequestKind.MemberLookup,
                a => AccessHints.WithScopes(a, a.ScopesAccepted
                    ? $"'{a.Request.Target}' has no Copilot seat in the {a.Subject}, or is not a member."
                    : $"'{a.Request.Target}' has no Copilot seat in the {a.Subject}, is not a member, or the token cannot see it."),
                a => $"Check the login; Get-CopilotSeat {a.Where} lists who has a seat."),
            new ErrorHint(404, a => a.Missing is not null,
                a => AccessHints.WithScopes(a, NotFoundCause(a)),
                AccessHints.UseScopes),
            new ErrorHint(404, null,
                a => AccessHints.WithScopes(a, NotFoundCause(a)),
                a => $"Check the name, and that the token belongs to an {AccessHints.Role(a.Request.Scope)} there."),
            new ErrorHint(403, a => a.Missing is not null,
                a => AccessHints.WithScopes(a, $"The token is not allowed to do this for the {a.Subject}."),
                AccessHints.UseScopes),
            new ErrorHint(403, null,
                a => AccessHints.WithScopes(a, $"The token is not allowed to do this for the {a.Subject}: it must belong to an {AccessHints.Role(a.Request.Scope)}."),
                a => $"Use a token that belongs to an {AccessHints.Role(a.Request.Scope)}."),

            // An X-GitHub-Api-Version GitHub does not know: 400 "... is not a supported version. The following versions
            // are currently supported: ..." (API-VERSIONS.md); a retired one: 410 Gone.
            new ErrorHint(400, IsUnsupportedVersion,
                a => "GitHub does not support the requested REST API version (X-GitHub-Api-Version); this module is tested with " + KnownVersions + ".",
                a => "Pass -ApiVersion " + CopilotDefaults.ApiVersion + " or " + CopilotDefaults.LatestApiVersion + " (to the command, or to Connect-Copilot for the session)."),
            new ErrorHint(410, null,
                a => "The requested X-GitHub-Api-Version is retired; use -ApiVersion " + CopilotDefaults.LatestApiVersion + " or another supported version.",
                a => "Pass -ApiVersion " + CopilotDefaults.LatestApiVersion + "."),

            // 422: when GitHub's message states the cause, the one explanation that fits it; else the
            // documented causes, once.
            new ErrorHint(422, a => a.Request.Kind.IsSeatChange() && a.Says(SeatSettingWords),
                a => "Seats are assigned and cancelled one by one only when the seat management setting is assign_selected.",
                a => "Change the setting in the Copilot policies of the " + a.Subject + "; Get-CopilotOrgDetail shows it."),
            new ErrorHint(422, a => a.Request.Kind == RequestKind.RemoveUsers && a.Says("team"),
                a => "A seat granted through a team is cancelled with its team, or by removing the user from the team.",
                a => "Cancel team-granted seats with Remove-CopilotTeam."),
            new ErrorHint(422, a => a.Request.Kind.IsSeatChange() && a.Says("not a member", "not members", "could not be found"),
                a => "Only members and teams of the " + a.Subject + " can be named.",
                a => "Check the names."),
            new ErrorHint(422, a => SetupCause(a) is not null,
                a => string.Format(CultureInfo.InvariantCulture, SetupCause(a)!.Cause, a.Subject),
                a => string.Format(CultureInfo.InvariantCulture, SetupCause(a)!.Action, a.Subject)),
            new ErrorHint(422, a => a.Request.Kind == RequestKind.RemoveUsers,
                a => "Documented causes: a seat was granted through a team; the seat management setting is assign_all or unconfigured; Copilot Business or Enterprise, billing or the public code suggestions policy is not set up.",
                a => "Run Remove-CopilotTeam for a team's seats, else check the setup with Get-CopilotOrgDetail."),
            new ErrorHint(422, a => a.Request.Kind.IsSeatChange(),
                a => "Documented causes: the seat management setting is assign_all or unconfigured; Copilot Business or Enterprise is not enabled; billing is not set up; no public code suggestions policy is set; a name is not a member or team of the " + a.Subject + ".",
                a => "Check the names, then the setup with Get-CopilotOrgDetail."),
            new ErrorHint(422, a => a.Request.Kind == RequestKind.MemberLookup,
                a => "The user may have a pending invitation to the " + a.Subject + ", or Copilot is not set up there.",
                a => "Ask the user to accept the invitation, then look the seat up again."),
            new ErrorHint(422, null,
                a => "Copilot Business or Enterprise, billing or the public code suggestions policy may not be set up for the " + a.Subject + ".",
                a => "Finish the Copilot setup (plan, billing, policies) in the GitHub settings."),

            new ErrorHint(429, null,
                a => "GitHub's rate limit was exceeded; wait and retry.",
                a => "Run the command again later; -MaxRateLimitWait sets how long the module waits by itself."),
            new ErrorHint(500, int.MaxValue, null,
                a => "GitHub had a server-side problem; retry later.",
                a => "Run the command again later; -MaxRetries sets how often it retries by itself."),
        };

        private sealed record Setup(string[] Words, string Cause, string Action);

        /// <summary>The setup causes GitHub documents for a seat 422 ({0}: the organization or enterprise), with the words its message names each by.</summary>
        private static readonly Setup[] SetupCauses =
        {
            new(new[] { "not enabled", "subscription" }, "Copilot Business or Enterprise is not enabled for the {0}.", "Enable Copilot Business or Enterprise for the {0}."),
            new(new[] { "billing" }, "Billing is not set up for the {0}.", "Set up billing for the {0} (Billing and licensing settings)."),
            new(new[] { "public code suggestion" }, "No policy for suggestions matching public code is set for the {0}.", "Set that policy in the Copilot policies of the {0}."),
        };

        /// <summary>
        /// The one setup cause GitHub's 422 to a seat change, listing or detail names; null when it names none, or several
        /// (the documented list is given then, rather than a guess).
        /// </summary>
        private static Setup? SetupCause(ErrorAnswer a)
        {
            if (!a.Request.Kind.IsSeatChange() && a.Request.Kind is not (RequestKind.ListSeats or RequestKind.OrgDetail)) return null;
            Setup[] named = SetupCauses.Where(c => a.Says(c.Words)).ToArray();
            return named.Length == 1 ? named[0] : null;
        }

        /// <summary>
        /// GitHub's 400 to an X-GitHub-Api-Version it does not support (a configuration error: never retried). Its body is
        /// JSON {message, documentation_url}; the text is read too, as the exact body is not confirmed.
        /// </summary>
        internal static bool IsUnsupportedVersion(ErrorAnswer a)
        {
            if (a.Response.Status != 400) return false;
            if (a.Says(UnsupportedVersionWords)) return true;
            string body = a.Response.Body.Length > 0 ? System.Text.Encoding.UTF8.GetString(a.Response.Body) : string.Empty;
            return UnsupportedVersionWords.Any(w => body.IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0);
        }

        private static readonly string[] UnsupportedVersionWords = { "is not a supported version", "unsupported api version" };

        private static string KnownVersions => string.Join(" and ", CopilotDefaults.ApiVersions);

        private static string NotFoundCause(ErrorAnswer a) => a.ScopesAccepted
            ? $"The {a.Subject} may not exist, or may not have Copilot Business or Enterprise."
            : $"The {a.Subject} may not exist, may not have Copilot Business or Enterprise, or the token cannot see it (GitHub answers 404 rather than 403 to hide what a token may not read).";
    }
}
