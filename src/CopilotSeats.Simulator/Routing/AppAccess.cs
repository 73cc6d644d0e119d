namespace CopilotSeats.Simulator.Routing;

/// <summary>
/// What GitHub App installation tokens and fine-grained tokens may call, per route: the permission each needs
/// (read for GET, write otherwise), from the endpoints' documentation. A route not listed refuses those tokens
/// with 403, as the enterprise member lookup (not opened to GitHub Apps). The enterprise seat routes GitHub opened to
/// Apps on 2026-11-10 still refuse fine-grained tokens (<see cref="AppsOnly"/>): the change names Apps only. The routes that need the App's
/// JWT instead of a token are listed in <see cref="JwtRoutes"/>.
/// </summary>
internal static class AppAccess
{
    /// <summary>The organization permission "GitHub Copilot Business".</summary>
    public const string SeatManagement = "organization_copilot_seat_management";
    /// <summary>The organization permission "Organization Copilot metrics" (View Organization Copilot Metrics).</summary>
    public const string OrgMetrics = "organization_copilot_metrics";
    /// <summary>The enterprise permission "Enterprise Copilot metrics" (View Enterprise Copilot Metrics).</summary>
    public const string EnterpriseMetrics = "enterprise_copilot_metrics";
    /// <summary>
    /// The enterprise permission "Enterprise Copilot license management" (changelog 2026-11-10). Its JSON key is not
    /// documented yet: assumed (README.md, "GitHub Apps and token kinds").
    /// </summary>
    public const string EnterpriseSeatManagement = "enterprise_copilot_license_management";

    private static readonly Dictionary<string, string> Permissions = new(StringComparer.Ordinal)
    {
        ["GET /orgs/{org}/copilot/billing"] = SeatManagement,
        ["GET /orgs/{org}/copilot/billing/seats"] = SeatManagement,
        ["POST /orgs/{org}/copilot/billing/selected_teams"] = SeatManagement,
        ["DELETE /orgs/{org}/copilot/billing/selected_teams"] = SeatManagement,
        ["POST /orgs/{org}/copilot/billing/selected_users"] = SeatManagement,
        ["DELETE /orgs/{org}/copilot/billing/selected_users"] = SeatManagement,
        ["GET /orgs/{org}/members/{username}/copilot"] = SeatManagement,
        ["GET /orgs/{org}/teams"] = "members",
        ["GET /orgs/{org}/copilot/metrics/reports/organization-1-day"] = OrgMetrics,
        ["GET /orgs/{org}/copilot/metrics/reports/organization-28-day/latest"] = OrgMetrics,
        ["GET /orgs/{org}/copilot/metrics/reports/users-1-day"] = OrgMetrics,
        ["GET /orgs/{org}/copilot/metrics/reports/users-28-day/latest"] = OrgMetrics,
        ["GET /orgs/{org}/copilot/metrics/reports/user-teams-1-day"] = OrgMetrics,
        ["GET /orgs/{org}/copilot/metrics/reports/repos-1-day"] = OrgMetrics,
        ["GET /organizations/{org}/settings/billing/ai_credit/usage"] = Billing.CreditUsageReports.OrgPermission,
        ["GET /enterprises/{enterprise}/settings/billing/ai_credit/usage"] = Billing.CreditUsageReports.EnterprisePermission,
        // Opened to Apps on 2026-11-10: the seat list and the user and enterprise team assignments. The member lookup
        // (GET /enterprises/{enterprise}/members/{username}/copilot) is not named: it still refuses Apps.
        ["GET /enterprises/{enterprise}/copilot/billing/seats"] = EnterpriseSeatManagement,
        ["POST /enterprises/{enterprise}/copilot/billing/selected_users"] = EnterpriseSeatManagement,
        ["DELETE /enterprises/{enterprise}/copilot/billing/selected_users"] = EnterpriseSeatManagement,
        ["POST /enterprises/{enterprise}/copilot/billing/selected_enterprise_teams"] = EnterpriseSeatManagement,
        ["DELETE /enterprises/{enterprise}/copilot/billing/selected_enterprise_teams"] = EnterpriseSeatManagement,
        ["GET /enterprises/{enterprise}/copilot/metrics/reports/enterprise-1-day"] = EnterpriseMetrics,
        ["GET /enterprises/{enterprise}/copilot/metrics/reports/enterprise-28-day/latest"] = EnterpriseMetrics,
        ["GET /enterprises/{enterprise}/copilot/metrics/reports/users-1-day"] = EnterpriseMetrics,
        ["GET /enterprises/{enterprise}/copilot/metrics/reports/users-28-day/latest"] = EnterpriseMetrics,
        ["GET /enterprises/{enterprise}/copilot/metrics/reports/user-teams-1-day"] = EnterpriseMetrics,
        ["GET /enterprises/{enterprise}/copilot/metrics/reports/repos-1-day"] = EnterpriseMetrics,
    };

    private static readonly HashSet<string> JwtRoutes = new(StringComparer.Ordinal)
    {
        "GET /app/installations",
        "GET /orgs/{org}/installation",
        "GET /enterprises/{enterprise}/installation",
        "POST /app/installations/{installation_id}/access_tokens",
    };

    /// <summary>The permission an installation or fine-grained token needs for the route; null when such tokens are refused.</summary>
    public static string? PermissionFor(ApiRoute route) => Permissions.TryGetValue(route.Method + " " + route.Template, out var p) ? p : Budgets.BudgetAccess.PermissionFor(route);

    /// <summary>Whether the route takes installation tokens but refuses fine-grained personal access tokens.</summary>
    public static bool AppsOnly(ApiRoute route) => PermissionFor(route) == EnterpriseSeatManagement;

    /// <summary>Whether the route is called with the App's JWT (and refuses every token).</summary>
    public static bool NeedsJwt(ApiRoute route) => JwtRoutes.Contains(route.Method + " " + route.Template);
}
