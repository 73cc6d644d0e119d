namespace CopilotSeats.Simulator.Tests;

/// <summary>
/// X-GitHub-Api-Version as GitHub answers it (../shared/github-api/API-VERSIONS.md): none, 2022-11-28 and 2026-03-10 are
/// served, anything else gets GitHub's 400; GET /rate_limit loses its top-level "rate" under 2026-03-10; the seat
/// endpoints (absent from the 2026-03-10 breaking changes) answer alike under both.
/// </summary>
public class ApiVersionTests : IAsyncLifetime
{
    private SimulatorHost _sim = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _sim = await SimulatorHost.StartAsync(new SimulatorOptions { Seats = 12 });
        _http = new HttpClient { BaseAddress = _sim.BaseUri };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sim.DisposeAsync();
    }

    private Task<HttpResponseMessage> Get(string path, string? version)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "ghp_SIMVERSION_0123456789");
        request.Headers.UserAgent.ParseAdd("simulator-tests/1.0");
        if (version != null) request.Headers.TryAddWithoutValidation("X-GitHub-Api-Version", version);
        return _http.SendAsync(request);
    }

    private static string? Link(HttpResponseMessage r) => r.Headers.TryGetValues("Link", out var values) ? values.SingleOrDefault() : null;

    private static async Task<JsonNode> Json(HttpResponseMessage r) => JsonNode.Parse(await r.Content.ReadAsStringAsync())!;

    [Theory]
    [InlineData("v3")]
    [InlineData("2025-01-01")]
    [InlineData("2026-03-11")]
    public async Task An_unsupported_version_gets_GitHubs_400(string version)
    {
        var r = await Get("/orgs/octo-org/copilot/billing", version);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var body = await Json(r);
        Assert.Equal($"The version you specified in the \"X-GitHub-API-Version\" request header, \"{version}\", is not a supported version. "
            + "The following versions are currently supported: \"2026-03-10\" (most recent), \"2022-11-28\".", (string)body["message"]!);
        Assert.Equal("https://docs.github.com/rest", (string)body["documentation_url"]!);
        Assert.Equal(400, _sim.Log.Snapshot().Single().Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2022-11-28")]
    public async Task Rate_limit_under_2022_11_28_carries_rate_beside_resources(string? version)
    {
        await Get("/orgs/octo-org/copilot/billing", version); // one request in the window
        var r = await Get("/rate_limit", version);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var body = await Json(r);
        JsonNode core = body["resources"]!["core"]!;
        Assert.Equal(core.ToJsonString(), body["rate"]!.ToJsonString());
        Assert.Equal(5000, (int)core["limit"]!);
        Assert.Equal(1, (int)core["used"]!);
        Assert.Equal(4999, (int)core["remaining"]!);
        Assert.NotNull(body["resources"]!["search"]);
    }

    [Fact]
    public async Task Rate_limit_under_2026_03_10_has_no_rate_and_is_not_counted()
    {
        await Get("/orgs/octo-org/copilot/billing", "2026-03-10");
        var r = await Get("/rate_limit", "2026-03-10");
        var body = (JsonObject)await Json(r);
        Assert.False(body.ContainsKey("rate"));
        Assert.Equal(new[] { "resources" }, body.Select(p => p.Key).ToArray());
        JsonNode core = body["resources"]!["core"]!;
        Assert.Equal(1, (int)core["used"]!);
        Assert.Equal(new[] { "limit", "remaining", "reset", "used" }, ((JsonObject)core).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());
        // Reading it is free (GitHub: it does not count against the rate limit); its headers say the same.
        Assert.Equal("1", r.Headers.GetValues("x-ratelimit-used").Single());
        var again = await Json(await Get("/rate_limit", "2026-03-10"));
        Assert.Equal(1, (int)again["resources"]!["core"]!["used"]!);
    }

    [Theory]
    [InlineData("/orgs/octo-org/copilot/billing")]
    [InlineData("/orgs/octo-org/copilot/billing/seats?per_page=5&page=2")]
    [InlineData("/enterprises/octo-ent/copilot/billing/seats?per_page=3")]
    [InlineData("/orgs/octo-org/members/octocat/copilot")]
    public async Task Seat_reads_answer_alike_under_both_versions(string path)
    {
        var old = await Get(path, "2022-11-28");
        var current = await Get(path, "2026-03-10");
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(await old.Content.ReadAsStringAsync(), await current.Content.ReadAsStringAsync());
        Assert.Equal(Link(old), Link(current));
    }
}
