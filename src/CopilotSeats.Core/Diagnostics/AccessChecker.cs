using System.Globalization;
using CopilotSeats.Billing;
using CopilotSeats.Seats;
using CopilotSeats.Auth;
using CopilotSeats.Http;
using CopilotSeats.Budgets;

namespace CopilotSeats.Diagnostics
{
    /// <summary>
    /// Test-CopilotConnection's checks: for an organization, its Copilot details, its seat listing (per_page=1),
    /// its latest 28-day usage report, its AI-credit usage report of this month and its budgets (per_page=1); for an
    /// enterprise, the last four. GET requests only, one per check,
    /// through the request engine (retries, rate-limit waits, token renewal). A refusal is data: the check is
    /// false and <see cref="AccessProblems"/> says what is missing; so is a target the App installation cannot reach
    /// (<see cref="InstallationReach"/>), checked without a request. No token, or an API that cannot be reached, is
    /// thrown as elsewhere.
    /// </summary>
    public static class AccessChecker
    {
        public static async Task<CopilotAccessCheck> RunAsync(CopilotClient client, SeatScope target, CancellationToken cancellationToken)
        {
            RequestEngine engine = client.Engine;
            ResolvedConnection connection = engine.Connection;
            CopilotToken token = await connection.Tokens.GetAsync(engine.Options.Verbose, cancellationToken).ConfigureAwait(false);
            string kind = TokenKinds.Of(token);
            var result = new CopilotAccessCheck
            {
                ApiUrl = connection.ApiUrl.ToString().TrimEnd('/'),
                Target = target.Name,
                TokenSource = connection.TokenSource,
                TokenKind = kind,
                AppPermissions = connection.Tokens is IAppSignIn app ? new CopilotNameList(app.Permissions.Select(p => p.Key + "=" + p.Value)) : null,
            };
            if (InstallationReach.Refusal(connection.Tokens, target) is { } unreachable)
            {
                // Nothing of the target can be reached with this installation: every check is false, nothing is sent.
                if (target.Kind == ScopeKind.Organization) result.CanReadOrgDetail = false;
                result.Problems = new CopilotNameList(new[] { unreachable.Message + " " + unreachable.RecommendedAction }, CopilotNameList.SentenceSeparator);
                return result;
            }
            var problems = new List<string>();
            var answers = new List<ApiResponse>();

            async Task<bool> Check(AccessCheckKind check, ApiRequest request)
            {
                ApiResponse response = await engine.SendForAnswerAsync(request, cancellationToken).ConfigureAwait(false);
                answers.Add(response);
                if (response.Status >= 200 && response.Status < 300) return true;
                problems.Add(AccessProblems.Explain(check, target, response, kind));
                return false;
            }

            string root = CopilotClient.ScopeRoot(target);
            string template = CopilotClient.ScopeTemplate(target);
            if (target.Kind == ScopeKind.Organization)
                result.CanReadOrgDetail = await Check(AccessCheckKind.OrgDetail, client.OrgDetailRequest(target.Name)).ConfigureAwait(false);
            result.CanReadSeats = await Check(AccessCheckKind.Seats,
                client.ListPageRequest(target, client.Build(root + "/copilot/billing/seats?per_page=1"))).ConfigureAwait(false);
            string report = target.Kind == ScopeKind.Organization ? "organization-28-day/latest" : "enterprise-28-day/latest";
            result.CanReadUsage = await Check(AccessCheckKind.Usage, new ApiRequest(HttpMethod.Get, client.Build(root + "/copilot/metrics/reports/" + report),
                "GET " + template + "/copilot/metrics/reports/" + report, RequestKind.UsageReport, target, target.Name)).ConfigureAwait(false);
            result.CanReadCreditUsage = await Check(AccessCheckKind.CreditUsage,
                client.Billing().Request(new CreditUsageQuery(target, CreditPeriod.CurrentMonth(DateTimeOffset.UtcNow)))).ConfigureAwait(false);
            result.CanReadBudgets = await Check(AccessCheckKind.Budgets, client.Budgets().Request(HttpMethod.Get, target, null, "?per_page=1", target.Name)).ConfigureAwait(false);

            string? scopes = answers.Select(a => a.Header("X-OAuth-Scopes")).FirstOrDefault(s => s != null);
            result.Scopes = scopes is null ? null : new CopilotNameList(OAuthScopes.Parse(scopes));
            ApiResponse? limited = answers.LastOrDefault(a => a.Header("x-ratelimit-remaining") != null);
            if (limited != null)
            {
                result.RateLimitRemaining = limited.IntHeader("x-ratelimit-remaining");
                if (long.TryParse(limited.Header("x-ratelimit-reset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out long reset))
                    result.RateLimitResetAt = DateTimeOffset.FromUnixTimeSeconds(reset);
            }
            result.Problems = new CopilotNameList(problems, CopilotNameList.SentenceSeparator);
            return result;
        }
    }

    /// <summary>The checks of <see cref="AccessChecker"/>.</summary>
    public enum AccessCheckKind { OrgDetail, Seats, Usage, CreditUsage, Budgets }
}
