namespace CopilotSeats.Simulator.Routing;

/// <summary>
/// What GitHub App installation tokens and fine-grained tokens may call, per route: the permission each needs
/// (read for GET, write otherwise), from the endpoints' documentation. A route not listed refuses those tokens
/// with 403, as GitHub documents for the enterprise seat list ("does not accept fine-grained PATs or GitHub App
/// tokens") and the enterprise user operations (not enabled for GitHub Apps). The routes that need the App's
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
        "POST /app/installations/{installation_id}/access_tokens",
    };

    /// <summary>The permission an installation or fine-grained token needs for the route; null when such tokens are refused.</summary>
    public static string? PermissionFor(ApiRoute route) => Permissions.TryGetValue(route.Method + " " + route.Template, out var p) ? p : null;

    /// <summary>Whether the route is called with the App's JWT (and refuses every token).</summary>
    public static bool NeedsJwt(ApiRoute route) => JwtRoutes.Contains(route.Method + " " + route.Template);
}
