namespace CopilotSeats.Core.Tests;

/// <summary>What a request whose answer never came reports: the change that may have been applied, and where to look.</summary>
public class SendFailureTests
{
    private static readonly Uri Api = new("https://api.github.com/");

    private static CopilotException Fail(HttpMethod method, RequestKind kind, bool timedOut, Exception? cause = null)
    {
        var request = new ApiRequest(method, new Uri(Api, "orgs/octo-org/x"), "k", kind, SeatScope.ForOrganization("octo-org"), "mona");
        var outcome = SendOutcome.Failed(cause ?? new TimeoutException(), timedOut, TimeSpan.Zero);
        return Assert.IsType<CopilotException>(SendFailures.Failure(request, TimeSpan.FromSeconds(1), Api, outcome, 0));
    }

    [Theory]
    [InlineData("DELETE", RequestKind.BudgetChange, true, "Get-CopilotBudget")]
    [InlineData("PATCH", RequestKind.BudgetChange, false, "Get-CopilotBudget")]
    [InlineData("POST", RequestKind.AddUsers, false, "Get-CopilotSeat")]
    [InlineData("DELETE", RequestKind.RemoveTeams, true, "Get-CopilotSeat")]
    public void A_change_without_an_answer_names_the_command_that_shows_its_kind(string method, RequestKind kind, bool timedOut, string check)
    {
        var error = Fail(new HttpMethod(method), kind, timedOut, new HttpRequestException("dropped"));
        Assert.EndsWith($" The change may or may not have been applied: check with {check}.", error.Message);
        Assert.Contains($"heck with {check}", error.RecommendedAction);
        Assert.DoesNotContain(check == "Get-CopilotSeat" ? "Get-CopilotBudget" : "Get-CopilotSeat", error.Message + error.RecommendedAction);
    }

    [Fact]
    public void A_read_or_a_token_request_without_an_answer_does_not_speak_of_a_change()
    {
        Assert.DoesNotContain("may or may not", Fail(HttpMethod.Get, RequestKind.ListSeats, timedOut: false, new HttpRequestException("x")).Message);
        Assert.DoesNotContain("may or may not", Fail(HttpMethod.Post, RequestKind.InstallationToken, timedOut: true).Message);
    }

    [Fact]
    public void The_inner_message_is_quoted_without_its_own_period()
    {
        var cause = new HttpRequestException("An error occurred.", new IOException("Received an invalid status line: 'HTTP/1.1 0 '. "));
        var error = Fail(HttpMethod.Get, RequestKind.ListSeats, timedOut: false, cause);
        Assert.Equal("GET https://api.github.com/orgs/octo-org/x connection failed (Received an invalid status line: 'HTTP/1.1 0 ').", error.Message);
    }
}

/// <summary>An answer that is not the documented JSON: the field that failed, no parser internals, and what to check.</summary>
public class InvalidResponseTests
{
    [Theory]
    [InlineData("{\"seat_breakdown\":{\"total\":\"many\"}}", "is not the expected JSON: seat_breakdown.total is not what GitHub documents.")]
    [InlineData("<html>", "is not the expected JSON: the body is empty, not JSON, or not the object GitHub documents.")]
    [InlineData("null", "is not the expected JSON: the body is empty, not JSON, or not the object GitHub documents.")]
    public async Task Names_the_field_not_the_parser(string body, string said)
    {
        using var client = Clients.ForHandler(new ScriptedHandler((_, _) => ScriptedHandler.Json(HttpStatusCode.OK, body)));
        var error = await Assert.ThrowsAsync<CopilotException>(() => client.GetOrgDetailAsync("octo-org", default));
        Assert.Equal(("CopilotSeats.InvalidResponse", CopilotErrorCategory.InvalidData, "octo-org"), (error.ErrorId, error.Category, error.TargetObject));
        Assert.Equal("GitHub's answer to GET /orgs/octo-org/copilot/billing " + said, error.Message);
        Assert.Equal("Check that -ApiUrl points at GitHub's REST API, then run the command again.", error.RecommendedAction);
    }
}
