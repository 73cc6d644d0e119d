using System.Net;
using CopilotSeats.Completion;

namespace CopilotSeats.Core.Tests;

/// <summary>
/// REST API versions: 2022-11-28 stays the default, GitHub's 400 to an unsupported version is a configuration error
/// (terminating, not retried, with the versions to pass), and -ApiVersion completes the known versions. That every
/// cmdlet works under 2026-03-10 and stops a seat change at its first batch: tests/pester/ApiVersion.Tests.ps1.
/// </summary>
public class ApiVersionTests : SimulatorTestBase
{
    private static readonly SeatScope Org = SeatScope.ForOrganization("octo-org");

    private CopilotClient Client(string version, CopilotClientOptions? options = null)
    {
        options ??= new CopilotClientOptions { Random = () => 0.5, Clock = new FakeClock() };
        return new CopilotClient(new ResolvedConnection(ConnectionResolver.ValidateApiUrl(Sim.BaseUri), version, Tokens.Token()), options);
    }

    [Fact]
    public void The_default_stays_2022_11_28_and_2026_03_10_is_known()
    {
        Assert.Equal("2022-11-28", CopilotDefaults.ApiVersion);
        Assert.Equal(new[] { "2022-11-28", "2026-03-10" }, CopilotDefaults.ApiVersions);
        Assert.Equal("2026-03-10", CopilotDefaults.LatestApiVersion);
        Assert.Equal("2022-11-28", ConnectionResolver.ResolveApiVersion(null, null));
    }

    [Fact]
    public void ApiVersion_completes_both_versions()
    {
        static string[] Texts(string? word) => ApiVersionCompletion.Complete(word).Select(i => i.CompletionText).ToArray();
        Assert.Equal(new[] { "2022-11-28", "2026-03-10" }, Texts(""));
        Assert.Equal(new[] { "2022-11-28", "2026-03-10" }, Texts(null));
        Assert.Equal(new[] { "2022-11-28", "2026-03-10" }, Texts("20"));
        Assert.Equal(new[] { "2026-03-10" }, Texts("2026"));
        Assert.Equal(new[] { "'2022-11-28'" }, Texts("'2022"));
        Assert.Empty(Texts("v3"));
    }

    [Fact]
    public async Task An_unsupported_version_stops_at_GitHubs_400_with_the_versions_to_pass()
    {
        using var client = Client("2031-01-01");
        var ex = await Assert.ThrowsAsync<CopilotApiException>(() => ListAll(client, Org));
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("CopilotSeats.Http400", ex.ErrorId);
        Assert.Equal(CopilotErrorCategory.InvalidArgument, ex.Category);
        Assert.True(ex.IsTerminating);
        Assert.Contains("\"2031-01-01\", is not a supported version", ex.Message);
        Assert.Contains("tested with 2022-11-28 and 2026-03-10", ex.Message);
        Assert.Equal("Pass -ApiVersion 2022-11-28 or 2026-03-10 (to the command, or to Connect-Copilot for the session).", ex.RecommendedAction);
        Assert.Single(Requests); // never retried
    }

    [Fact]
    public async Task A_plain_text_400_naming_the_version_is_read_the_same_way()
    {
        var handler = new ScriptedHandler((_, _) => new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent("The version you specified in the \"X-GitHub-API-Version\" request header, \"v3\", is not a supported version."),
        });
        using var client = Clients.ForHandler(handler);
        var ex = await Assert.ThrowsAsync<CopilotApiException>(() => client.GetOrgDetailAsync("octo-org", default));
        Assert.True(ex.IsTerminating);
        Assert.StartsWith("Pass -ApiVersion 2022-11-28 or 2026-03-10", ex.RecommendedAction);
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task Another_400_is_not_taken_for_a_version_problem()
    {
        var handler = new ScriptedHandler((_, _) => ScriptedHandler.Json(HttpStatusCode.BadRequest, "{\"message\":\"Problems parsing JSON\"}"));
        using var client = Clients.ForHandler(handler);
        var ex = await Assert.ThrowsAsync<CopilotApiException>(() => client.GetOrgDetailAsync("octo-org", default));
        Assert.False(ex.IsTerminating);
        Assert.DoesNotContain("-ApiVersion", ex.RecommendedAction);
    }

    [Fact]
    public async Task A_retired_version_410_points_to_the_newest_version()
    {
        var handler = new ScriptedHandler((_, _) => ScriptedHandler.Json(HttpStatusCode.Gone, "{\"message\":\"Gone\"}"));
        using var client = Clients.ForHandler(handler);
        var ex = await Assert.ThrowsAsync<CopilotApiException>(() => client.GetOrgDetailAsync("octo-org", default));
        Assert.Equal("Pass -ApiVersion 2026-03-10.", ex.RecommendedAction);
    }
}
