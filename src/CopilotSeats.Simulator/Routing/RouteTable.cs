using CopilotSeats.Simulator.Api;
using CopilotSeats.Simulator.Usage;

namespace CopilotSeats.Simulator.Routing;

/// <summary>
/// Every endpoint of the simulator, declared once: method, template, scope, accepted OAuth scopes, handler.
/// Adding an endpoint is one line here plus its handler (README.md, "Adding an endpoint").
/// </summary>
internal static class RouteTable
{
    // X-Accepted-OAuth-Scopes as GitHub sends them for the Copilot seat operations.
    public const string OrgRead = "manage_billing:copilot, read:org";
    public const string OrgWrite = "manage_billing:copilot, admin:org";
    public const string EntRead = "manage_billing:copilot, read:enterprise";
    public const string EntWrite = "manage_billing:copilot, admin:enterprise";
    // Usage metrics reports: read:org for organizations; manage_billing:copilot or read:enterprise for enterprises.
    public const string OrgMetrics = "read:org";
    public const string EntMetrics = "manage_billing:copilot, read:enterprise";

    public static ApiRouter Create(SimulatorState state, UsageReports? usageReports = null)
    {
        var usage = usageReports ?? new UsageReports(state, new ReportStore(), () => new UsageSettings(), () => null);
        var reads = new SeatReads(state);
        var changes = new SeatChanges(state);
        var directory = new DirectoryReads(state);
        var apps = new AppEndpoints(state);
        const RouteScope Org = RouteScope.Organization, Ent = RouteScope.Enterprise;
        return new ApiRouter(state, new ApiRoute[]
        {
            //  method    template                                                                scope  accepted  handler
            new("GET",    "/orgs/{org}/copilot/billing",                                          Org,   OrgRead,  reads.OrgDetail),
            new("GET",    "/orgs/{org}/copilot/billing/seats",                                    Org,   OrgRead,  reads.ListSeats),
            new("POST",   "/orgs/{org}/copilot/billing/selected_teams",                           Org,   OrgWrite, changes.AddTeams),
            new("DELETE", "/orgs/{org}/copilot/billing/selected_teams",                           Org,   OrgWrite, changes.CancelTeams),
            new("POST",   "/orgs/{org}/copilot/billing/selected_users",                           Org,   OrgWrite, changes.AddUsers),
            new("DELETE", "/orgs/{org}/copilot/billing/selected_users",                           Org,   OrgWrite, changes.CancelUsers),
            new("GET",    "/orgs/{org}/members/{username}/copilot",                               Org,   OrgRead,  reads.OrgMember),
            new("GET",    "/enterprises/{enterprise}/copilot/billing/seats",                      Ent,   EntRead,  reads.ListSeats),
            new("GET",    "/enterprises/{enterprise}/members/{username}/copilot",                 Ent,   EntRead,  reads.EnterpriseMember),
            new("POST",   "/enterprises/{enterprise}/copilot/billing/selected_users",             Ent,   EntWrite, changes.AddUsers),
            new("DELETE", "/enterprises/{enterprise}/copilot/billing/selected_users",             Ent,   EntWrite, changes.CancelUsers),
            new("POST",   "/enterprises/{enterprise}/copilot/billing/selected_enterprise_teams",  Ent,   EntWrite, changes.AddTeams),
            new("DELETE", "/enterprises/{enterprise}/copilot/billing/selected_enterprise_teams",  Ent,   EntWrite, changes.CancelTeams),
            // lists read by argument completion
            new("GET",    "/user/orgs",                                                           RouteScope.None, "",  directory.UserOrgs),
            new("GET",    "/orgs/{org}/teams",                                                    Org,   "read:org", directory.OrgTeams),
            new("GET",    "/enterprises/{enterprise}/teams",                                      Ent,   "read:enterprise", directory.EnterpriseTeams),
            // GitHub App sign-in, with the App's JWT (who may call what: AppAccess)
            new("GET",    "/app/installations",                                                   RouteScope.None, "", apps.Installations),
            new("GET",    "/orgs/{org}/installation",                                             Org,   "",       apps.OrgInstallation),
            new("POST",   "/app/installations/{installation_id}/access_tokens",                   RouteScope.None, "", apps.CreateToken),
            // usage metrics reports (links to NDJSON files on the download origin; Test-CopilotConnection reads the latest 28-day ones)
            new("GET",    "/orgs/{org}/copilot/metrics/reports/organization-1-day",               Org,   OrgMetrics, usage.Handler(ReportKind.Summary, oneDay: true)),
            new("GET",    "/orgs/{org}/copilot/metrics/reports/organization-28-day/latest",       Org,   OrgMetrics, usage.Handler(ReportKind.Summary, oneDay: false)),
            new("GET",    "/orgs/{org}/copilot/metrics/reports/users-1-day",                      Org,   OrgMetrics, usage.Handler(ReportKind.Users, oneDay: true)),
            new("GET",    "/orgs/{org}/copilot/metrics/reports/users-28-day/latest",              Org,   OrgMetrics, usage.Handler(ReportKind.Users, oneDay: false)),
            new("GET",    "/orgs/{org}/copilot/metrics/reports/user-teams-1-day",                 Org,   OrgMetrics, usage.Handler(ReportKind.UserTeams, oneDay: true)),
            new("GET",    "/orgs/{org}/copilot/metrics/reports/repos-1-day",                      Org,   OrgMetrics, usage.Handler(ReportKind.Repos, oneDay: true)),
            new("GET",    "/enterprises/{enterprise}/copilot/metrics/reports/enterprise-1-day",   Ent,   EntMetrics, usage.Handler(ReportKind.Summary, oneDay: true)),
            new("GET",    "/enterprises/{enterprise}/copilot/metrics/reports/enterprise-28-day/latest", Ent, EntMetrics, usage.Handler(ReportKind.Summary, oneDay: false)),
            new("GET",    "/enterprises/{enterprise}/copilot/metrics/reports/users-1-day",        Ent,   EntMetrics, usage.Handler(ReportKind.Users, oneDay: true)),
            new("GET",    "/enterprises/{enterprise}/copilot/metrics/reports/users-28-day/latest", Ent,  EntMetrics, usage.Handler(ReportKind.Users, oneDay: false)),
            new("GET",    "/enterprises/{enterprise}/copilot/metrics/reports/user-teams-1-day",   Ent,   EntMetrics, usage.Handler(ReportKind.UserTeams, oneDay: true)),
            new("GET",    "/enterprises/{enterprise}/copilot/metrics/reports/repos-1-day",        Ent,   EntMetrics, usage.Handler(ReportKind.Repos, oneDay: true)),
        });
    }
}
