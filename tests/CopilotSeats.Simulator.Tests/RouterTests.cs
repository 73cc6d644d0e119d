using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CopilotSeats.Auth;
using CopilotSeats.Simulator.Api;
using CopilotSeats.Simulator.Routing;
using Xunit;

namespace CopilotSeats.Simulator.Tests;

/// <summary>The route table and template matching, directly and over HTTP.</summary>
public class RouterTests
{
    private static readonly RouteHandler Ok = _ => new Answer(200, null);
    private static readonly ApiRouter Router = RouteTable.Create(new SimulatorState(new SimulatorOptions { Seats = 3 }));

    private static string[] Segments(string path) => PathSegments.Decode(path)!;

    [Fact]
    public void A_template_binds_its_named_parameters()
    {
        var route = new ApiRoute("GET", "/orgs/{org}/members/{username}/copilot", RouteScope.Organization, "read:org", Ok);
        var match = route.MatchPath(Segments("/orgs/octo-org/members/mona%2Docto/copilot"))!;
        Assert.Same(route, match.Route);
        Assert.Equal(new Dictionary<string, string> { ["org"] = "octo-org", ["username"] = "mona-octo" }, match.Values);
        Assert.Null(route.MatchPath(Segments("/orgs/octo-org/members/mona/copilot/extra")));  // more segments
        Assert.Null(route.MatchPath(Segments("/orgs/octo-org/members/mona")));                // fewer segments
        Assert.Null(route.MatchPath(Segments("/orgs/octo-org/member/mona/copilot")));         // another literal
        Assert.Null(route.MatchPath(Segments("/ORGS/octo-org/members/mona/copilot")));        // literals are case-sensitive
    }

    [Fact]
    public void A_template_without_parameters_matches_only_itself()
    {
        var route = new ApiRoute("GET", "/user/orgs", RouteScope.None, "", Ok);
        Assert.Empty(route.MatchPath(Segments("/user/orgs"))!.Values);
        Assert.Null(route.MatchPath(Segments("/user/repos")));
    }

    [Fact]
    public void A_scoped_route_must_name_its_owner()
    {
        Assert.Throws<ArgumentException>(() => new ApiRoute("GET", "/orgs/{organization}/copilot/billing", RouteScope.Organization, "read:org", Ok));
        Assert.Throws<ArgumentException>(() => new ApiRoute("GET", "/orgs/{org}/copilot/billing", RouteScope.Enterprise, "read:enterprise", Ok));
        var state = new SimulatorState(new SimulatorOptions { Seats = 1 });
        Assert.Throws<ArgumentException>(() => new ApiRouter(state, new[]
        {
            new ApiRoute("GET", "/user/orgs", RouteScope.None, "", Ok),
            new ApiRoute("get", "/user/orgs", RouteScope.None, "", Ok),
        }));
    }

    [Theory]
    [InlineData("GET", "/orgs/octo-org/copilot/billing", "/orgs/{org}/copilot/billing")]
    [InlineData("GET", "/orgs/octo-org/copilot/billing/seats", "/orgs/{org}/copilot/billing/seats")]
    [InlineData("POST", "/orgs/octo-org/copilot/billing/selected_users", "/orgs/{org}/copilot/billing/selected_users")]
    [InlineData("DELETE", "/orgs/octo-org/copilot/billing/selected_teams", "/orgs/{org}/copilot/billing/selected_teams")]
    [InlineData("GET", "/orgs/octo-org/members/octocat/copilot", "/orgs/{org}/members/{username}/copilot")]
    [InlineData("GET", "/enterprises/octo-ent/members/octocat/copilot", "/enterprises/{enterprise}/members/{username}/copilot")]
    [InlineData("DELETE", "/enterprises/octo-ent/copilot/billing/selected_enterprise_teams", "/enterprises/{enterprise}/copilot/billing/selected_enterprise_teams")]
    public void The_table_routes_each_operation_to_its_template(string method, string path, string template)
    {
        var match = Router.Match(method, Segments(path))!;
        Assert.Equal(template, match.Route.Template);
        Assert.Equal(method, match.Route.Method);
    }

    [Theory]
    [InlineData("PUT", "/orgs/octo-org/copilot/billing/seats")]         // known path, other method
    [InlineData("GET", "/orgs/octo-org/copilot/billing/selected_users")]
    [InlineData("POST", "/orgs/octo-org/copilot/billing")]
    [InlineData("GET", "/orgs/octo-org/copilot/billing/nope")]
    [InlineData("GET", "/enterprises/octo-ent/copilot/billing/selected_teams")] // an org-only path under an enterprise
    public void Unknown_paths_and_methods_have_no_route(string method, string path) => Assert.Null(Router.Match(method, Segments(path)));

