namespace CopilotSeats.Core.Tests;

/// <summary>The message's cause and the RecommendedAction come from the same row of ErrorMapper's table.</summary>
public class ErrorMapperTableTests
{
    private static (string Hint, string? Action, CopilotApiException Error) Map(int status, RequestKind kind, bool enterprise = false)
    {
        var scope = enterprise ? SeatScope.ForEnterprise("octo-ent") : SeatScope.ForOrganization("octo-org");
        var uri = new Uri("https://api.github.com/x");
        var method = kind is RequestKind.OrgDetail or RequestKind.ListSeats or RequestKind.MemberLookup ? HttpMethod.Get : HttpMethod.Post;
        var request = new ApiRequest(method, uri, "k", kind, scope, "octocat");
        var response = new ApiResponse(status, new Dictionary<string, string>(), System.Text.Encoding.UTF8.GetBytes("{\"message\":\"m\"}"), uri);
        return (ErrorMapper.Hint(request, response), ErrorMapper.Action(request, response), ErrorMapper.FromResponse(request, response));
    }

    public static IEnumerable<object[]> Cases() =>
        from status in new[] { 401, 403, 404, 410, 422, 429, 500, 503 }
        from kind in Enum.GetValues<RequestKind>().Where(k => k != RequestKind.Unspecified)
        select new object[] { status, kind };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_known_status_has_a_cause_in_the_message_and_a_separate_action(int status, RequestKind kind)
    {
        var (hint, action, error) = Map(status, kind);
        Assert.NotEqual(string.Empty, hint);
        Assert.False(string.IsNullOrEmpty(action));
        Assert.EndsWith(hint, error.Message);
        Assert.Equal(action, error.RecommendedAction);
        Assert.DoesNotContain(action!, error.Message);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(409)]
    public void Other_statuses_have_neither(int status)
    {
        var (hint, action, error) = Map(status, RequestKind.AddUsers);
        Assert.Equal(string.Empty, hint);
        Assert.Null(action);
        Assert.Null(error.RecommendedAction);
    }

    [Theory]
    [InlineData(RequestKind.RemoveUsers, "granted through a team", "Remove-CopilotTeam")]
    [InlineData(RequestKind.AddUsers, "a name is not a member or team", "assign_selected")]
    [InlineData(RequestKind.RemoveEnterpriseTeams, "a name is not a member or team", "assign_selected")]
    [InlineData(RequestKind.MemberLookup, "pending invitation", "accept the invitation")]
    [InlineData(RequestKind.ListSeats, "may not be set up", "Finish the Copilot setup")]
    [InlineData(RequestKind.OrgDetail, "may not be set up", "Finish the Copilot setup")]
    public void Unprocessable_cause_and_action_follow_the_kind(RequestKind kind, string cause, string action)
    {
        var (hint, recommended, _) = Map(422, kind);
        Assert.Contains(cause, hint);
        Assert.Contains(action, recommended);
    }

    [Fact]
    public void Member_lookup_404_points_at_the_login_with_the_right_scope_switch()
    {
        Assert.Equal("Check the login; Get-CopilotSeat -Enterprise octo-ent lists who has a seat.", Map(404, RequestKind.MemberLookup, enterprise: true).Action);
        Assert.Contains("'octocat' has no Copilot seat in the enterprise octo-ent", Map(404, RequestKind.MemberLookup, enterprise: true).Hint);
    }
}
