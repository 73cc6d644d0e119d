using CopilotSeats.Simulator.Api;
using CopilotSeats.Simulator.Usage;

namespace CopilotSeats.Simulator.Routing;

/// <summary>
/// Every endpoint of the simulator, declared once: method, template, scope, accepted OAuth scopes, handler.
/// Adding an endpoint is one line here plus its handler (ARCHITECTURE.md, "Adding an endpoint"). The seat
/// operations and the usage metrics reports are alike for organizations and enterprises: each of those families
/// is declared once, for both (<see cref="SeatRoutes"/>, <see cref="ReportRoutes"/>).
/// </summary>
internal static class RouteTable
{
    public static ApiRouter Create(SimulatorState state, UsageReports? usageReports = null, Func<Budgets.BudgetSettings>? budgetSettings = null)
    {
        var usage = usageReports ?? new UsageReports(state, new ReportStore(), () => new UsageSettings(), () => null);
        var reads = new SeatReads(state);
        var changes = new SeatChanges(state);
        var directory = new DirectoryReads(state);
        var apps = new AppEndpoints(state);
        var credits = new Billing.CreditUsageReports(state);
        const RouteScope Org = RouteScope.Organization, Ent = RouteScope.Enterprise;
        var routes = new List<ApiRoute>
        {
            //  method    template                                               scope  accepted  handler
            // rate limits: the body differs by API version (RateLimitReads)
            new("GET",    RateLimitReads.Template,                               RouteScope.None, "",  RateLimitReads.Handler),
            new("GET",    "/orgs/{org}/copilot/billing",                         Org,   "manage_billing:copilot, read:org", reads.OrgDetail),
            // lists read by argument completion
            new("GET",    "/user/orgs",                                          RouteScope.None, "",  directory.UserOrgs),
            new("GET",    "/orgs/{org}/teams",                                   Org,   "read:org", directory.OrgTeams),
            new("GET",    "/orgs/{org}/teams/{team_slug}/members",               Org,   "read:org", directory.TeamMembers),
            new("GET",    "/enterprises/{enterprise}/teams",                     Ent,   "read:enterprise", directory.EnterpriseTeams),
            // GitHub App sign-in, with the App's JWT (who may call what: AppAccess)
            new("GET",    "/app/installations",                                  RouteScope.None, "", apps.Installations),
            new("GET",    "/orgs/{org}/installation",                            Org,   "",       apps.OrgInstallation),
            new("GET",    "/enterprises/{enterprise}/installation",              Ent,   "",       apps.EnterpriseInstallation),
            new("POST",   "/app/installations/{installation_id}/access_tokens",  RouteScope.None, "", apps.CreateToken),
            // AI-credit usage reports (Billing/): classic scopes assumed, GitHub states none (the header goes empty)
            new ApiRoute("GET", "/organizations/{org}/settings/billing/ai_credit/usage", Org, "admin:org", credits.Serve).WithAssumedScopes(),
            new ApiRoute("GET", "/enterprises/{enterprise}/settings/billing/ai_credit/usage", Ent, "manage_billing:enterprise, read:enterprise", credits.Serve).WithAssumedScopes(),
        };
        routes.AddRange(SeatRoutes("/orgs/{org}", Org, "org", "selected_teams", reads, reads.OrgMember, changes));
        routes.AddRange(SeatRoutes("/enterprises/{enterprise}", Ent, "enterprise", "selected_enterprise_teams", reads, reads.EnterpriseMember, changes));
        // usage metrics reports: read:org for organizations; manage_billing:copilot or read:enterprise for enterprises
        routes.AddRange(ReportRoutes("/orgs/{org}", Org, "organization", "read:org", usage));
        routes.AddRange(ReportRoutes("/enterprises/{enterprise}", Ent, "enterprise", "manage_billing:copilot, read:enterprise", usage));
        // budgets (BUDGETS.md): classic scopes not documented, assumed (README.md, "Budgets"), the header goes empty
        var budgets = new Budgets.BudgetEndpoints(state, budgetSettings ?? (() => new Budgets.BudgetSettings()));
        routes.AddRange(budgets.Routes("/organizations/{org}", Org, "admin:org", "admin:org").Select(r => r.WithAssumedScopes()));
        routes.AddRange(budgets.Routes("/enterprises/{enterprise}", Ent, "manage_billing:enterprise, read:enterprise", "manage_billing:enterprise, admin:enterprise").Select(r => r.WithAssumedScopes()));
        return new ApiRouter(state, routes);
    }

    /// <summary>
    /// An owner's seats (<paramref name="kind"/>: org or enterprise): the listing and a member's seat, read with
    /// manage_billing:copilot or read:kind; adding and cancelling seats of users and of teams (<paramref name="teams"/>,
    /// the body field), with manage_billing:copilot or admin:kind, the X-Accepted-OAuth-Scopes GitHub sends.
    /// </summary>
    private static IEnumerable<ApiRoute> SeatRoutes(string owner, RouteScope scope, string kind, string teams, SeatReads reads, RouteHandler member, SeatChanges changes)
    {
        string read = "manage_billing:copilot, read:" + kind, write = "manage_billing:copilot, admin:" + kind;
        yield return new("GET",    owner + "/copilot/billing/seats",          scope, read,  reads.ListSeats);
        yield return new("GET",    owner + "/members/{username}/copilot",     scope, read,  member);
        yield return new("POST",   owner + "/copilot/billing/selected_users", scope, write, changes.AddUsers);
        yield return new("DELETE", owner + "/copilot/billing/selected_users", scope, write, changes.CancelUsers);
        yield return new("POST",   owner + "/copilot/billing/" + teams,       scope, write, changes.AddTeams);
        yield return new("DELETE", owner + "/copilot/billing/" + teams,       scope, write, changes.CancelTeams);
    }

    /// <summary>
    /// An owner's usage metrics reports (links to NDJSON files on the download origin; Test-CopilotConnection reads
    /// the latest 28-day ones): the <paramref name="summary"/> report and the users report for one day or the latest
    /// 28 days, the user-teams and repos reports for one day.
    /// </summary>
    private static IEnumerable<ApiRoute> ReportRoutes(string owner, RouteScope scope, string summary, string accepted, UsageReports usage)
    {
        string reports = owner + "/copilot/metrics/reports/";
        yield return new("GET", reports + summary + "-1-day",          scope, accepted, usage.Handler(ReportKind.Summary, oneDay: true));
        yield return new("GET", reports + summary + "-28-day/latest",  scope, accepted, usage.Handler(ReportKind.Summary, oneDay: false));
        yield return new("GET", reports + "users-1-day",               scope, accepted, usage.Handler(ReportKind.Users, oneDay: true));
        yield return new("GET", reports + "users-28-day/latest",       scope, accepted, usage.Handler(ReportKind.Users, oneDay: false));
        yield return new("GET", reports + "user-teams-1-day",          scope, accepted, usage.Handler(ReportKind.UserTeams, oneDay: true));
        yield return new("GET", reports + "repos-1-day",               scope, accepted, usage.Handler(ReportKind.Repos, oneDay: true));
    }
}
