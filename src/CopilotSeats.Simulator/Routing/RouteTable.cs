using CopilotSeats.Simulator.Api;

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

    public static ApiRouter Create(SimulatorState state)
    {
        var reads = new SeatReads(state);
        var changes = new SeatChanges(state);
        var directory = new DirectoryReads(state);
        var apps = new AppEndpoints(state);
        var usage = new UsageReports(state);
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
            // the latest 28-day usage metrics reports, read by Test-CopilotConnection
            new("GET",    "/orgs/{org}/copilot/metrics/reports/organization-28-day/latest",       Org,   "read:org", usage.Latest28Day),
            new("GET",    "/enterprises/{enterprise}/copilot/metrics/reports/enterprise-28-day/latest", Ent, EntRead, usage.Latest28Day),
        });
    }
}