    [Fact]
    public void Every_seat_operation_and_usage_report_of_the_description_is_routed_and_nothing_else_under_copilot()
    {
        var paths = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "tests", "fixtures", "github-api", "copilot-openapi.ghec.json")))!["paths"]!.AsObject();
        var described = paths
            .Where(p => p.Key.Contains("/copilot/billing") || p.Key.EndsWith("/members/{username}/copilot") || p.Key.Contains("/copilot/metrics/reports/"))
            .SelectMany(p => p.Value!.AsObject().Select(m => m.Key.ToUpperInvariant() + " " + p.Key))
            .Where(op => op.Split(' ')[0] is "GET" or "POST" or "PUT" or "PATCH" or "DELETE")
            .OrderBy(op => op, StringComparer.Ordinal).ToList();
        var routed = Router.Routes.Where(r => r.Template.Contains("/copilot")).Select(r => r.Method + " " + r.Template).OrderBy(op => op, StringComparer.Ordinal).ToList();
        Assert.Equal(13 + 12, described.Count);
        Assert.Equal(described, routed);
        // Any other Copilot route (the usage metrics reports) is an operation of the description too.
        Assert.All(Router.Routes.Where(r => r.Template.Contains("/copilot") && !routed.Contains(r.Method + " " + r.Template)),
            r => Assert.True(paths.ContainsKey(r.Template) && paths[r.Template]!.AsObject().ContainsKey(r.Method.ToLowerInvariant()), r.Template));
        // Token routes name the OAuth scopes GitHub accepts; the App's JWT routes take no scopes.
        Assert.All(Router.Routes.Where(r => r.Scope != RouteScope.None && !AppAccess.NeedsJwt(r)), r => Assert.NotEqual("", r.Accepted));
    }

    private static async Task<(SimulatorHost Sim, HttpClient Http)> Start()
    {
        var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Seats = 5 });
        var http = new HttpClient { BaseAddress = sim.BaseUri };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("router-tests/1.0");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sim_router");
        return (sim, http);
    }

    [Theory]
    [InlineData("GET", "/orgs/octo-org/copilot/billing/nope")]
    [InlineData("GET", "/user/repos")]
    [InlineData("PUT", "/orgs/octo-org/copilot/billing/seats")]                 // wrong method: GitHub answers 404 too
    [InlineData("GET", "/orgs/octo-org/copilot/billing/selected_users")]
    [InlineData("PATCH", "/enterprises/octo-ent/copilot/billing/selected_users")]
    public async Task Unknown_routes_and_wrong_methods_answer_githubs_404_body(string method, string path)
    {
        var (sim, http) = await Start();
        await using var _ = sim;
        using var __ = http;
        var r = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        var body = JsonNode.Parse(await r.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(new[] { "documentation_url", "message", "status" }, body.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal("Not Found", (string)body["message"]!);
        Assert.Equal("404", (string)body["status"]!);
        Assert.StartsWith("https://docs.github.com/", (string)body["documentation_url"]!);
        Assert.Equal("", r.Headers.GetValues("X-Accepted-OAuth-Scopes").Single());
        Assert.Equal(404, sim.Log.Snapshot().Single().Status);
    }

    [Fact]
    public async Task Authentication_comes_before_routing_and_scopes_before_the_owner_lookup()
    {
        var (sim, http) = await Start();
        await using var _ = sim;
        using var __ = http;
        var anonymous = new HttpRequestMessage(HttpMethod.Get, "/no/such/route");
        anonymous.Headers.Authorization = null;
        http.DefaultRequestHeaders.Authorization = null;
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(anonymous)).StatusCode);
        var readOnly = new HttpRequestMessage(HttpMethod.Post, "/orgs/no-such-org/copilot/billing/selected_users");
        readOnly.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sim_readonly_1");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(readOnly)).StatusCode);
        var unknownOwner = new HttpRequestMessage(HttpMethod.Get, "/enterprises/no-such-ent/members/octocat/copilot");
        unknownOwner.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sim_readonly_1");
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(unknownOwner)).StatusCode);
    }

    [Theory]
    [InlineData("admin:org", "manage_billing:copilot, admin:org", true)]
    [InlineData("admin:org", "write:org", true)]      // admin:X covers write:X (the simulator's old lambda did not)
    [InlineData("write:org", "read:org", true)]       // write:X covers read:X (nor this)
    [InlineData("read:org, read:enterprise", "manage_billing:copilot, admin:enterprise", false)]
    [InlineData("admin:enterprise", "manage_billing:copilot", false)]
    public void The_scope_step_uses_cores_rule_compiled_in(string granted, string accepted, bool covered)
    {
        Assert.Same(typeof(SimulatorHost).Assembly, typeof(OAuthScopes).Assembly); // Core's source file, linked in
        Assert.Equal(covered, OAuthScopes.AnyCovered(OAuthScopes.Parse(granted), OAuthScopes.Parse(accepted)));
    }
}
