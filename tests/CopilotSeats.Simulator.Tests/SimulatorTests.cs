namespace CopilotSeats.Simulator.Tests;

/// <summary>The simulator over real HTTP, checked against GitHub's description and examples.</summary>
public class SimulatorTests : IAsyncLifetime
{
    private SimulatorHost _sim = null!;
    private HttpClient _http = null!;
    private HttpClient _bare = null!; // no default headers: each request says exactly what it sends
    private const string Canary = "ghp_SIMCANARY_0123456789";

    protected virtual SimulatorOptions Options => new() { Seats = 1234 };

    public async Task InitializeAsync()
    {
        _sim = await SimulatorHost.StartAsync(Options);
        _http = new HttpClient { BaseAddress = _sim.BaseUri };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("simulator-tests/1.0");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Canary);
        _bare = new HttpClient { BaseAddress = _sim.BaseUri };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _bare.Dispose();
        await _sim.DisposeAsync();
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, object? body = null, string? token = Canary, bool userAgent = true, string? version = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body != null) request.Content = JsonContent.Create(body);
        if (token != null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (version != null) request.Headers.TryAddWithoutValidation("X-GitHub-Api-Version", version);
        if (userAgent) request.Headers.UserAgent.ParseAdd("simulator-tests/1.0");
        return _bare.SendAsync(request);
    }

    private static async Task<JsonNode> Json(HttpResponseMessage r) => JsonNode.Parse(await r.Content.ReadAsStringAsync())!;

    /// <summary>Property names of every object, recursively (arrays by their first element).</summary>
    private static SortedSet<string> Keys(JsonNode? node, string prefix = "")
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        if (node is JsonObject o)
            foreach (var (k, v) in o) { keys.Add(prefix + k); keys.UnionWith(Keys(v, prefix + k + ".")); }
        else if (node is JsonArray a && a.Count > 0) keys.UnionWith(Keys(a[0], prefix + "[]."));
        return keys;
    }

    [Fact]
    public async Task Org_detail_has_the_example_shape()
    {
        var r = await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var body = await Json(r);
        Assert.Equal(Keys(Repo.ExampleJson("get-copilot-organization-details.200.json")), Keys(body));
        Assert.Equal(1234, (int)body["seat_breakdown"]!["total"]!);
        Assert.Equal("assign_selected", (string)body["seat_management_setting"]!);
        Assert.Equal(1, (int)body["seat_breakdown"]!["pending_invitation"]!);
    }

    [Fact]
    public async Task Seat_list_rows_have_the_example_shape()
    {
        var body = await Json(await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing/seats?per_page=100"));
        var example = Repo.ExampleJson("list-copilot-seats.200.json");
        var teamSeat = body["seats"]!.AsArray().First(s => s!["assigning_team"] != null)!;
        Assert.Equal(Keys(example["seats"]![0]), Keys(teamSeat));
        var directSeat = body["seats"]!.AsArray().First(s => s!["assigning_team"] is null)!;
        Assert.Equal(Keys(example["seats"]![0]).Where(k => !k.StartsWith("assigning_team")), Keys(directSeat));
        Assert.Equal(1234, (int)body["total_seats"]!);
        Assert.Equal(100, body["seats"]!.AsArray().Count);
        Assert.All(body["seats"]!.AsArray(), s => Assert.True(DateTimeOffset.TryParse((string)s!["created_at"]!, out _)));
    }

    [Fact]
    public async Task Enterprise_rows_carry_organization_and_enterprise_teams()
    {
        var body = await Json(await Send(HttpMethod.Get, "/enterprises/octo-ent/copilot/billing/seats?per_page=100&page=1"));
        var rows = new List<JsonNode>();
        for (int page = 1; ; page++)
        {
            var b = await Json(await Send(HttpMethod.Get, $"/enterprises/octo-ent/copilot/billing/seats?per_page=100&page={page}"));
            var seats = b["seats"]!.AsArray();
            if (seats.Count == 0) break;
            rows.AddRange(seats.Select(s => s!));
        }
        Assert.Contains(rows, r => r["organization"]?["login"]?.GetValue<string>() == "octo-lab");
        var entTeam = rows.First(r => r["assigning_team"]?["slug"]?.GetValue<string>() == "ent-team-1");
        Assert.Null(entTeam["organization"]);
        Assert.NotNull(entTeam["assigning_team"]!["group_id"] is null ? entTeam["assigning_team"]!["members_url"] : entTeam["assigning_team"]!["group_id"]);
        int distinct = rows.Select(r => (string)r["assignee"]!["login"]!).Distinct().Count();
        Assert.Equal(distinct, (int)body["total_seats"]!); // users with several grants count once
        Assert.True(rows.Count > distinct);
    }

    [Fact]
    public async Task Member_lookups_answer_one_seat_for_orgs_and_a_list_for_enterprises()
    {
        var org = await Json(await Send(HttpMethod.Get, "/orgs/octo-org/members/octocat/copilot"));
        Assert.Equal(Keys(Repo.ExampleJson("get-copilot-seat-details-for-user.200.json")).Where(k => !k.StartsWith("assigning_team")), Keys(org));
        Assert.Equal("octocat", (string)org["assignee"]!["login"]!);
        var ent = await Json(await Send(HttpMethod.Get, "/enterprises/octo-ent/members/octocat/copilot"));
        Assert.True(ent["seats"]!.AsArray().Count >= 2);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, "/orgs/octo-org/members/ghost-user/copilot")).StatusCode);
        var pending = await Send(HttpMethod.Get, "/orgs/octo-org/members/pending-invite/copilot");
        Assert.Equal((HttpStatusCode)422, pending.StatusCode);
    }

    [Fact]
    public async Task Paging_links_follow_github_format_and_pages_cover_every_seat_once()
    {
        var logins = new List<string>();
        string? next = "/orgs/octo-org/copilot/billing/seats?per_page=100";
        int pages = 0;
        while (next != null)
        {
            var r = await Send(HttpMethod.Get, next);
            pages++;
            logins.AddRange((await Json(r))["seats"]!.AsArray().Select(s => (string)s!["assignee"]!["login"]!));
            next = null;
            if (r.Headers.TryGetValues("Link", out var link))
            {
                string header = link.Single();
                var rels = header.Split(", ").Select(p => p.Split("; rel=")).ToDictionary(p => p[1].Trim('"'), p => p[0].Trim('<', '>'));
                if (pages == 1)
                {
                    Assert.Equal(new[] { "next", "last" }, rels.Keys);
                    Assert.EndsWith("per_page=100&page=13", rels["last"]);
                    Assert.StartsWith(_sim.BaseUri.ToString().TrimEnd('/') + "/orgs/octo-org/copilot/billing/seats?", rels["next"]);
                }
                if (rels.TryGetValue("next", out var n)) next = new Uri(n).PathAndQuery;
                else Assert.Equal(new[] { "prev", "first" }, rels.Keys);
            }
        }
        Assert.Equal(13, pages);
        Assert.Equal(1234, logins.Count);
        Assert.Equal(1234, logins.Distinct().Count());
    }

    [Theory]
    [InlineData("", 50)]
    [InlineData("?per_page=100", 100)]
    [InlineData("?per_page=500", 100)]
    [InlineData("?per_page=7", 7)]
    [InlineData("?per_page=100&page=99", 0)]
    public async Task Per_page_defaults_to_50_and_is_clamped_to_100(string query, int expected)
    {
        var body = await Json(await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing/seats" + query));
        Assert.Equal(expected, body["seats"]!.AsArray().Count);
        Assert.Equal(1234, (int)body["total_seats"]!);
    }

    [Fact]
    public async Task Auth_user_agent_versions_and_headers_behave_like_github()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing", token: null)).StatusCode);
        var bad = await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing", token: "sim_bad_1");
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Equal("Bad credentials", (string)(await Json(bad))["message"]!);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing", userAgent: false)).StatusCode);

        var ok = await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing", version: "2022-11-28");
        Assert.Equal("manage_billing:copilot, read:org", ok.Headers.GetValues("X-Accepted-OAuth-Scopes").Single());
        int first = int.Parse(ok.Headers.GetValues("x-ratelimit-remaining").Single());
        var again = await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing");
        Assert.Equal(first - 1, int.Parse(again.Headers.GetValues("x-ratelimit-remaining").Single()));

        var readOnly = await Send(HttpMethod.Delete, "/orgs/octo-org/copilot/billing/selected_users", new { selected_usernames = new[] { "user-0001" } }, token: "sim_readonly_1");
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        Assert.Equal("read:org, read:enterprise", readOnly.Headers.GetValues("X-OAuth-Scopes").Single());
        Assert.Equal("manage_billing:copilot, admin:org", readOnly.Headers.GetValues("X-Accepted-OAuth-Scopes").Single());
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing", token: "sim_noscope_1")).StatusCode);
    }

    [Fact]
    public async Task Completion_lists_answer_orgs_and_teams_as_paged_arrays()
    {
        var orgs = (await Json(await Send(HttpMethod.Get, "/user/orgs"))).AsArray().Select(o => (string)o!["login"]!).ToList();
        Assert.Equal(new[] { "octo-org", "octo-lab", "assign-all-org" }, orgs);

        var teams = (await Json(await Send(HttpMethod.Get, "/orgs/octo-org/teams"))).AsArray();
        Assert.Contains("team-1", teams.Select(t => (string)t!["slug"]!));
        Assert.All(teams, t => Assert.NotNull(t!["name"]));

        var page1 = await Send(HttpMethod.Get, "/orgs/octo-org/teams?per_page=1");
        Assert.Single((await Json(page1)).AsArray());
        Assert.Contains("rel=\"next\"", page1.Headers.GetValues("Link").Single());

        var entTeams = (await Json(await Send(HttpMethod.Get, "/enterprises/octo-ent/teams"))).AsArray().Select(t => (string)t!["slug"]!).ToList();
        Assert.Equal(new[] { "ent-team-1", "ent-team-2" }, entTeams);

        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, "/orgs/no-such-org/teams")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/user/orgs", token: null)).StatusCode);
    }

    [Theory]
    [InlineData("/orgs/no-such-org/copilot/billing")]
    [InlineData("/orgs/octo-org%2F..%2Fenterprises/copilot/billing")]
    [InlineData("/orgs/..%2Focto-org/copilot/billing")]
    [InlineData("/enterprises/no-such-ent/copilot/billing/seats")]
    public async Task Unknown_or_traversing_paths_are_not_found(string path)
    {
        var r = await Send(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Equal("Not Found", (string)(await Json(r))["message"]!);
    }

    [Fact]
    public async Task Mutations_change_state_and_answer_like_the_examples()
    {
        var add = await Send(HttpMethod.Post, "/orgs/octo-org/copilot/billing/selected_users", new { selected_usernames = new[] { "no-seat-1", "no-seat-2" } });
        Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        var added = await Json(add);
        Assert.Equal(Keys(Repo.ExampleJson("add-copilot-seats-for-users.201.json")), Keys(added));
        Assert.Equal(2, (int)added["seats_created"]!);
        Assert.NotNull(_sim.State.SeatFor("octo-org", "no-seat-1"));
        Assert.Equal(0, (int)(await Json(await Send(HttpMethod.Post, "/orgs/octo-org/copilot/billing/selected_users", new { selected_usernames = new[] { "no-seat-1" } })))["seats_created"]!);

        var del = await Send(HttpMethod.Delete, "/orgs/octo-org/copilot/billing/selected_users", new { selected_usernames = new[] { "no-seat-1" } });
        var cancelled = await Json(del);
        Assert.Equal(Keys(Repo.ExampleJson("cancel-copilot-seat-assignment-for-users.200.json")), Keys(cancelled));
        Assert.Equal(1, (int)cancelled["seats_cancelled"]!);
        Assert.Equal(1, (int)(await Json(await Send(HttpMethod.Post, "/orgs/octo-org/copilot/billing/selected_users", new { selected_usernames = new[] { "no-seat-1" } })))["seats_created"]!);

        var team = await Json(await Send(HttpMethod.Post, "/orgs/octo-org/copilot/billing/selected_teams", new { selected_teams = new[] { "team-2" } }));
        Assert.Equal(1, (int)team["seats_created"]!); // team-2 is no-seat-1..3: only no-seat-3 had no seat
    }

    [Fact]
    public async Task Team_and_enterprise_changes()
    {
        var team = await Json(await Send(HttpMethod.Post, "/orgs/octo-org/copilot/billing/selected_teams", new { selected_teams = new[] { "team-2" } }));
        Assert.Equal(3, (int)team["seats_created"]!);
        Assert.Equal("team-2", _sim.State.SeatFor("octo-org", "no-seat-3")!.Team);
        var removeTeam = await Json(await Send(HttpMethod.Delete, "/orgs/octo-org/copilot/billing/selected_teams", new { selected_teams = new[] { "team-1" } }));
        Assert.Equal(6, (int)removeTeam["seats_cancelled"]!);

        var entAdd = await Json(await Send(HttpMethod.Post, "/enterprises/octo-ent/copilot/billing/selected_enterprise_teams", new { selected_enterprise_teams = new[] { "ent-team-2" } }));
        Assert.Equal(4, (int)entAdd["seats_created"]!);
        var entUser = await Json(await Send(HttpMethod.Post, "/enterprises/octo-ent/copilot/billing/selected_users", new { selected_usernames = new[] { "ent-user-5" } }));
        Assert.Equal(1, (int)entUser["seats_created"]!);
        var entUserDel = await Json(await Send(HttpMethod.Delete, "/enterprises/octo-ent/copilot/billing/selected_users", new { selected_usernames = new[] { "ent-user-5" } }));
        Assert.Equal(1, (int)entUserDel["seats_cancelled"]!);
    }

    [Theory]
    [InlineData("/orgs/octo-org/copilot/billing/selected_users", "octocat", "team1-member-2", "assigned via team membership")]
    [InlineData("/enterprises/octo-ent/copilot/billing/selected_users", "octocat", "ent-user-1", "assigned via team membership")]
    [InlineData("/orgs/octo-org/copilot/billing/selected_users", "octocat", "no-seat-4", "no Copilot seat")]
    [InlineData("/enterprises/octo-ent/copilot/billing/selected_users", "octocat", "ent-user-6", "no Copilot seat")]
    public async Task A_cancel_naming_a_team_granted_or_seatless_user_is_refused_whole_and_applies_nothing(string path, string direct, string culprit, string cause)
    {
        int Pending() => _sim.State.EnterpriseRows("octo-ent").Count(s => s.PendingCancellationDate != null);
        if (path.StartsWith("/enterprises")) await Send(HttpMethod.Post, path, new { selected_usernames = new[] { direct } }); // the enterprise cancels only its own grant
        int before = Pending();
        var r = await Send(HttpMethod.Delete, path, new { selected_usernames = new[] { direct, culprit } });
        Assert.Equal((HttpStatusCode)422, r.StatusCode);
        var message = (string)(await Json(r))["message"]!;
        Assert.Contains(culprit, message);
        Assert.Contains(cause, message);
        Assert.DoesNotContain(direct, message);
        Assert.Equal(before, Pending()); // the direct grant listed first was not cancelled either

        // Without the refused name the same request goes through.
        var ok = await Json(await Send(HttpMethod.Delete, path, new { selected_usernames = new[] { direct } }));
        Assert.True((int)ok["seats_cancelled"]! >= 1);
        Assert.True(Pending() > before);
    }

    [Fact]
    public async Task Member_lookups_tell_team_grants_seatless_members_and_strangers_apart()
    {
        var team = await Json(await Send(HttpMethod.Get, "/orgs/octo-org/members/team1-member-1/copilot"));
        Assert.Equal("team-1", (string)team["assigning_team"]!["slug"]!);
        var direct = await Json(await Send(HttpMethod.Get, "/orgs/octo-org/members/user-0001/copilot"));
        Assert.Null(direct["assigning_team"]);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, "/orgs/octo-org/members/no-seat-4/copilot")).StatusCode);
        var ent = await Json(await Send(HttpMethod.Get, "/enterprises/octo-ent/members/ent-user-1/copilot"));
        Assert.All(ent["seats"]!.AsArray(), s => Assert.Equal("ent-team-1", (string)s!["assigning_team"]!["slug"]!));
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, "/enterprises/octo-ent/members/ent-user-6/copilot")).StatusCode);
    }

    [Theory]
    [InlineData("POST", "/orgs/assign-all-org/copilot/billing/selected_users", "selected_usernames", "user-0001", "assign_all")]
    [InlineData("DELETE", "/orgs/octo-org/copilot/billing/selected_users", "selected_usernames", "team1-member-1", "team")]
    [InlineData("POST", "/orgs/octo-org/copilot/billing/selected_teams", "selected_teams", "no-such-team", "could not be found")]
    [InlineData("POST", "/orgs/octo-org/copilot/billing/selected_users", "selected_usernames", "stranger", "not members")]
    [InlineData("DELETE", "/enterprises/octo-ent/copilot/billing/selected_enterprise_teams", "selected_enterprise_teams", "nope", "could not be found")]
    [InlineData("POST", "/orgs/octo-org/copilot/billing/selected_users", "wrong_field", "octocat", "Invalid request")]
    public async Task Documented_422_causes(string method, string path, string field, string name, string message)
    {
        var before = _sim.State.OrgSeats("octo-org").Count(s => s.PendingCancellationDate != null);
        var r = await Send(new HttpMethod(method), path, new Dictionary<string, string[]> { [field] = new[] { name } });
        Assert.Equal((HttpStatusCode)422, r.StatusCode);
        var body = await Json(r);
        Assert.Contains(message, (string)body["message"]!);
        Assert.NotNull(body["documentation_url"]);
        Assert.Equal(before, _sim.State.OrgSeats("octo-org").Count(s => s.PendingCancellationDate != null));
    }

    [Fact]
    public async Task Request_log_records_requests_but_never_the_token()
    {
        await Send(HttpMethod.Post, "/orgs/octo-org/copilot/billing/selected_users", new { selected_usernames = new[] { "no-seat-4" } });
        await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing/seats?per_page=3");
        var log = await _http.GetStringAsync("/_simulator/requests");
        Assert.DoesNotContain(Canary, log);
        Assert.DoesNotContain(Canary, JsonSerializer.Serialize(_sim.Log.Snapshot()));
        var entries = JsonNode.Parse(log)!.AsArray();
        Assert.Equal(2, entries.Count);
        Assert.Equal("POST", (string)entries[0]!["method"]!);
        Assert.Contains("no-seat-4", (string)entries[0]!["body"]!);
        Assert.Equal(201, (int)entries[0]!["status"]!);
        Assert.True((bool)entries[0]!["hadAuthorization"]!);
        Assert.Equal("per_page=3", (string)entries[1]!["query"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync("/_simulator/requests")).StatusCode);
        Assert.Empty(_sim.Log.Snapshot());
    }

    [Fact]
    public async Task Reset_restores_the_seed_and_can_resize_it()
    {
        await Send(HttpMethod.Post, "/orgs/octo-org/copilot/billing/selected_users", new { selected_usernames = new[] { "no-seat-4" } });
        Assert.Equal(1235, _sim.State.OrgSeats("octo-org").Count);
        Assert.Equal(HttpStatusCode.NoContent, (await _http.PostAsync("/_simulator/reset", null)).StatusCode);
        Assert.Equal(1234, _sim.State.OrgSeats("octo-org").Count);
        Assert.Empty(_sim.Log.Snapshot());
        await _http.PostAsync("/_simulator/reset", JsonContent.Create(new { seats = 42 }));
        Assert.Equal(42, _sim.State.OrgSeats("octo-org").Count);
        Assert.Equal(30, _sim.State.OrgSeats("octo-lab").Count);
    }

    [Fact]
    public void Seeded_state_is_deterministic_for_a_seed()
    {
        var a = new SimulatorState(new SimulatorOptions { Seed = 7, Now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) });
        var b = new SimulatorState(new SimulatorOptions { Seed = 7, Now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) });
        var c = new SimulatorState(new SimulatorOptions { Seed = 8, Now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) });
        string Dump(SimulatorState s) => string.Join(";", s.OrgSeats("octo-org").Select(x => $"{x.Login}|{x.CreatedAt:O}|{x.LastActivityAt:O}"));
        Assert.Equal(Dump(a), Dump(b));
        Assert.NotEqual(Dump(a), Dump(c));
        Assert.Contains(a.OrgSeats("octo-org"), s => s.LastActivityAt < new DateTimeOffset(2025, 11, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Faults_are_settable_over_http_and_counted_down()
    {
        var put = await _http.PutAsync("/_simulator/faults", JsonContent.Create(new
        {
            rateLimit = new { kind = "retry-after-429", times = 2, retryAfterSeconds = 3 },
            script = new[] { new { method = "GET", pathContains = "billing", status = 503, times = 1 } },
        }));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("retry-after-429", (string)JsonNode.Parse(await _http.GetStringAsync("/_simulator/faults"))!["rateLimit"]!["kind"]!);
        var r1 = await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing");
        Assert.Equal((HttpStatusCode)429, r1.StatusCode);
        Assert.Equal("3", r1.Headers.GetValues("retry-after").Single());
        Assert.Contains("secondary rate limit", (string)(await Json(r1))["message"]!);
        Assert.Equal((HttpStatusCode)429, (await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing")).StatusCode);
        Assert.Equal(new[] { "retry-after-429", "retry-after-429", "script 503", null }, _sim.Log.Snapshot().Select(e => e.Fault));
    }

    [Theory]
    [InlineData("retry-after-403", 403, true, false)]
    [InlineData("secondary-403", 403, false, false)]
    [InlineData("secondary-429", 429, false, false)]
    [InlineData("primary", 403, false, true)]
    public async Task Rate_limit_kinds_answer_like_github(string kind, int status, bool retryAfter, bool primary)
    {
        _sim.Faults = new FaultSettings { RateLimit = new RateLimitFault { Kind = kind, Times = 1, RetryAfterSeconds = 5, ResetInSeconds = 120 } };
        var r = await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing/seats");
        Assert.Equal(status, (int)r.StatusCode);
        Assert.Equal(retryAfter, r.Headers.Contains("retry-after"));
        string remaining = r.Headers.GetValues("x-ratelimit-remaining").Single();
        if (primary) Assert.Equal("0", remaining);
        else
        {
            Assert.NotEqual("0", remaining);
            Assert.Contains("secondary rate limit", (string)(await Json(r))["message"]!);
        }
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing/seats")).StatusCode);
    }

    [Fact]
    public async Task Dropped_connections_and_mid_body_drops_break_the_response()
    {
        _sim.Faults = new FaultSettings { DropRate = 1 };
        await Assert.ThrowsAsync<HttpRequestException>(() => _http.GetStringAsync("/orgs/octo-org/copilot/billing/seats"));
        _sim.Faults = new FaultSettings { DropMidBodyRate = 1 };
        var ex = await Record.ExceptionAsync(async () =>
        {
            using var r = await _http.GetAsync("/orgs/octo-org/copilot/billing/seats", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            await r.Content.ReadAsByteArrayAsync();
        });
        Assert.NotNull(ex);
        _sim.Faults = new FaultSettings();
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing/seats")).StatusCode);
    }

    [Fact]
    public async Task Random_errors_use_the_configured_statuses_and_rate()
    {
        _sim.Faults = new FaultSettings { ErrorRate = 0.5, ErrorStatuses = new[] { 504 } };
        var statuses = new List<int>();
        for (int i = 0; i < 200; i++) statuses.Add((int)(await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing")).StatusCode);
        Assert.All(statuses, s => Assert.True(s is 200 or 504));
        Assert.InRange(statuses.Count(s => s == 504), 60, 140);
    }

    [Fact]
    public async Task Latency_is_injected_and_limits_are_enforced()
    {
        _sim.Faults = new FaultSettings { LatencyMs = 150 };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing");
        Assert.True(watch.ElapsedMilliseconds >= 140);

        _sim.Reset();
        _sim.Faults = new FaultSettings { EnforcePointsPerMinute = 10 };
        var results = new List<int>();
        for (int i = 0; i < 12; i++) results.Add((int)(await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing")).StatusCode);
        Assert.Equal(10, results.Count(s => s == 200));
        Assert.Equal(2, results.Count(s => s == 403));
        // Another endpoint has its own window; a POST costs 5 points.
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing/seats")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Send(HttpMethod.Post, "/orgs/octo-org/copilot/billing/selected_users", new { selected_usernames = new[] { "no-seat-9" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Send(HttpMethod.Post, "/orgs/octo-org/copilot/billing/selected_users", new { selected_usernames = new[] { "no-seat-9" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Post, "/orgs/octo-org/copilot/billing/selected_users", new { selected_usernames = new[] { "no-seat-9" } })).StatusCode);

        _sim.Reset();
        _sim.Faults = new FaultSettings { EnforceConcurrency = 2, LatencyMs = 300 };
        var parallel = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing")));
        Assert.Contains(parallel, r => r.StatusCode == HttpStatusCode.Forbidden && r.Headers.GetValues("retry-after").Single() == "60");
        var stats = JsonNode.Parse(await _http.GetStringAsync("/_simulator/stats"))!;
        Assert.True((int)stats["maxConcurrent"]! >= 3);
        Assert.True(stats["maxPointsPerMinute"]!["GET /orgs/{org}/copilot/billing"] != null);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5055")]
    [InlineData("http://10.1.2.3:5055")]
    [InlineData("http://example.com:5055")]
    public void Non_loopback_urls_are_refused(string url) => Assert.Throws<ArgumentException>(() => SimulatorHost.EnsureLoopback(url));

    [Theory]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://localhost:5055")]
    [InlineData("http://[::1]:5055")]
    public void Loopback_urls_are_accepted(string url) => SimulatorHost.EnsureLoopback(url);
}

public class SimulatorOptionsTests
{
    [Fact]
    public async Task Organizations_and_enterprise_can_be_renamed()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Organization = "acme", LabOrganization = "acme-lab", Enterprise = "acme-ent", Seats = 12, LabSeats = 3 });
        Assert.Equal(12, sim.State.OrgSeats("acme").Count);
        Assert.Equal(3, sim.State.OrgSeats("acme-lab").Count);
        Assert.Empty(sim.State.OrgSeats("octo-org"));
        Assert.Equal(12 + 3 + 5 + 4, sim.State.EnterpriseRows("acme-ent").Count);
        using var http = new HttpClient { BaseAddress = sim.BaseUri };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("t/1");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sim_x");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/orgs/acme/copilot/billing")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/orgs/octo-org/copilot/billing")).StatusCode);
    }

    [Fact]
    public async Task Command_line_starts_a_loopback_server_with_faults_and_stops_on_sigterm()
    {
        string dll = typeof(SimulatorHost).Assembly.Location;
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { dll, "--urls", "http://127.0.0.1:0", "--seats", "7", "--org", "cli-org", "--rate-limit", "retry-after-429:1:2" })
            psi.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(psi)!;
        try
        {
            string? line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.NotNull(line);
            var match = System.Text.RegularExpressions.Regex.Match(line!, @"^CopilotSeats\.Simulator listening on (http://127\.0\.0\.1:\d+)$");
            Assert.True(match.Success, line);
            using var http = new HttpClient { BaseAddress = new Uri(match.Groups[1].Value) };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("t/1");
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sim_x");
            var limited = await http.GetAsync("/orgs/cli-org/copilot/billing/seats");
            Assert.Equal((HttpStatusCode)429, limited.StatusCode);
            Assert.Equal("2", limited.Headers.GetValues("retry-after").Single());
            var ok = JsonNode.Parse(await http.GetStringAsync("/orgs/cli-org/copilot/billing/seats"))!;
            Assert.Equal(7, (int)ok["total_seats"]!);
            if (!OperatingSystem.IsWindows())
            {
                System.Diagnostics.Process.Start("kill", new[] { "-TERM", process.Id.ToString() })!.WaitForExit();
                Assert.True(process.WaitForExit(10_000), "the simulator did not stop on SIGTERM");
                Assert.Equal(0, process.ExitCode);
            }
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    [Theory]
    [InlineData("--urls", "http://10.0.0.1:5055")]
    [InlineData("--rate-limit", "sometimes")]
    [InlineData("--bogus", "1")]
    public void Command_line_refuses_bad_options(string option, string value)
    {
        string dll = typeof(SimulatorHost).Assembly.Location;
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { dll, option, value }) psi.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(psi)!;
        string error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(30_000));
        Assert.Equal(2, process.ExitCode);
        Assert.StartsWith("CopilotSeats.Simulator:", error);
    }
}
