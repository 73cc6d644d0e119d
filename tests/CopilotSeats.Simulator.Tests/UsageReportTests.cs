namespace CopilotSeats.Simulator.Tests;

/// <summary>The usage report endpoints and the download origin over real HTTP, against GitHub's examples.</summary>
public class UsageReportTests : IAsyncLifetime
{
    private SimulatorHost _sim = null!;
    private HttpClient _api = null!;
    private readonly HttpClient _blob = new();

    public async Task InitializeAsync()
    {
        _sim = await SimulatorHost.StartAsync(new SimulatorOptions { Seats = 40, LabSeats = 12 });
        _api = new HttpClient { BaseAddress = _sim.BaseUri };
        _api.DefaultRequestHeaders.UserAgent.ParseAdd("usage-tests/1.0");
        _api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sim_usage");
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        _blob.Dispose();
        await _sim.DisposeAsync();
    }

    private static SortedSet<string> Keys(JsonNode node) => new(node.AsObject().Select(p => p.Key), StringComparer.Ordinal);

    private string Day(int daysBack) => _sim.State.Now.UtcDateTime.Date.AddDays(-daysBack).ToString("yyyy-MM-dd");

    public static TheoryData<string, string> Reports() => new()
    {
        { "/orgs/octo-org/copilot/metrics/reports/organization-1-day?day={day}", "copilot-organization-one-day-usage-metrics.200.json" },
        { "/orgs/octo-org/copilot/metrics/reports/organization-28-day/latest", "copilot-organization-usage-metrics.200.json" },
        { "/orgs/octo-org/copilot/metrics/reports/users-1-day?day={day}", "copilot-organization-users-one-day-usage-metrics.200.json" },
        { "/orgs/octo-org/copilot/metrics/reports/users-28-day/latest", "copilot-organization-users-usage-metrics.200.json" },
        { "/orgs/octo-org/copilot/metrics/reports/user-teams-1-day?day={day}", "copilot-organization-user-teams-one-day-report.200.json" },
        { "/orgs/octo-org/copilot/metrics/reports/repos-1-day?day={day}", "copilot-organization-repos-one-day-report.200.json" },
        { "/enterprises/octo-ent/copilot/metrics/reports/enterprise-1-day?day={day}", "copilot-enterprise-one-day-usage-metrics.200.json" },
        { "/enterprises/octo-ent/copilot/metrics/reports/enterprise-28-day/latest", "copilot-enterprise-usage-metrics.200.json" },
        { "/enterprises/octo-ent/copilot/metrics/reports/users-1-day?day={day}", "copilot-users-one-day-usage-metrics.200.json" },
        { "/enterprises/octo-ent/copilot/metrics/reports/users-28-day/latest", "copilot-users-usage-metrics.200.json" },
        { "/enterprises/octo-ent/copilot/metrics/reports/user-teams-1-day?day={day}", "copilot-enterprise-user-teams-one-day-report.200.json" },
        { "/enterprises/octo-ent/copilot/metrics/reports/repos-1-day?day={day}", "copilot-enterprise-repos-one-day-report.200.json" },
    };

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task Every_report_answers_with_the_example_shape_and_at_least_two_ndjson_files_on_the_download_origin(string path, string example)
    {
        var r = await _api.GetAsync(path.Replace("{day}", Day(3)));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var body = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
        Assert.Equal(Keys(Repo.ExampleJson(example)), Keys(body));
        var links = body["download_links"]!.AsArray().Select(l => new Uri(l!.GetValue<string>())).ToList();
        Assert.True(links.Count >= 2);
        Assert.All(links, l => Assert.Equal(_sim.DownloadBaseUri.Authority, l.Authority));
        Assert.NotEqual(_sim.BaseUri.Authority, links[0].Authority);
        int records = 0;
        foreach (var link in links)
            foreach (string line in (await _blob.GetStringAsync(link)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var record = JsonNode.Parse(line)!.AsObject();
                Assert.True(record.ContainsKey("day"));
                Assert.True(record.ContainsKey(path.StartsWith("/orgs") ? "organization_id" : "enterprise_id"));
                records++;
            }
        Assert.True(records > 0);
    }

    [Fact]
    public async Task The_28_day_users_report_has_one_record_per_seated_user_and_day()
    {
        var body = JsonNode.Parse(await _api.GetStringAsync("/orgs/octo-org/copilot/metrics/reports/users-28-day/latest"))!;
        var lines = new List<JsonNode>();
        foreach (var link in body["download_links"]!.AsArray())
            lines.AddRange((await _blob.GetStringAsync(link!.GetValue<string>())).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!));
        Assert.Equal(40 * 28, lines.Count);
        Assert.Equal(28, lines.Select(l => l["day"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(body["report_end_day"]!.GetValue<string>(), lines.Max(l => l["day"]!.GetValue<string>()));
        var seats = _sim.State.OrgSeats("octo-org");
        Assert.Equal(seats.Select(s => s.Login).OrderBy(x => x), lines.Select(l => l["user_login"]!.GetValue<string>()).Distinct().OrderBy(x => x));
        foreach (var never in seats.Where(s => s.LastActivityAt is null))
            Assert.All(lines.Where(l => l["user_login"]!.GetValue<string>() == never.Login), l => Assert.Equal(0, l["user_initiated_interaction_count"]!.GetValue<int>()));
    }

    [Fact]
    public async Task An_authorization_header_on_the_download_origin_gets_401_and_is_recorded()
    {
        var body = JsonNode.Parse(await _api.GetStringAsync("/orgs/octo-org/copilot/metrics/reports/users-28-day/latest"))!;
        var request = new HttpRequestMessage(HttpMethod.Get, body["download_links"]![0]!.GetValue<string>());
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sim_leak");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _blob.SendAsync(request)).StatusCode);
        Assert.Equal(1, _sim.Downloads.AuthorizationSeen);
        Assert.True(_sim.Downloads.Snapshot().Single().HadAuthorization);
    }

    [Fact]
    public async Task A_tampered_or_expired_signature_gets_403_and_gzip_and_a_malformed_line_are_served_on_request()
    {
        var body = JsonNode.Parse(await _api.GetStringAsync("/orgs/octo-org/copilot/metrics/reports/users-28-day/latest"))!;
        string link = body["download_links"]![0]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Forbidden, (await _blob.GetAsync(link[..^3] + "xyz")).StatusCode);

        _sim.Faults = new FaultSettings { Usage = new UsageSettings { Gzip = true, MalformedLine = new MalformedLine { File = 1, Line = 2 }, LinkLifetimeSeconds = 0.2 } };
        body = JsonNode.Parse(await _api.GetStringAsync("/orgs/octo-org/copilot/metrics/reports/users-28-day/latest"))!;
        link = body["download_links"]![0]!.GetValue<string>();
        var r = await _blob.GetAsync(link);
        Assert.Equal("gzip", Assert.Single(r.Content.Headers.ContentEncoding));
        using (var z = new System.IO.Compression.GZipStream(await r.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress))
        using (var reader = new StreamReader(z))
        {
            string[] lines = (await reader.ReadToEndAsync()).Split('\n');
            JsonNode.Parse(lines[0]);
            Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonNode.Parse(lines[1]));
            JsonNode.Parse(lines[2]);
        }
        await Task.Delay(300);
        Assert.Equal(HttpStatusCode.Forbidden, (await _blob.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task Days_without_data_before_the_data_start_and_policy_off_answer_204_404_and_403()
    {
        _sim.Faults = new FaultSettings { Usage = new UsageSettings { NoDataDays = new[] { Day(6) }, PolicyOff = new[] { "octo-lab" } } };
        Assert.Equal(HttpStatusCode.NoContent, (await _api.GetAsync("/orgs/octo-org/copilot/metrics/reports/users-1-day?day=" + Day(6))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _api.GetAsync("/orgs/octo-org/copilot/metrics/reports/users-1-day?day=" + Day(0))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync("/orgs/octo-org/copilot/metrics/reports/users-1-day?day=2025-10-09")).StatusCode);
        var off = await _api.GetAsync("/orgs/octo-lab/copilot/metrics/reports/users-28-day/latest");
        Assert.Equal(HttpStatusCode.Forbidden, off.StatusCode);
        Assert.Contains("policy", JsonNode.Parse(await off.Content.ReadAsStringAsync())!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync("/orgs/octo-org/copilot/metrics/reports/users-28-day/latest")).StatusCode);
    }
}
