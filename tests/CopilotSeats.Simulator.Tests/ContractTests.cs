namespace CopilotSeats.Simulator.Tests;

/// <summary>Contract details beyond the basic shapes: headers on every answer, body errors, fault races, log hygiene.</summary>
public class ContractTests : IAsyncLifetime
{
    private SimulatorHost _sim = null!;
    private HttpClient _http = null!;
    private const string Canary = "ghp_CONTRACTCANARY_9876543210";

    public async Task InitializeAsync()
    {
        _sim = await SimulatorHost.StartAsync(new SimulatorOptions());
        _http = new HttpClient { BaseAddress = _sim.BaseUri };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("contract-tests/1.0");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Canary);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sim.DisposeAsync();
    }

    private Task<HttpResponseMessage> Raw(HttpMethod method, string path, string? json)
    {
        var request = new HttpRequestMessage(method, path);
        if (json != null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return _http.SendAsync(request);
    }

    private static async Task<JsonNode> Json(HttpResponseMessage r) => JsonNode.Parse(await r.Content.ReadAsStringAsync())!;

    [Fact]
    public async Task Every_api_answer_carries_scope_rate_limit_and_request_id_headers()
    {
        using var anonymous = new HttpClient { BaseAddress = _sim.BaseUri };
        anonymous.DefaultRequestHeaders.UserAgent.ParseAdd("contract-tests/1.0");
        _sim.Faults = new FaultSettings { RateLimit = new RateLimitFault { Kind = "secondary-403", Times = 1 } };
        var answers = new[]
        {
            await _http.GetAsync("/orgs/octo-org/copilot/billing/seats"), // rate-limited
            await anonymous.GetAsync("/orgs/octo-org/copilot/billing"), // 401
            await _http.GetAsync("/orgs/octo-org/copilot/billing/nope"), // 404
            await _http.GetAsync("/orgs/octo-org/copilot/billing"), // 200
        };
        Assert.Equal(new[] { 403, 401, 404, 200 }, answers.Select(a => (int)a.StatusCode));
        foreach (var a in answers)
            foreach (string h in new[] { "X-OAuth-Scopes", "X-Accepted-OAuth-Scopes", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-used", "x-ratelimit-reset", "x-ratelimit-resource", "X-GitHub-Request-Id" })
                Assert.True(a.Headers.Contains(h), $"{(int)a.StatusCode} lacks {h}");
        Assert.Equal("manage_billing:copilot, read:org", answers[0].Headers.GetValues("X-Accepted-OAuth-Scopes").Single());
        Assert.Equal("admin:org, manage_billing:copilot, read:enterprise", answers[0].Headers.GetValues("X-OAuth-Scopes").Single());
        Assert.Equal("", answers[1].Headers.GetValues("X-OAuth-Scopes").Single());
        Assert.Equal("60", answers[1].Headers.GetValues("x-ratelimit-limit").Single());
        Assert.Equal("5000", answers[3].Headers.GetValues("x-ratelimit-limit").Single());
    }

    [Theory]
    [InlineData("/orgs/octo-org/copilot/billing/selected_users", "manage_billing:copilot, admin:org")]
    [InlineData("/orgs/octo-org/copilot/billing/selected_teams", "manage_billing:copilot, admin:org")]
    [InlineData("/enterprises/octo-ent/copilot/billing/selected_users", "manage_billing:copilot, admin:enterprise")]
    [InlineData("/enterprises/octo-ent/copilot/billing/selected_enterprise_teams", "manage_billing:copilot, admin:enterprise")]
    public async Task Read_only_tokens_get_403_on_every_mutation(string path, string accepted)
    {
        int pendingBefore = _sim.State.OrgSeats("octo-org").Count(s => s.PendingCancellationDate != null);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { selected_usernames = new[] { "octocat" } }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sim_readonly_x");
        var r = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Equal(accepted, r.Headers.GetValues("X-Accepted-OAuth-Scopes").Single());
        Assert.Equal("Resource not accessible by personal access token", (string)(await Json(r))["message"]!);
        Assert.Equal(pendingBefore, _sim.State.OrgSeats("octo-org").Count(s => s.PendingCancellationDate != null)); // nothing changed
    }

    [Theory]
    [InlineData("/enterprises/octo-ent/copilot/billing/seats")]
    [InlineData("/enterprises/octo-ent/members/octocat/copilot")]
    [InlineData("/orgs/octo-org/members/octocat/copilot")]
    public async Task Read_only_tokens_can_read(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("token", "sim_readonly_x");
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("{not json", 400, "Problems parsing JSON")]
    [InlineData("{\"selected_usernames\":[]}", 422, "Invalid request")]
    [InlineData("{\"selected_usernames\":\"octocat\"}", 422, "Invalid request")]
    [InlineData("{\"selected_usernames\":[1]}", 422, "Invalid request")]
    [InlineData(null, 422, "Invalid request")]
    public async Task Bad_bodies_answer_400_or_422(string? json, int status, string message)
    {
        var r = await Raw(HttpMethod.Post, "/orgs/octo-org/copilot/billing/selected_users", json);
        Assert.Equal(status, (int)r.StatusCode);
        var body = await Json(r);
        Assert.Contains(message, (string)body["message"]!);
        Assert.Equal(status.ToString(), (string)body["status"]!);
        Assert.Equal(120, _sim.State.OrgSeats("octo-org").Count);
    }

    [Fact]
    public async Task Cancelling_twice_counts_once_and_enterprise_cancel_leaves_org_grants_alone()
    {
        var first = await Json(await Raw(HttpMethod.Delete, "/orgs/octo-org/copilot/billing/selected_users", "{\"selected_usernames\":[\"user-0003\"]}"));
        var second = await Json(await Raw(HttpMethod.Delete, "/orgs/octo-org/copilot/billing/selected_users", "{\"selected_usernames\":[\"user-0003\"]}"));
        Assert.Equal((1, 0), ((int)first["seats_cancelled"]!, (int)second["seats_cancelled"]!));
        // user-0003 is direct in octo-lab and in assign-all-org: organization grants, which the enterprise cancel leaves (documented).
        var ent = await Json(await Raw(HttpMethod.Delete, "/enterprises/octo-ent/copilot/billing/selected_users", "{\"selected_usernames\":[\"user-0003\"]}"));
        Assert.Equal(0, (int)ent["seats_cancelled"]!);
        Assert.Null(_sim.State.SeatFor("assign-all-org", "user-0003")!.PendingCancellationDate);
        Assert.Null(_sim.State.SeatFor("octo-lab", "user-0003")!.PendingCancellationDate);
        // Still listed, with the date.
        var rows = _sim.State.EnterpriseRows("octo-ent").Where(s => s.Login == "user-0003").ToList();
        Assert.Equal(3, rows.Count);
    }

    [Fact]
    public async Task Enterprise_team_seats_reactivate_and_cancel()
    {
        var del = await Raw(HttpMethod.Delete, "/enterprises/octo-ent/copilot/billing/selected_enterprise_teams", "{\"selected_enterprise_teams\":[\"ent-team-1\"]}");
        Assert.Equal(HttpStatusCode.OK, del.StatusCode);
        Assert.Equal(4, (int)(await Json(del))["seats_cancelled"]!);
        var again = await Json(await Raw(HttpMethod.Delete, "/enterprises/octo-ent/copilot/billing/selected_enterprise_teams", "{\"selected_enterprise_teams\":[\"ent-team-1\"]}"));
        Assert.Equal(0, (int)again["seats_cancelled"]!);
        var add = await Raw(HttpMethod.Post, "/enterprises/octo-ent/copilot/billing/selected_enterprise_teams", "{\"selected_enterprise_teams\":[\"ent-team-1\"]}");
        Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        Assert.Equal(4, (int)(await Json(add))["seats_created"]!);
        Assert.All(_sim.State.EnterpriseRows("octo-ent").Where(s => s.Team == "ent-team-1"), s => Assert.Null(s.PendingCancellationDate));

        var member = await Json(await _http.GetAsync("/enterprises/octo-ent/members/ent-user-1/copilot"));
        Assert.Equal(1, (int)member["total_seats"]!);
        var row = member["seats"]!.AsArray().Single()!;
        Assert.Equal("ent-team-1", (string)row["assigning_team"]!["slug"]!);
        Assert.Null(row["organization"]);
        Assert.Equal("enterprise", (string)row["plan_type"]!);
    }

    [Fact]
    public async Task Urls_in_bodies_point_at_the_simulator_host()
    {
        string root = _sim.BaseUri.ToString().TrimEnd('/');
        var seat = await Json(await _http.GetAsync("/orgs/octo-org/members/octocat/copilot"));
        Assert.Equal(root + "/users/octocat", (string)seat["assignee"]!["url"]!);
        Assert.Equal(root + "/users/octocat/following{/other_user}", (string)seat["assignee"]!["following_url"]!);
        var teamSeat = await Json(await _http.GetAsync("/orgs/octo-org/members/team1-member-1/copilot"));
        Assert.StartsWith(root + "/teams/", (string)teamSeat["assigning_team"]!["url"]!);
        Assert.Equal("team-1", (string)teamSeat["assigning_team"]!["slug"]!);
        var ent = await Json(await _http.GetAsync("/enterprises/octo-ent/copilot/billing/seats?per_page=1"));
        Assert.Equal(root + "/orgs/octo-org", (string)ent["seats"]![0]!["organization"]!["url"]!);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$", (string)seat["created_at"]!);
    }

    [Fact]
    public async Task Link_header_on_a_middle_page_lists_all_four_relations_in_github_order()
    {
        var r = await _http.GetAsync("/orgs/octo-org/copilot/billing/seats?per_page=7&page=3");
        string root = _sim.BaseUri.ToString().TrimEnd('/') + "/orgs/octo-org/copilot/billing/seats";
        Assert.Equal(
            $"<{root}?per_page=7&page=2>; rel=\"prev\", <{root}?per_page=7&page=4>; rel=\"next\", <{root}?per_page=7&page=18>; rel=\"last\", <{root}?per_page=7&page=1>; rel=\"first\"",
            r.Headers.GetValues("Link").Single());
        var single = await _http.GetAsync("/orgs/assign-all-org/copilot/billing/seats");
        Assert.False(single.Headers.Contains("Link"));
    }

    [Fact]
    public async Task Credential_query_parameters_are_redacted_in_the_log()
    {
        await _http.GetAsync($"/orgs/octo-org/copilot/billing/seats?per_page=2&access_token={Canary}");
        string log = await _http.GetStringAsync("/_simulator/requests");
        Assert.DoesNotContain(Canary, log);
        Assert.Contains("access_token=[REDACTED]", (string)JsonNode.Parse(log)!.AsArray().Single()!["query"]!);
        await _http.GetAsync("/orgs/octo-org/copilot/billing/seats?per_page=2&page=3");
        Assert.Equal("per_page=2&page=3", _sim.Log.Snapshot()[^1].Query);
    }

    [Fact]
    public async Task Replacing_faults_while_requests_wait_is_safe()
    {
        _sim.Faults = new FaultSettings
        {
            LatencyMs = 50,
            Script = Enumerable.Range(0, 5).Select(_ => new ScriptedFault { PathContains = "nothing-matches", Status = 500 }).ToArray(),
        };
        var requests = Enumerable.Range(0, 20).Select(_ => _http.GetAsync("/orgs/octo-org/copilot/billing")).ToList();
        await Task.Delay(20);
        _sim.Faults = new FaultSettings(); // shorter script while 20 requests sit in their latency
        var answers = await Task.WhenAll(requests);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
    }

    [Fact]
    public async Task Concurrency_limit_refuses_the_excess_on_arrival()
    {
        _sim.Faults = new FaultSettings { EnforceConcurrency = 2, LatencyMs = 4000 };
        var first = new[] { _http.GetAsync("/orgs/octo-org/copilot/billing"), _http.GetAsync("/orgs/octo-org/copilot/billing") };
        // Wait until both sit in their latency (a cold process or a loaded machine may take a while to get there).
        var arrival = System.Diagnostics.Stopwatch.StartNew();
        while (_sim.InFlight < 2 && arrival.ElapsedMilliseconds < 3000) await Task.Delay(10);
        Assert.Equal(2, _sim.InFlight);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var third = await _http.GetAsync("/orgs/octo-org/copilot/billing");
        Assert.Equal(HttpStatusCode.Forbidden, third.StatusCode);
        Assert.True(watch.ElapsedMilliseconds < 2000, $"refused without waiting out the latency (took {watch.ElapsedMilliseconds} ms)");
        Assert.Equal("60", third.Headers.GetValues("retry-after").Single());
        Assert.Contains("secondary rate limit", (string)(await Json(third))["message"]!);
        Assert.All(await Task.WhenAll(first), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal("concurrency limit", _sim.Log.Snapshot().Single(e => e.Status == 403).Fault);
    }

    [Theory]
    [InlineData(404, "Not Found")]
    [InlineData(422, "Validation Failed")]
    [InlineData(500, "Server Error")]
    [InlineData(502, "Bad Gateway")]
    public async Task Scripted_statuses_use_github_messages_and_stop_after_times(int status, string message)
    {
        _sim.Faults = new FaultSettings { Script = new[] { new ScriptedFault { Method = "GET", PathContains = "/seats", Status = status, Times = 2 } } };
        for (int i = 0; i < 2; i++)
        {
            var r = await _http.GetAsync("/orgs/octo-org/copilot/billing/seats");
            Assert.Equal(status, (int)r.StatusCode);
            Assert.Equal(message, (string)(await Json(r))["message"]!);
        }
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/orgs/octo-org/copilot/billing")).StatusCode); // other path: untouched
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/orgs/octo-org/copilot/billing/seats")).StatusCode);
        Assert.Equal(new[] { $"script {status}", $"script {status}", null, null }, _sim.Log.Snapshot().Select(e => e.Fault));
    }

    [Fact]
    public async Task Scripted_fault_with_query_contains_answers_only_that_page()
    {
        _sim.Faults = new FaultSettings { Script = new[] { new ScriptedFault { PathContains = "/seats", QueryContains = "page=2", Status = 404, Times = 5 } } };
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/orgs/octo-org/copilot/billing/seats?per_page=50&page=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/orgs/octo-org/copilot/billing/seats?per_page=50&page=2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/orgs/octo-org/copilot/billing/seats")).StatusCode);
    }

    [Fact]
    public async Task Scripted_status_zero_drops_the_connection_and_is_logged()
    {
        _sim.Faults = new FaultSettings { Script = new[] { new ScriptedFault { Method = "POST", Status = 0, Times = 1 } } };
        await Assert.ThrowsAsync<HttpRequestException>(() => Raw(HttpMethod.Post, "/orgs/octo-org/copilot/billing/selected_users", "{\"selected_usernames\":[\"no-seat-1\"]}"));
        Assert.Null(_sim.State.SeatFor("octo-org", "no-seat-1")); // dropped before any change
        var entry = _sim.Log.Snapshot().Single();
        Assert.Equal(("drop", 0), (entry.Fault, entry.Status));
    }

    [Fact]
    public async Task Stats_count_points_per_route_template()
    {
        for (int i = 0; i < 3; i++) await _http.GetAsync($"/orgs/octo-org/members/user-000{i + 1}/copilot");
        await Raw(HttpMethod.Post, "/orgs/octo-org/copilot/billing/selected_users", "{\"selected_usernames\":[\"no-seat-1\"]}");
        await Raw(HttpMethod.Delete, "/orgs/octo-org/copilot/billing/selected_users", "{\"selected_usernames\":[\"no-seat-1\"]}");
        var stats = _sim.Stats();
        Assert.Equal(5, stats.TotalRequests);
        Assert.Equal(3, stats.MaxPointsPerMinute["GET /orgs/{org}/members/{username}/copilot"]);
        Assert.Equal(5, stats.MaxPointsPerMinute["POST /orgs/{org}/copilot/billing/selected_users"]);
        Assert.Equal(5, stats.MaxPointsPerMinute["DELETE /orgs/{org}/copilot/billing/selected_users"]);
        var json = JsonNode.Parse(await _http.GetStringAsync("/_simulator/stats"))!;
        Assert.Equal(5, (int)json["totalRequests"]!);
        Assert.True((int)json["maxConcurrent"]! >= 1);
    }

    [Fact]
    public async Task Every_org_has_the_team_slugs()
    {
        Assert.Equal(5, _sim.State.Orgs["octo-lab"].Teams.Count);
        var r = await Raw(HttpMethod.Post, "/orgs/octo-lab/copilot/billing/selected_teams", "{\"selected_teams\":[\"team-5\"]}");
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        Assert.Equal(0, (int)(await Json(r))["seats_created"]!); // no members
        var all = await Raw(HttpMethod.Post, "/orgs/assign-all-org/copilot/billing/selected_teams", "{\"selected_teams\":[\"team-1\"]}");
        Assert.Equal(422, (int)all.StatusCode);
        Assert.Contains("assign_all", (string)(await Json(all))["message"]!);
    }

    [Fact]
    public async Task Localhost_with_a_dynamic_port_binds_loopback()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Seats = 3 }, "http://localhost:0");
        Assert.Equal("127.0.0.1", sim.BaseUri.Host);
        Assert.NotEqual(0, sim.BaseUri.Port);
        Assert.Equal("", sim.BaseUri.AbsolutePath.TrimEnd('/'));
    }
}
