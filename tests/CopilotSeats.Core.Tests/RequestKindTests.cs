namespace CopilotSeats.Core.Tests;

/// <summary>Every request the client builds says what it is for; error hints read that, never the body.</summary>
public class RequestKindTests
{
    private static readonly SeatScope Org = SeatScope.ForOrganization("octo-org");
    private static readonly SeatScope Ent = SeatScope.ForEnterprise("octo-ent");
    private static readonly string[] Names = { "a", "b" };

    private static CopilotClient NoSendClient() =>
        Clients.ForHandler(new ScriptedHandler((Func<HttpRequestMessage, int, HttpResponseMessage>)((_, _) => throw new InvalidOperationException("no request is sent"))));

    private static ApiRequest Build(CopilotClient client, string operation) => operation switch
    {
        "org detail" => client.OrgDetailRequest("octo-org"),
        "org listing" => client.ListPageRequest(Org, client.Build("orgs/octo-org/copilot/billing/seats?page=1")),
        "enterprise listing" => client.ListPageRequest(Ent, client.Build("enterprises/octo-ent/copilot/billing/seats?page=1")),
        "org member lookup" => client.MemberSeatRequest(Org, "octocat"),
        "enterprise member lookup" => client.MemberSeatRequest(Ent, "octocat"),
        "org user addition" => client.ChangeRequest(Org, SeatAction.Add, AssigneeKind.User, Names),
        "org user removal" => client.ChangeRequest(Org, SeatAction.Remove, AssigneeKind.User, Names),
        "enterprise user addition" => client.ChangeRequest(Ent, SeatAction.Add, AssigneeKind.User, Names),
        "enterprise user removal" => client.ChangeRequest(Ent, SeatAction.Remove, AssigneeKind.User, Names),
        "team addition" => client.ChangeRequest(Org, SeatAction.Add, AssigneeKind.Team, Names),
        "team removal" => client.ChangeRequest(Org, SeatAction.Remove, AssigneeKind.Team, Names),
        "enterprise team addition" => client.ChangeRequest(Ent, SeatAction.Add, AssigneeKind.EnterpriseTeam, Names),
        "enterprise team removal" => client.ChangeRequest(Ent, SeatAction.Remove, AssigneeKind.EnterpriseTeam, Names),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    public static TheoryData<string, RequestKind, bool, string> Operations => new()
    {
        { "org detail", RequestKind.OrgDetail, false, "GET /orgs/{org}/copilot/billing" },
        { "org listing", RequestKind.ListSeats, false, "GET /orgs/{org}/copilot/billing/seats" },
        { "enterprise listing", RequestKind.ListSeats, false, "GET /enterprises/{enterprise}/copilot/billing/seats" },
        { "org member lookup", RequestKind.MemberLookup, false, "GET /orgs/{org}/members/{username}/copilot" },
        { "enterprise member lookup", RequestKind.MemberLookup, false, "GET /enterprises/{enterprise}/members/{username}/copilot" },
        { "org user addition", RequestKind.AddUsers, true, "POST /orgs/{org}/copilot/billing/selected_users" },
        { "org user removal", RequestKind.RemoveUsers, true, "DELETE /orgs/{org}/copilot/billing/selected_users" },
        { "enterprise user addition", RequestKind.AddUsers, true, "POST /enterprises/{enterprise}/copilot/billing/selected_users" },
        { "enterprise user removal", RequestKind.RemoveUsers, true, "DELETE /enterprises/{enterprise}/copilot/billing/selected_users" },
        { "team addition", RequestKind.AddTeams, true, "POST /orgs/{org}/copilot/billing/selected_teams" },
        { "team removal", RequestKind.RemoveTeams, true, "DELETE /orgs/{org}/copilot/billing/selected_teams" },
        { "enterprise team addition", RequestKind.AddEnterpriseTeams, true, "POST /enterprises/{enterprise}/copilot/billing/selected_enterprise_teams" },
        { "enterprise team removal", RequestKind.RemoveEnterpriseTeams, true, "DELETE /enterprises/{enterprise}/copilot/billing/selected_enterprise_teams" },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public void Each_operation_sets_its_kind_where_the_request_is_built(string operation, RequestKind kind, bool seatChange, string endpoint)
    {
        using var client = NoSendClient();
        ApiRequest request = Build(client, operation);
        Assert.Equal(kind, request.Kind);
        Assert.Equal(seatChange, request.Kind.IsSeatChange());
        Assert.Equal(endpoint, request.EndpointKey);
        Assert.Equal(endpoint.Split(' ')[0], request.Method.Method);
        // A followed redirect keeps what the request is for.
        Assert.Equal(kind, request.WithUri(new Uri("https://api.github.com/elsewhere")).Kind);
    }

    [Fact]
    public void The_client_offers_thirteen_operations_each_with_a_distinct_kind_and_endpoint()
    {
        using var client = NoSendClient();
        var requests = Operations.Select(row => Build(client, (string)row[0])).ToList();
        Assert.Equal(13, requests.Count);
        Assert.All(requests, r => Assert.True(Enum.IsDefined(r.Kind)));
        Assert.Equal(13, requests.Select(r => (r.Kind, r.Scope.Kind)).Distinct().Count());
        Assert.Equal(13, requests.Select(r => r.EndpointKey).Distinct().Count());
    }

    [Theory]
    [InlineData(SeatAction.Add, AssigneeKind.User, RequestKind.AddUsers)]
    [InlineData(SeatAction.Add, AssigneeKind.Team, RequestKind.AddTeams)]
    [InlineData(SeatAction.Add, AssigneeKind.EnterpriseTeam, RequestKind.AddEnterpriseTeams)]
    [InlineData(SeatAction.Remove, AssigneeKind.User, RequestKind.RemoveUsers)]
    [InlineData(SeatAction.Remove, AssigneeKind.Team, RequestKind.RemoveTeams)]
    [InlineData(SeatAction.Remove, AssigneeKind.EnterpriseTeam, RequestKind.RemoveEnterpriseTeams)]
    public void Change_kinds_follow_action_and_assignee(SeatAction action, AssigneeKind assignee, RequestKind kind) =>
        Assert.Equal(kind, RequestKinds.ChangeKind(action, assignee));

    private static CopilotApiException Unprocessable(RequestKind kind, string? body)
    {
        var uri = new Uri("https://api.github.com/orgs/octo-org/copilot/billing/x");
        var request = new ApiRequest(HttpMethod.Delete, uri, "k", kind, Org, "octo-org", body is null ? null : System.Text.Encoding.UTF8.GetBytes(body));
        return ErrorMapper.FromResponse(request, new ApiResponse(422, new Dictionary<string, string>(), System.Text.Encoding.UTF8.GetBytes("{\"message\":\"nope\"}"), uri));
    }

    [Fact]
    public void The_team_granted_hint_comes_from_the_kind_not_from_the_body()
    {
        var userRemoval = Unprocessable(RequestKind.RemoveUsers, body: null);
        Assert.Contains("granted through a team", userRemoval.Message);
        Assert.Contains("Remove-CopilotTeam", userRemoval.RecommendedAction);

        var teamRemoval = Unprocessable(RequestKind.RemoveTeams, body: "{\"selected_usernames\":[\"a\"]}");
        Assert.DoesNotContain("granted through a team", teamRemoval.Message);
        Assert.Contains("Get-CopilotOrgDetail", teamRemoval.RecommendedAction);
    }
}
