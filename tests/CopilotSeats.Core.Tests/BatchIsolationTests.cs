using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CopilotSeats.Core.Tests;

/// <summary>
/// A 422 to a batch of users is narrowed to the names GitHub refuses, through the real client and
/// engine against a small fake of GitHub's seat endpoints.
/// </summary>
public class BatchIsolationTests
{
    private static readonly SeatScope Org = SeatScope.ForOrganization("octo-org");
    private static readonly SeatScope Ent = SeatScope.ForEnterprise("octo-ent");

    /// <summary>GitHub's seat endpoints for one org or enterprise: DELETE/POST selected_users and the member lookup.</summary>
    private sealed class FakeGitHub
    {
        /// <summary>login -> grants (team or null for direct; organization for enterprise rows; pending).</summary>
        public Dictionary<string, List<(string? Team, string? Org, bool Pending)>> Seats { get; } = new(StringComparer.OrdinalIgnoreCase);
        public HashSet<string> Members { get; } = new(StringComparer.OrdinalIgnoreCase);
        public bool AlwaysRefuse { get; set; }
        public int LookupFailures { get; set; }
        public ConcurrentQueue<string[]> Sent { get; } = new();
        public int Lookups;

        public FakeGitHub Direct(params string[] logins) { foreach (var l in logins) Seats[l] = new() { (null, "octo-org", false) }; return this; }
        public FakeGitHub ViaTeam(string team, params string[] logins) { foreach (var l in logins) Seats[l] = new() { (team, "octo-org", false) }; return this; }

        public HttpResponseMessage Answer(HttpRequestMessage request, string? body)
        {
            string path = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Get && path.Contains("/members/"))
            {
                Interlocked.Increment(ref Lookups);
                if (LookupFailures > 0 && Interlocked.Decrement(ref _lookupFailuresLeft) >= 0) return ScriptedHandler.Json(HttpStatusCode.BadGateway, "{\"message\":\"Bad Gateway\"}");
                string login = Uri.UnescapeDataString(path.Split('/')[^2]);
                if (!Seats.TryGetValue(login, out var grants) || grants.Count == 0) return ScriptedHandler.Json(HttpStatusCode.NotFound, "{\"message\":\"Not Found\"}");
                var rows = grants.Select(g => SeatJson(login, g)).ToArray();
                return ScriptedHandler.Json(HttpStatusCode.OK, path.StartsWith("/enterprises/")
                    ? new JsonObject { ["total_seats"] = 1, ["seats"] = new JsonArray(rows) }.ToJsonString()
                    : rows[0].ToJsonString());
            }
            string[] names = JsonNode.Parse(body!)!["selected_usernames"]!.AsArray().Select(n => (string)n!).ToArray();
            Sent.Enqueue(names);
            bool add = request.Method == HttpMethod.Post;
            if (AlwaysRefuse) return Refuse("Copilot Business is not enabled for this organization.");
            if (add)
            {
                var strangers = names.Where(n => !Members.Contains(n) && !Seats.ContainsKey(n)).ToList();
                if (strangers.Count > 0) return Refuse("The following users are not members of the organization: " + string.Join(", ", strangers));
                return ScriptedHandler.Json(HttpStatusCode.Created, $"{{\"seats_created\":{names.Count(n => !Seats.ContainsKey(n))}}}");
            }
            var teamOnly = names.Where(n => !Seats.TryGetValue(n, out var g) || g.All(x => x.Team != null)).ToList();
            if (teamOnly.Count > 0) return Refuse($"Cannot cancel the Copilot seat of {string.Join(", ", teamOnly)}: the seat is assigned via team membership.");
            // A cancel reaches a direct grant of the org; at an enterprise only its own (no org): it becomes pending.
            int cancelled = 0;
            foreach (var g in names.Select(n => Seats.TryGetValue(n, out var g) ? g : new()))
                for (int i = 0; i < g.Count; i++)
                    if (g[i].Team == null && !g[i].Pending && (g[i].Org == null || path.StartsWith("/orgs/"))) { g[i] = (null, g[i].Org, true); cancelled++; }
            return ScriptedHandler.Json(HttpStatusCode.OK, $"{{\"seats_cancelled\":{cancelled}}}");
        }

        private int _lookupFailuresLeft;
        public FakeGitHub FailLookups(int count) { LookupFailures = count; _lookupFailuresLeft = count; return this; }

