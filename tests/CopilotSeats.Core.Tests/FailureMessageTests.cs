namespace CopilotSeats.Core.Tests;

/// <summary>
/// A request whose answer never came: .NET's reason once, and for a change, that it may have been applied and where to look.
/// An answer that is not the documented JSON: the field that failed, no parser internals, and what to check.
/// </summary>
public class FailureMessageTests
{
    [Theory]
    [InlineData("DELETE", RequestKind.BudgetChange, true, "Get-CopilotBudget")]
    [InlineData("PATCH", RequestKind.BudgetChange, false, "Get-CopilotBudget")]
    [InlineData("POST", RequestKind.AddUsers, false, "Get-CopilotSeat")]
    [InlineData("DELETE", RequestKind.RemoveTeams, true, "Get-CopilotSeat")]
    [InlineData("GET", RequestKind.ListSeats, false, null)]
    [InlineData("POST", RequestKind.InstallationToken, true, null)]
    public void A_change_without_an_answer_names_the_command_that_shows_its_kind(string method, RequestKind kind, bool timedOut, string? check)
    {
        var api = new Uri("https://api.github.com/");
        var request = new ApiRequest(new HttpMethod(method), new Uri(api, "orgs/octo-org/x"), "k", kind, SeatScope.ForOrganization("octo-org"), "mona");
        var cause = new HttpRequestException("An error occurred.", new IOException("Received an invalid status line: 'HTTP/1.1 0 '. "));
        var error = (CopilotException)SendFailures.Failure(request, TimeSpan.FromSeconds(1), api, SendOutcome.Failed(cause, timedOut, TimeSpan.Zero), 0);
        Assert.Equal($"{method} https://api.github.com/orgs/octo-org/x {(timedOut ? "timed out after 1 s" : "connection failed (Received an invalid status line: 'HTTP/1.1 0 ')")}."
            + (check is null ? string.Empty : $" The change may or may not have been applied: check with {check}."), error.Message);
        if (check != null) Assert.Contains($"heck with {check}", error.RecommendedAction);
    }

    [Theory]
    [InlineData("{\"seat_breakdown\":{\"total\":\"many\"}}", "seat_breakdown.total is not what GitHub documents.")]
    [InlineData("<html>", "the body is empty, not JSON, or not the object GitHub documents.")]
    public async Task An_answer_that_is_not_the_documented_JSON_names_the_field_not_the_parser(string body, string said)
    {
        using var client = Clients.ForHandler(new ScriptedHandler((_, _) => ScriptedHandler.Json(HttpStatusCode.OK, body)));
        var error = await Assert.ThrowsAsync<CopilotException>(() => client.GetOrgDetailAsync("octo-org", default));
        Assert.Equal(("CopilotSeats.InvalidResponse", CopilotErrorCategory.InvalidData, "octo-org"), (error.ErrorId, error.Category, error.TargetObject));
        Assert.Equal("GitHub's answer to GET /orgs/octo-org/copilot/billing is not the expected JSON: " + said, error.Message);
        Assert.Equal("Check that -ApiUrl points at GitHub's REST API, then run the command again.", error.RecommendedAction);
    }
}
