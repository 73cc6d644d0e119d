using CopilotSeats.Http;

namespace CopilotSeats.Usage
{
    /// <summary>
    /// The hint rows a usage report request brings along (<see cref="ApiRequest.Hints"/>), asked before the general
    /// table: the policy, the data window, the App permission, then the scopes and the metrics permission.
    /// </summary>
    internal static class UsageErrorHints
    {
        public static readonly IReadOnlyList<ErrorHint> Rows = new[]
        {
            new ErrorHint(403, a => a.Request.Kind == RequestKind.UsageReport && a.Says("disabled", "policy", "not enabled", "turned off", " is off"),
                a => $"The \"Copilot usage metrics\" policy is off for the {a.Subject}, so GitHub serves no usage reports there.",
                a => $"Enable the \"Copilot usage metrics\" policy in the Copilot policies of the {a.Subject} (AI Controls > Copilot), then run the command again."),
            new ErrorHint(404, a => a.Request.Kind == RequestKind.UsageReport && UsageReportSpec.DayOf(a.Request.Uri) is { } day && !UsageReportSpec.InDataWindow(day, a.Today),
                a => $"GitHub keeps usage reports from {UsageReportSpec.DataStartText} on, for about one year back; {UsageReportSpec.Text(UsageReportSpec.DayOf(a.Request.Uri)!.Value)} is outside that window.",
                a => $"Pick a day from {UsageReportSpec.DataStartText} on, within the last year (-Day)."),
            AccessHints.AppPermission,
            // A day inside GitHub's window that the owner has no report of: its usage data may start later (or the name is wrong).
            new ErrorHint(404, a => a.Request.Kind == RequestKind.UsageReport && a.Missing is null && UsageReportSpec.DayOf(a.Request.Uri) is not null,
                a => AccessHints.WithScopes(a, $"GitHub has no usage report of {UsageReportSpec.Text(UsageReportSpec.DayOf(a.Request.Uri)!.Value)} for the {a.Subject}: its usage data may start after that day, or the {a.Subject} may not exist or the token cannot see it."),
                a => $"Pick a later day (-Day), and check the {(a.Request.Scope.Kind == ScopeKind.Enterprise ? "enterprise" : "organization")} name."),
            new ErrorHint(403, a => a.Request.Kind == RequestKind.UsageReport && a.Missing is null,
                a => AccessHints.WithScopes(a, $"The token may not read the Copilot usage metrics of the {a.Subject} (or the account lacks the role to)."),
                a => $"Use a token with {UsageAccess(a.Request.Scope)}."),
        };

        private static string UsageAccess(SeatScope scope) => scope.Kind == ScopeKind.Enterprise
            ? "the manage_billing:copilot or read:enterprise scope (classic), or the \"Enterprise Copilot metrics\" read permission"
            : "the read:org scope (classic), or the \"Organization Copilot metrics\" read permission (fine-grained token or GitHub App)";
    }
}