        private static HttpResponseMessage Refuse(string message) =>
            ScriptedHandler.Json((HttpStatusCode)422, JsonSerializer.Serialize(new { message, documentation_url = "https://docs.github.com/rest" }));

        private static JsonObject SeatJson(string login, (string? Team, string? Org, bool Pending) g)
        {
            var seat = new JsonObject
            {
                ["created_at"] = "2025-01-01T00:00:00Z",
                ["pending_cancellation_date"] = g.Pending ? "2026-12-01" : null,
                ["assignee"] = new JsonObject { ["login"] = login, ["id"] = 1, ["type"] = "User" },
            };
            if (g.Team != null) seat["assigning_team"] = new JsonObject { ["slug"] = g.Team, ["name"] = g.Team };
            if (g.Org != null) seat["organization"] = new JsonObject { ["login"] = g.Org, ["id"] = 1 };
            return seat;
        }
    }

    private static (CopilotClient Client, ScriptedHandler Handler, FakeClock Clock, List<string> Verbose) Connect(FakeGitHub github, CopilotClientOptions? options = null)
    {
        var verbose = new List<string>();
        options ??= new CopilotClientOptions();
        var clock = new FakeClock();
        options.Clock = clock;
        options.Verbose = m => { lock (verbose) verbose.Add(m); };
        var handler = new ScriptedHandler(async (request, _) =>
            github.Answer(request, request.Content is null ? null : await request.Content.ReadAsStringAsync()));
        return (Clients.ForHandler(handler, options), handler, clock, verbose);
    }

    private static string[] Ids(BatchOutcome o) => o.Errors.Select(e => $"{e.Error.ErrorId}:{e.Target}").ToArray();

    [Fact]
    public async Task A_batch_GitHub_accepts_is_sent_once_and_nothing_is_looked_up()
    {
        var github = new FakeGitHub().Direct("a", "b");
        var (client, _, _, _) = Connect(github);
        var outcome = await client.ChangeSeatsIsolatedAsync(Org, SeatAction.Remove, AssigneeKind.User, new[] { "a", "b" }, default);
        Assert.Equal(2, Assert.Single(outcome.Changes).SeatsChanged);
        Assert.Empty(outcome.Errors);
        Assert.Single(github.Sent);
        Assert.Equal(0, github.Lookups);
    }

    [Fact]
    public async Task One_culprit_gets_one_TeamAssigned_error_and_the_rest_is_sent_again()
    {
        var github = new FakeGitHub().Direct("a", "b", "c").ViaTeam("team-1", "t1");
        var (client, _, _, verbose) = Connect(github);
        var outcome = await client.ChangeSeatsIsolatedAsync(Org, SeatAction.Remove, AssigneeKind.User, new[] { "a", "t1", "b", "c" }, default);

        Assert.Equal(new[] { "CopilotSeats.TeamAssigned:t1" }, Ids(outcome));
        var error = outcome.Errors[0].Error;
        Assert.Equal(CopilotErrorCategory.InvalidOperation, error.Category);
        Assert.Equal("t1", error.TargetObject);
        Assert.Contains("'team-1'", error.Message);
        Assert.Equal("Remove-CopilotTeam -Organization octo-org -TeamName team-1", error.RecommendedAction);
        var change = Assert.Single(outcome.Changes);
        Assert.Equal(new[] { "a", "b", "c" }, change.Requested);
        Assert.Equal(3, change.SeatsChanged);
        Assert.Equal(new[] { "a,t1,b,c", "a,b,c" }, github.Sent.Select(s => string.Join(",", s)));
        Assert.Equal(4, github.Lookups);
        Assert.Contains(verbose, v => v.Contains("422"));
    }

    [Fact]
    public async Task Some_culprits_of_both_kinds_each_get_exactly_one_error()
    {
        var github = new FakeGitHub().Direct("a", "b").ViaTeam("team-1", "t1", "t2");
        var (client, _, _, _) = Connect(github);
        var outcome = await client.ChangeSeatsIsolatedAsync(Org, SeatAction.Remove, AssigneeKind.User, new[] { "t1", "a", "ghost", "t2", "b" }, default);

        Assert.Equal(new[] { "CopilotSeats.TeamAssigned:t1", "CopilotSeats.NoSeat:ghost", "CopilotSeats.TeamAssigned:t2" }, Ids(outcome));
        var noSeat = outcome.Errors[1].Error;
        Assert.Equal(CopilotErrorCategory.ObjectNotFound, noSeat.Category);
        Assert.Equal("ghost", noSeat.TargetObject);
        Assert.Equal(new[] { "a", "b" }, Assert.Single(outcome.Changes).Requested);
        Assert.Equal(2, outcome.Changes.Sum(c => c.SeatsChanged));
    }

    [Fact]
    public async Task All_culprits_means_no_second_request()
    {
        var github = new FakeGitHub().ViaTeam("team-1", "t1", "t2");
        var (client, _, _, _) = Connect(github);
        var outcome = await client.ChangeSeatsIsolatedAsync(Org, SeatAction.Remove, AssigneeKind.User, new[] { "t1", "t2", "ghost" }, default);
        Assert.Equal(new[] { "CopilotSeats.TeamAssigned:t1", "CopilotSeats.TeamAssigned:t2", "CopilotSeats.NoSeat:ghost" }, Ids(outcome));
        Assert.Empty(outcome.Changes);
        Assert.Single(github.Sent);
    }

    [Fact]
    public async Task A_422_that_stands_with_clean_names_is_reported_once_for_the_batch()
    {
        var github = new FakeGitHub { AlwaysRefuse = true }.Direct("a", "b", "c");
        var (client, _, _, _) = Connect(github);
        var outcome = await client.ChangeSeatsIsolatedAsync(Org, SeatAction.Remove, AssigneeKind.User, new[] { "a", "b", "c" }, default);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal(("CopilotSeats.Http422", (object)"octo-org"), (error.Error.ErrorId, error.Target));
        Assert.Empty(outcome.Changes);
        Assert.Single(github.Sent); // nothing to narrow: not sent again

        // With a culprit, the rest is sent once more; when that is refused too, its 422 is reported once.
        github.Direct("a", "b").ViaTeam("team-1", "t1");
        var second = await client.ChangeSeatsIsolatedAsync(Org, SeatAction.Remove, AssigneeKind.User, new[] { "a", "t1", "b" }, default);
        Assert.Equal(new[] { "CopilotSeats.TeamAssigned:t1", "CopilotSeats.Http422:octo-org" }, Ids(second));
        Assert.Equal(3, github.Sent.Count);
    }

    [Theory]
    [InlineData(SeatAction.Remove, "t1", "CopilotSeats.TeamAssigned:t1")]
    [InlineData(SeatAction.Remove, "ghost", "CopilotSeats.NoSeat:ghost")]
    [InlineData(SeatAction.Add, "stranger", "CopilotSeats.Http422:stranger")]
    public async Task A_batch_of_one_gets_the_same_error_as_that_name_in_a_larger_batch(SeatAction action, string name, string expected)
    {
        var github = new FakeGitHub().Direct("a").ViaTeam("team-1", "t1");
        var (client, _, _, _) = Connect(github);
        foreach (string[] batch in new[] { new[] { name }, new[] { name, "a" } })
            Assert.Equal(new[] { expected }, Ids(await client.ChangeSeatsIsolatedAsync(Org, action, AssigneeKind.User, batch, default)));
    }

    [Fact]
    public async Task A_seat_already_pending_is_dropped_with_a_verbose_line()
    {
        var github = new FakeGitHub().Direct("a").ViaTeam("team-1", "t1");
        github.Seats["p"] = new() { (null, "octo-org", true) };
        var (client, _, _, verbose) = Connect(github);
        var outcome = await client.ChangeSeatsIsolatedAsync(Org, SeatAction.Remove, AssigneeKind.User, new[] { "a", "p", "t1" }, default);
        Assert.Equal(new[] { "CopilotSeats.TeamAssigned:t1" }, Ids(outcome));
        Assert.Equal(new[] { "a" }, Assert.Single(outcome.Changes).Requested);
        Assert.Contains(verbose, v => v.Contains("'p'") && v.Contains("pending cancellation"));
    }

    [Fact]
    public async Task Enterprise_culprits_name_every_team_and_organization_grant_with_the_command_for_its_owner()
    {
        var github = new FakeGitHub();
        github.Seats["a"] = new() { (null, null, false) };
        github.Seats["both"] = new() { ("ent-team-1", null, false), ("team-1", "octo-org", false) };
        github.Seats["mixed"] = new() { ("ent-team-1", null, false), (null, "octo-org", false) }; // an organization's grant: the enterprise cancel leaves it
        github.Seats["own"] = new() { ("ent-team-1", null, false), (null, null, false) }; // the enterprise's own grant: cancellable
        var (client, _, _, _) = Connect(github);
        var outcome = await client.ChangeSeatsIsolatedAsync(Ent, SeatAction.Remove, AssigneeKind.User, new[] { "a", "both", "mixed", "own" }, default);
        Assert.Equal(new[] { "CopilotSeats.TeamAssigned:both", "CopilotSeats.OrganizationAssigned:mixed" }, outcome.Errors.Select(e => $"{e.Error.ErrorId}:{e.Target}"));
        Assert.Equal("Remove-CopilotTeam -Enterprise octo-ent -TeamName ent-team-1; Remove-CopilotTeam -Organization octo-org -TeamName team-1", outcome.Errors[0].Error.RecommendedAction);
        Assert.Equal("Remove-CopilotTeam -Enterprise octo-ent -TeamName ent-team-1; Remove-CopilotUser -Organization octo-org -UserName mixed", outcome.Errors[1].Error.RecommendedAction);
        Assert.Equal(new[] { "a", "own" }, Assert.Single(outcome.Changes).Requested);
    }

    [Theory]
    [InlineData("stranger")]
    [InlineData("hughs_acme")] // a managed user's login that holds a token prefix: GitHub's message names it unredacted
    public async Task Add_narrows_to_the_users_GitHub_names(string stranger)
    {
        var github = new FakeGitHub();
        github.Members.UnionWith(new[] { "new-1", "new-2" });
        var (client, _, _, _) = Connect(github);
        var outcome = await client.ChangeSeatsIsolatedAsync(Org, SeatAction.Add, AssigneeKind.User, new[] { "new-1", stranger, "new-2" }, default);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal(("CopilotSeats.Http422", (object)stranger), (error.Error.ErrorId, error.Target));
        Assert.Contains("not members", error.Error.Message);
        Assert.Equal(2, Assert.Single(outcome.Changes).SeatsChanged);
        Assert.Equal(0, github.Lookups); // a lookup cannot tell a stranger from a member without a seat

        // A 422 that names nobody is about the organization: reported once.
        github.AlwaysRefuse = true;
        var refused = await client.ChangeSeatsIsolatedAsync(Org, SeatAction.Add, AssigneeKind.User, new[] { "new-1", "new-2" }, default);
        Assert.Equal(new[] { "CopilotSeats.Http422:octo-org" }, Ids(refused));
    }

    [Fact]
    public async Task Lookups_are_retried_spent_from_the_budget_and_the_resend_keeps_the_mutation_spacing()
    {
        var github = new FakeGitHub().Direct("a", "b", "c").ViaTeam("team-1", "t1").FailLookups(2);
        var options = new CopilotClientOptions { PointsPerMinute = 3, ThrottleLimit = 2 };
        var (client, _, clock, verbose) = Connect(github, options);
        var outcome = await client.ChangeSeatsIsolatedAsync(Org, SeatAction.Remove, AssigneeKind.User, new[] { "a", "b", "t1", "c" }, default);

        Assert.Equal(new[] { "CopilotSeats.TeamAssigned:t1" }, Ids(outcome));
        Assert.Equal(new[] { "a", "b", "c" }, Assert.Single(outcome.Changes).Requested);
        Assert.Equal(6, github.Lookups);                        // 4 lookups + 2 retried after a 502
        Assert.Contains(verbose, v => v.StartsWith("Budget: pausing GET /orgs/{org}/members/{username}/copilot"));
        Assert.True(clock.TotalDelay >= TimeSpan.FromSeconds(61)); // lookups beyond 3 points a minute waited
    }

    [Fact]
    public async Task Where_GitHub_refuses_the_member_lookup_one_listing_of_the_seats_answers_for_the_names()
    {
        int lookups = 0, listings = 0;
        var handler = new ScriptedHandler((request, _) =>
        {
            string path = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Delete) return ScriptedHandler.Json(HttpStatusCode.OK, "{\"seats_cancelled\":0}");
            if (path.Contains("/members/"))
            {
                Interlocked.Increment(ref lookups);
                return ScriptedHandler.Json(HttpStatusCode.Forbidden, "{\"message\":\"Resource not accessible by integration\"}");
            }
            Interlocked.Increment(ref listings);
            return ScriptedHandler.Json(HttpStatusCode.OK, "{\"total_seats\":2,\"seats\":[" +
                "{\"created_at\":\"2026-01-01T00:00:00Z\",\"assignee\":{\"login\":\"a\",\"id\":1},\"organization\":{\"login\":\"o\"}}," +
                "{\"created_at\":\"2026-01-01T00:00:00Z\",\"assignee\":{\"login\":\"other\",\"id\":2},\"organization\":{\"login\":\"o\"}}]}");
        });
        var warnings = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var client = Clients.ForHandler(handler, new CopilotClientOptions { Warning = warnings.Enqueue });

        var outcome = await client.ChangeSeatsIsolatedAsync(Ent, SeatAction.Remove, AssigneeKind.User, new[] { "a", "b" }, default);

        Assert.Equal(new[] { "CopilotSeats.OrganizationAssigned:a" }, Ids(outcome));
        Assert.Equal("'b' has no seat in the enterprise octo-ent: the cancel changed nothing for it.", Assert.Single(warnings)); // not an error: nothing to cancel
        Assert.Equal(1, listings);
        Assert.InRange(lookups, 1, 2); // the lookups already in flight when the first refusal came
    }

    [Theory]
    [InlineData(500)] // a failing lookup: one listing instead of a lookup per name, then one warning for the names it could not check
    [InlineData(200)] // an answer with another login's rows (a fake answering GitHub's example for every name): not this user's seat
    public async Task After_an_applied_enterprise_cancel_lookups_that_tell_nothing_are_warnings_not_errors(int lookupStatus)
    {
        int lookups = 0, listings = 0;
        var handler = new ScriptedHandler((request, _) =>
        {
            if (request.Method == HttpMethod.Delete) return ScriptedHandler.Json(HttpStatusCode.OK, "{\"seats_cancelled\":0}");
            if (!request.RequestUri!.AbsolutePath.Contains("/members/"))
            {
                Interlocked.Increment(ref listings);
                return ScriptedHandler.Json(HttpStatusCode.InternalServerError, "{\"message\":\"Server Error\"}");
            }
            Interlocked.Increment(ref lookups);
            return lookupStatus == 200
                ? ScriptedHandler.Json(HttpStatusCode.OK, "{\"created_at\":\"2026-01-01T00:00:00Z\",\"assignee\":{\"login\":\"octokitten\",\"id\":2},\"organization\":{\"login\":\"o\"}}")
                : ScriptedHandler.Json(HttpStatusCode.InternalServerError, "{\"message\":\"Server Error\"}");
        });
        var warnings = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var client = Clients.ForHandler(handler, new CopilotClientOptions { Warning = warnings.Enqueue, MaxRetries = 0, ThrottleLimit = 1 });

        var outcome = await client.ChangeSeatsIsolatedAsync(Ent, SeatAction.Remove, AssigneeKind.User, new[] { "a", "b", "c" }, default);

        Assert.Empty(outcome.Errors);
        Assert.Equal(0, Assert.Single(outcome.Changes).SeatsChanged);
        if (lookupStatus == 200)
        {
            Assert.Equal((3, 0), (lookups, listings));
            Assert.Equal(new[] { "'a' has no seat", "'b' has no seat", "'c' has no seat" }, warnings.Select(w => w.Substring(0, 15)));
            return;
        }
        Assert.Equal((1, 1), (lookups, listings));
        Assert.StartsWith("3 user(s) the cancel may not have reached could not be looked up (a, b, c): ", Assert.Single(warnings));
    }

    [Theory]
    [InlineData(false, 422, "{\"message\":\"nope\"}")]
    [InlineData(true, 200, "{\"seats_cancelled\":1}")] // an enterprise cancel counting fewer seats than names: the lookups after it
    public async Task A_fatal_lookup_failure_stops_the_batch(bool enterprise, int status, string answer)
    {
        var handler = new ScriptedHandler((request, _) => request.Method == HttpMethod.Get
            ? ScriptedHandler.Json(HttpStatusCode.Unauthorized, "{\"message\":\"Bad credentials\"}")
            : ScriptedHandler.Json((HttpStatusCode)status, answer));
        using var client = Clients.ForHandler(handler);
        Task<BatchOutcome> run = client.ChangeSeatsIsolatedAsync(enterprise ? Ent : Org, SeatAction.Remove, AssigneeKind.User, new[] { "a", "b" }, default);
        if (!enterprise)
        {
            Assert.Equal(401, (await Assert.ThrowsAsync<CopilotApiException>(() => run)).StatusCode); // the 422 applied nothing
            return;
        }
        BatchOutcome outcome = await run; // the cancel was applied: its change comes back with the failure that stops the command
        Assert.Equal(1, Assert.Single(outcome.Changes).SeatsChanged);
        Assert.Equal(401, Assert.IsType<CopilotApiException>(outcome.Stop).StatusCode);
    }

    [Fact]
    public async Task An_enterprise_cancel_counting_fewer_seats_finds_the_users_it_did_not_reach_without_a_second_request()
    {
        var github = new FakeGitHub();
        github.Seats["own"] = new() { (null, null, false) };
        github.Seats["org"] = new() { (null, "octo-org", false) };
        github.Seats["kept"] = new() { (null, null, false), ("team-1", "octo-org", false) };
        github.Seats["mixed"] = new() { ("ent-team-1", null, false), (null, "octo-lab", false) };
        github.Seats["pend"] = new() { (null, "octo-org", true) };
        var (client, _, _, verbose) = Connect(github);
        var outcome = await client.ChangeSeatsIsolatedAsync(Ent, SeatAction.Remove, AssigneeKind.User, new[] { "own", "org", "kept", "mixed", "pend" }, default);

        Assert.Equal(new[] { "CopilotSeats.OrganizationAssigned:org", "CopilotSeats.OrganizationAssigned:mixed" }, Ids(outcome));
        Assert.Equal("Remove-CopilotUser -Organization octo-org -UserName org", outcome.Errors[0].Error.RecommendedAction);
        Assert.Equal("Remove-CopilotTeam -Enterprise octo-ent -TeamName ent-team-1; Remove-CopilotUser -Organization octo-lab -UserName mixed", outcome.Errors[1].Error.RecommendedAction);
        Assert.Equal(2, Assert.Single(outcome.Changes).SeatsChanged);
        Assert.Single(github.Sent);
        Assert.Equal(5, github.Lookups);
        Assert.Contains(verbose, v => v.Contains("'kept'") && v.Contains("team 'team-1' of the organization octo-org stays active"));
        Assert.Contains(verbose, v => v.Contains("'pend'") && v.Contains("already pending cancellation (2026-12-01)"));
    }

    [Theory]
    [InlineData(true, "own-1,own-2")] // every seat counted
    [InlineData(false, "a,pend")]     // an organization's shortfall has no documented cause
    public async Task No_lookup_follows_a_full_count_or_an_organization_cancel(bool enterprise, string names)
    {
        var github = new FakeGitHub().Direct("a");
        github.Seats["pend"] = new() { (null, "octo-org", true) };
        github.Seats["own-1"] = new() { (null, null, false) };
        github.Seats["own-2"] = new() { (null, null, false) };
        var (client, _, _, _) = Connect(github);
        var outcome = await client.ChangeSeatsIsolatedAsync(enterprise ? Ent : Org, SeatAction.Remove, AssigneeKind.User, names.Split(','), default);
        Assert.Empty(outcome.Errors);
        Assert.Single(outcome.Changes);
        Assert.Equal(0, github.Lookups);
    }

    /// <summary>Team endpoints refusing whole (422) a request with "no-" slugs, named in the message when <paramref name="naming"/>;
    /// <paramref name="always"/> refuses every request.</summary>
    private static (CopilotClient Client, List<string> Sent) Teams(bool naming, string? always = null)
    {
        var sent = new List<string>();
        var handler = new ScriptedHandler(async (request, _) =>
        {
            var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync())!.AsObject().Single().Value!.AsArray();
            string[] bad = body.Select(n => (string)n!).Where(n => n.StartsWith("no-")).ToArray();
            lock (sent) sent.Add(string.Join(",", body.Select(n => (string)n!)));
            string? message = always ?? (bad.Length == 0 ? null : naming ? "The following teams could not be found: " + string.Join(", ", bad) : "Validation Failed");
            return message is null
                ? ScriptedHandler.Json(HttpStatusCode.OK, "{\"seats_cancelled\":1}")
                : ScriptedHandler.Json((HttpStatusCode)422, JsonSerializer.Serialize(new { message }));
        });
        return (Clients.ForHandler(handler), sent);
    }

    [Theory]
    [InlineData(AssigneeKind.Team, true, "no-team-2,team-4,team-5", "no-team-2", "no-team-2,team-4,team-5|team-4,team-5")]
    [InlineData(AssigneeKind.Team, false, "no-team-2,team-4,team-5", "no-team-2", "no-team-2,team-4,team-5|no-team-2|team-4,team-5")]
    [InlineData(AssigneeKind.Team, true, "no-team-2", "no-team-2", "no-team-2")]
    [InlineData(AssigneeKind.EnterpriseTeam, false, "team-1,no-a,team-2,team-3,no-b", "no-a,no-b",
        "team-1,no-a,team-2,team-3,no-b|team-1,no-a|team-1|no-a|team-2,team-3,no-b|team-2|team-3,no-b|team-3|no-b")]
    public async Task Each_bad_team_gets_its_own_error_and_the_other_teams_are_sent_again(AssigneeKind kind, bool naming, string slugs, string bad, string requests)
    {
        var (client, sent) = Teams(naming);
        var outcome = await client.ChangeSeatsIsolatedAsync(kind == AssigneeKind.Team ? Org : Ent, SeatAction.Remove, kind, slugs.Split(','), default);
        Assert.Equal(bad.Split(',').Select(b => "CopilotSeats.Http422:" + b), Ids(outcome));
        string owner = kind == AssigneeKind.Team ? "a team of the organization octo-org" : "an enterprise team of the enterprise octo-ent";
        Assert.All(outcome.Errors, e => Assert.Equal($"Check that '{e.Target}' is the slug of {owner}.", e.Error.RecommendedAction));
        Assert.Equal(slugs.Split(',').Except(bad.Split(',')), outcome.Changes.SelectMany(c => c.Requested));
        Assert.Equal(requests.Split('|'), sent);
    }

    [Fact]
    public async Task A_fatal_failure_after_part_of_a_batch_was_applied_stops_the_batch_keeping_that_change()
    {
        var (client, _) = Teams(naming: false);
        var calls = new List<string>();
        Task<CopilotSeatChange> Send(string[] names, CancellationToken _)
        {
            calls.Add(string.Join(",", names));
            return calls.Count switch
            {
                1 => throw new CopilotApiException(422, CopilotErrorCategory.InvalidOperation, "octo-org", "refused", "Validation Failed", null),
                2 => Task.FromResult(new CopilotSeatChange { Requested = new CopilotNameList(names), SeatsChanged = names.Length }),
                _ => throw new CopilotApiException(401, CopilotErrorCategory.AuthenticationError, "octo-org", "Bad credentials", "Bad credentials", null),
            };
        }
        var outcome = await client.ChangeSeatsIsolatedAsync(Org, SeatAction.Remove, AssigneeKind.Team, new[] { "t1", "t2", "t3", "t4" }, Send, default);
        Assert.Equal(new[] { "t1,t2,t3,t4", "t1,t2", "t3,t4" }, calls);
        Assert.Equal(new[] { "t1", "t2" }, outcome.Changes.Single().Requested);
        Assert.Equal(401, Assert.IsType<CopilotApiException>(outcome.Stop).StatusCode);
    }

    [Theory]
    [InlineData("team-1", "Copilot Business is not enabled for this organization.", 1)]
    [InlineData("team-1,team-2,team-3", "Copilot Business is not enabled for this organization.", 5)]
    [InlineData("team-1,team-2,team-3", "Copilot seat management setting for this organization is assign_all.", 1)]
    public async Task A_422_no_team_gets_past_is_reported_once_for_the_batch(string slugs, string message, int requests)
    {
        var (client, sent) = Teams(naming: false, always: message);
        var outcome = await client.ChangeSeatsIsolatedAsync(Org, SeatAction.Add, AssigneeKind.Team, slugs.Split(','), default);
        Assert.Equal(new[] { "CopilotSeats.Http422:octo-org" }, Ids(outcome));
        Assert.Equal(requests, sent.Count); // 2n-1 when only splitting can tell; once when GitHub names the setting
    }

    [Theory]
    [InlineData("The following users are not members: a-b, c", "a-b", true)]
    [InlineData("The following users are not members: a-b, c", "a", false)]
    [InlineData("The following users are not members: a-b, c", "C", true)]
    [InlineData("user x_y refused", "x", false)]
    public void Names_are_found_in_GitHubs_message_as_whole_logins(string message, string login, bool expected) =>
        Assert.Equal(expected, BatchIsolation.Mentions(message, login));
}
