using System.Diagnostics;
using CopilotSeats.Completion;

namespace CopilotSeats.Core.Tests;

public class CompletionMatcherTests
{
    private static string[] Texts(IEnumerable<CompletionItem> items) => items.Select(i => i.CompletionText).ToArray();

    [Fact]
    public void Matches_prefixes_ignoring_case_sorted_and_once()
    {
        var names = new[] { "octo-org", "Octo-Lab", "assign-all-org", "OCTO-ORG", null, "", "other" };
        Assert.Equal(new[] { "Octo-Lab", "octo-org" }, Texts(CompletionMatcher.Match(names, "OCT")));
        Assert.Equal(new[] { "assign-all-org", "Octo-Lab", "octo-org", "other" }, Texts(CompletionMatcher.Match(names, "")));
        Assert.Equal(new[] { "assign-all-org", "Octo-Lab", "octo-org", "other" }, Texts(CompletionMatcher.Match(names, null)));
        Assert.Empty(CompletionMatcher.Match(names, "zz"));
        Assert.Empty(CompletionMatcher.Match(names, "org")); // prefix, not substring
    }

    [Fact]
    public void A_quoted_word_matches_without_its_quotes_and_keeps_the_quote()
    {
        var names = new[] { "team-1", "team-2", "other" };
        Assert.Equal(new[] { "'team-1'", "'team-2'" }, Texts(CompletionMatcher.Match(names, "'tea")));
        Assert.Equal(new[] { "\"team-1\"" }, Texts(CompletionMatcher.Match(names, "\"team-1\"")));
    }

    [Theory]
    [InlineData("octo-org", "octo-org")]
    [InlineData("user_01", "user_01")]
    [InlineData("My Team", "'My Team'")]
    [InlineData("it's", "'it''s'")]
    [InlineData("a$b", "'a$b'")]
    [InlineData("a,b", "'a,b'")]
    [InlineData("(x)", "'(x)'")]
    [InlineData("#tag", "'#tag'")]
    [InlineData("-dash", "'-dash'")]
    public void Values_that_need_quotes_are_single_quoted(string value, string expected)
    {
        Assert.Equal(expected, CompletionMatcher.Quote(value));
        var item = Assert.Single(CompletionMatcher.Match(new[] { value }, ""));
        Assert.Equal(value, item.Text);
        Assert.Equal(expected, item.CompletionText);
    }

    [Fact]
    public void Double_quotes_escape_what_PowerShell_expands()
    {
        Assert.Equal("\"a`$b`\"c\"", CompletionMatcher.Quote("a$b\"c", '"'));
        Assert.Equal("it's", CompletionMatcher.Unquote("'it''s'"));
    }
}

public class CompletionCacheTests
{
    private static ResolvedConnection Connection(string url = "https://api.github.com/", string source = "Parameter", string token = Tokens.Canary) =>
        new(new Uri(url), "2022-11-28", CopilotToken.FromPlainText(token, source));

    [Fact]
    public void Keys_are_api_url_credential_and_target()
    {
        string key = new CompletionTarget(Connection(), CompletionListKind.OrganizationTeams, "Octo-Org").CacheKey;
        Assert.Equal(key, new CompletionTarget(Connection("https://API.github.com"), CompletionListKind.OrganizationTeams, "octo-org").CacheKey);
        Assert.NotEqual(key, new CompletionTarget(Connection("https://ghe.example.com/api/v3/"), CompletionListKind.OrganizationTeams, "octo-org").CacheKey);
        Assert.Equal(key, new CompletionTarget(Connection(source: "GH_TOKEN"), CompletionListKind.OrganizationTeams, "octo-org").CacheKey);
        Assert.NotEqual(key, new CompletionTarget(Connection(token: "ghp_OTHER0123456789abcdefOTHER"), CompletionListKind.OrganizationTeams, "octo-org").CacheKey);
        Assert.DoesNotContain(Tokens.Canary, key);
        Assert.NotEqual(key, new CompletionTarget(Connection(), CompletionListKind.OrganizationTeams, "octo-lab").CacheKey);
        Assert.NotEqual(key, new CompletionTarget(Connection(), CompletionListKind.OrganizationSeats, "octo-org").CacheKey);
        Assert.NotEqual(key, new CompletionTarget(Connection(), CompletionListKind.EnterpriseTeams, "octo-org").CacheKey);
    }

    [Fact]
    public void Entries_last_five_minutes()
    {
        var clock = new FakeClock();
        var cache = new CompletionCache(clock);
        Assert.Equal(TimeSpan.FromMinutes(5), cache.Lifetime);
        cache.Set("k", new[] { "a" });
        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.True(cache.TryGet("k", out var names));
        Assert.Equal(new[] { "a" }, names);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(cache.TryGet("k", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task Concurrent_fetches_of_one_key_run_once_and_fill_the_cache()
    {
        var clock = new FakeClock();
        var cache = new CompletionCache(clock);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int calls = 0;
        Func<CancellationToken, Task<IReadOnlyList<string>>> fetch = async _ =>
        {
            Interlocked.Increment(ref calls);
            await gate.Task;
            return new[] { "a", "b" };
        };
        var waits = Enumerable.Range(0, 8).Select(_ => Task.Run(() => cache.GetOrFetchAsync("k", fetch))).ToList();
        var other = cache.GetOrFetchAsync("other", fetch);
        // Until both keys' fetches have begun (a loaded machine may start the eight callers late), then a moment for
        // the rest to join; a caller that comes later still finds the fetch under way or the cache filled.
        for (int i = 0; i < 500 && (Volatile.Read(ref calls) < 2 || cache.Fetching < 2); i++) await Task.Delay(10);
        await Task.Delay(100);
        Assert.Equal(2, cache.Fetching);
        Assert.Equal(0, cache.Count);
        gate.SetResult();
        foreach (var wait in waits) Assert.Equal(new[] { "a", "b" }, await wait);
        await other;
        Assert.Equal(2, calls); // one per key
        Assert.Equal(0, cache.Fetching);
        Assert.True(cache.TryGet("k", out var names));
        Assert.Equal(new[] { "a", "b" }, names);
        Assert.Equal(new[] { "a", "b" }, await cache.GetOrFetchAsync("k", fetch));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_fetch_under_way_at_Clear_fills_nothing_and_the_next_call_fetches_again()
    {
        var cache = new CompletionCache(new FakeClock());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int calls = 0;
        Func<CancellationToken, Task<IReadOnlyList<string>>> fetch = async _ =>
        {
            int call = Interlocked.Increment(ref calls);
            if (call == 1) await gate.Task;
            return new[] { "call-" + call };
        };
        Task<IReadOnlyList<string>> old = cache.GetOrFetchAsync("k", fetch);
        while (Volatile.Read(ref calls) == 0) await Task.Delay(5);
        cache.Clear();                                   // Disconnect-Copilot or a new Connect-Copilot
        Assert.Equal(0, cache.Fetching);
        Assert.Equal(new[] { "call-2" }, await cache.GetOrFetchAsync("k", fetch));
        gate.SetResult();
        Assert.Equal(new[] { "call-1" }, await old);
        Assert.True(cache.TryGet("k", out var names));
        Assert.Equal(new[] { "call-2" }, names);         // the old connection's names did not come back
        Assert.Equal(0, cache.Fetching);
    }

    [Fact]
    public async Task A_failed_fetch_leaves_nothing_and_the_next_one_runs()
    {
        var cache = new CompletionCache(new FakeClock());
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrFetchAsync("k", _ => throw new InvalidOperationException("down")));
        Assert.Equal(0, cache.Fetching);
        Assert.Equal(0, cache.Count);
        Assert.Equal(new[] { "a" }, await cache.GetOrFetchAsync("k", _ => Task.FromResult<IReadOnlyList<string>>(new[] { "a" })));
        Assert.Equal(1, cache.Count);
    }
}

public class ArgumentCompletionTests
{
    /// <summary>Answers from a table, counting calls; optionally slow (ignoring cancellation, as a hung server would).</summary>
    private sealed class FakeSource : ICompletionSource
    {
        public Dictionary<CompletionListKind, string[]> Lists { get; } = new();
        public List<CompletionTarget> Calls { get; } = new();
        public TimeSpan Delay { get; set; }
        public bool Throw { get; set; }
        /// <summary>When set, a listing waits for it (a listing that outlives the budget until the test lets it end).</summary>
        public Task? Gate { get; set; }
        public int CallCount { get { lock (Calls) return Calls.Count; } }

        public async Task<IReadOnlyList<string>> ListAsync(CompletionTarget target, CancellationToken cancellationToken)
        {
            lock (Calls) Calls.Add(target);
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay);
            if (Gate != null) await Gate;
            if (Throw) throw new CopilotException("CopilotSeats.Test", CopilotErrorCategory.ConnectionError, null, "down");
            return Lists.TryGetValue(target.Kind, out var names) ? names : Array.Empty<string>();
        }
    }

    private static readonly StoredSession Session = new()
    {
        ApiUrl = new Uri("https://api.github.com"),
        Organization = "default-org",
        Enterprise = "default-ent",
        Token = Tokens.Token(),
    };

    private static FakeSource Source() => new()
    {
        Lists =
        {
            [CompletionListKind.UserOrganizations] = new[] { "octo-org", "octo-lab", "assign-all-org" },
            [CompletionListKind.OrganizationTeams] = new[] { "team-2", "Team-1", "design" },
            [CompletionListKind.EnterpriseTeams] = new[] { "ent-team-1", "ent-team-2" },
            [CompletionListKind.OrganizationSeats] = new[] { "octocat", "mona_octo", "octocat" },
            [CompletionListKind.EnterpriseSeats] = new[] { "ent-user-1" },
        },
    };

    private static string[] Complete(ArgumentCompletion completion, CompletionField field, string word, StoredSession? session = null,
        string? org = null, string? ent = null, FakeEnvironment? env = null, object? token = null, object? apiUrl = null) =>
        completion.Complete(new CompletionRequest
        {
            Field = field, WordToComplete = word, Organization = org, Enterprise = ent, Token = token, ApiUrl = apiUrl,
            Session = session, Environment = env ?? new FakeEnvironment(),
        }).Select(i => i.CompletionText).ToArray();

    [Fact]
    public void Organization_offers_the_default_and_the_token_organizations()
    {
        var source = Source();
        var completion = new ArgumentCompletion(source, new CompletionCache(new FakeClock()));
        Assert.Equal(new[] { "assign-all-org", "default-org", "octo-lab", "octo-org" }, Complete(completion, CompletionField.Organization, "", Session));
        Assert.Equal(new[] { "octo-lab", "octo-org" }, Complete(completion, CompletionField.Organization, "OCTO", Session));
        Assert.Equal(CompletionListKind.UserOrganizations, source.Calls.Single().Kind); // the second came from the cache
    }

    [Fact]
    public void Enterprise_offers_only_the_default_and_sends_nothing()
    {
        var source = Source();
        var completion = new ArgumentCompletion(source);
        Assert.Equal(new[] { "default-ent" }, Complete(completion, CompletionField.Enterprise, "def", Session));
        Assert.Empty(Complete(completion, CompletionField.Enterprise, "x", Session));
        Assert.Empty(source.Calls);
    }

    [Fact]
    public void The_target_follows_the_typed_parameters_then_the_session()
    {
        var source = Source();
        var completion = new ArgumentCompletion(source);
        Assert.Equal(new[] { "Team-1", "team-2" }, Complete(completion, CompletionField.TeamName, "team", Session));
        Assert.Equal("default-org", source.Calls[^1].Name);
        Assert.Equal(new[] { "ent-team-1", "ent-team-2" }, Complete(completion, CompletionField.TeamName, "", Session, ent: "big-ent"));
        Assert.Equal((CompletionListKind.EnterpriseTeams, "big-ent"), (source.Calls[^1].Kind, source.Calls[^1].Name));
        Assert.Equal(new[] { "octocat" }, Complete(completion, CompletionField.UserName, "OCTO", Session, org: "other-org"));
        Assert.Equal((CompletionListKind.OrganizationSeats, "other-org"), (source.Calls[^1].Kind, source.Calls[^1].Name));
        Assert.Equal(new[] { "ent-user-1" }, Complete(completion, CompletionField.UserName, "", new StoredSession { Enterprise = "e", Token = Tokens.Token() }));
        Assert.Equal((CompletionListKind.EnterpriseSeats, "e"), (source.Calls[^1].Kind, source.Calls[^1].Name));
    }

    [Fact]
    public void Typed_token_and_api_url_pick_the_connection()
    {
        var source = Source();
        var completion = new ArgumentCompletion(source);
        Complete(completion, CompletionField.TeamName, "", null, org: "o", token: "ghp_typed", apiUrl: "http://127.0.0.1:5000");
        var target = source.Calls.Single();
        Assert.Equal("Parameter", Assert.IsType<CopilotToken>(target.Connection.Token).Source);
        Assert.Equal(new Uri("http://127.0.0.1:5000/"), target.Connection.ApiUrl);
        Complete(completion, CompletionField.TeamName, "", null, org: "o", token: Tokens.Secure("ghp_secure"));
        Assert.Equal(new Uri("https://api.github.com/"), source.Calls[^1].Connection.ApiUrl);
    }

    [Fact]
    public void Cache_is_per_api_url_token_source_and_target_and_expires_after_five_minutes()
    {
        var clock = new FakeClock();
        var source = Source();
        var completion = new ArgumentCompletion(source, new CompletionCache(clock));
        var env = new FakeEnvironment { Variables = { ["GH_TOKEN"] = "ghp_env" } };
        var noToken = new StoredSession { Organization = "default-org" };

        Complete(completion, CompletionField.TeamName, "", Session);
        Complete(completion, CompletionField.TeamName, "t", Session);
        Assert.Single(source.Calls);
        Complete(completion, CompletionField.TeamName, "", noToken, env: env);                              // token source GH_TOKEN
        Complete(completion, CompletionField.TeamName, "", Session, apiUrl: "https://ghe.example.com/api/v3"); // another API URL
        Complete(completion, CompletionField.TeamName, "", Session, org: "octo-lab");                       // another target
        Assert.Equal(4, source.Calls.Count);
        clock.Advance(TimeSpan.FromMinutes(4));
        Complete(completion, CompletionField.TeamName, "", Session);
        Assert.Equal(4, source.Calls.Count);
        clock.Advance(TimeSpan.FromMinutes(1));
        Complete(completion, CompletionField.TeamName, "", Session);
        Assert.Equal(5, source.Calls.Count);
    }

    [Fact]
    public void Without_a_token_only_the_defaults_are_offered_and_nothing_is_asked()
    {
        var source = Source();
        var completion = new ArgumentCompletion(source);
        var env = new FakeEnvironment(); // no variables, gh answers nothing
        var session = new StoredSession { Organization = "default-org", Enterprise = "default-ent" };
        Assert.Equal(new[] { "default-org" }, Complete(completion, CompletionField.Organization, "", session, env: env));
        Assert.Equal(new[] { "default-ent" }, Complete(completion, CompletionField.Enterprise, "", session, env: env));
        Assert.Empty(Complete(completion, CompletionField.TeamName, "", session, env: env));
        Assert.Empty(Complete(completion, CompletionField.UserName, "", session, env: env));
        Assert.Empty(Complete(completion, CompletionField.Organization, "", null, env: env));
        Assert.Empty(source.Calls);
    }

    [Fact]
    public void Failures_and_invalid_targets_offer_nothing_but_the_defaults()
    {
        var source = Source();
        source.Throw = true;
        var completion = new ArgumentCompletion(source);
        Assert.Equal(new[] { "default-org" }, Complete(completion, CompletionField.Organization, "", Session));
        Assert.Empty(Complete(completion, CompletionField.TeamName, "", Session));
        Assert.Empty(Complete(completion, CompletionField.UserName, "", Session, org: "bad/../org"));
        Assert.Empty(Complete(completion, CompletionField.UserName, "", Session, apiUrl: "http://example.com")); // refused URL
        Assert.Equal(0, completion.Cache.Count); // failures are not cached
    }

    [Fact]
    public void The_default_budget_is_two_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), new ArgumentCompletion(Source()).Timeout);
        Assert.Equal(TimeSpan.FromSeconds(2), ArgumentCompletion.Shared.Timeout);
    }

    private static void WaitUntil(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "timed out");
            Thread.Sleep(10);
        }
    }

    [Fact]
    public void A_listing_that_outlives_the_budget_fills_the_cache_in_the_background_once_per_key()
    {
        var clock = new FakeClock();
        var source = Source();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.Gate = gate.Task;
        // A budget of 1 s: the listings that must end within it start on a thread pool the parallel test run keeps busy.
        var completion = new ArgumentCompletion(source, new CompletionCache(clock), TimeSpan.FromSeconds(1));

        Assert.Empty(Complete(completion, CompletionField.TeamName, "", Session));     // the budget runs out
        Assert.Empty(Complete(completion, CompletionField.TeamName, "te", Session));   // still under way: no second listing
        WaitUntil(() => source.CallCount > 0);                                         // the one listing may start late on a busy machine
        Assert.Equal(1, source.CallCount);
        Assert.Equal(1, completion.Cache.Fetching);

        gate.SetResult();                                                              // the listing ends in the background
        WaitUntil(() => completion.Cache.Count == 1 && completion.Cache.Fetching == 0);
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(new[] { "Team-1", "team-2" }, Complete(completion, CompletionField.TeamName, "team", Session));
        Assert.Equal(1, source.CallCount);

        clock.Advance(TimeSpan.FromMinutes(1));                                        // the cache lifetime is over: a new listing
        Assert.Equal(new[] { "design" }, Complete(completion, CompletionField.TeamName, "d", Session));
        Assert.Equal(2, source.CallCount);
    }

    [Fact]
    public void A_background_listing_that_fails_fills_nothing_and_the_next_Tab_lists_again()
    {
        var source = Source();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.Gate = gate.Task;
        source.Throw = true;
        var completion = new ArgumentCompletion(source, new CompletionCache(new FakeClock()), TimeSpan.FromSeconds(1)); // see above
        Assert.Empty(Complete(completion, CompletionField.UserName, "", Session));
        gate.SetResult();
        WaitUntil(() => completion.Cache.Fetching == 0);
        Assert.Equal(0, completion.Cache.Count);
        source.Throw = false;
        Assert.Equal(new[] { "mona_octo", "octocat" }, Complete(completion, CompletionField.UserName, "", Session));
        Assert.Equal(2, source.CallCount);
    }

    [Fact]
    public void A_GitHub_page_slower_than_the_budget_still_arrives_and_fills_the_cache_with_one_request()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new ScriptedHandler(async (request, n, ct) =>
        {
            await gate.Task.WaitAsync(ct);
            return ScriptedHandler.Json(HttpStatusCode.OK, "[{\"slug\":\"team-1\"}]");
        });
        var budget = TimeSpan.FromMilliseconds(200);
        var completion = new ArgumentCompletion(null, new CompletionCache(new FakeClock()), budget, () => handler);

        Assert.Empty(Complete(completion, CompletionField.TeamName, "", Session));
        Thread.Sleep(budget * 3);                                   // the page is slower than the budget
        Assert.Empty(Complete(completion, CompletionField.TeamName, "", Session));
        gate.SetResult();
        WaitUntil(() => completion.Cache.Fetching == 0);
        Assert.Equal(new[] { "team-1" }, Complete(completion, CompletionField.TeamName, "", Session));
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public void A_slow_source_answers_nothing_within_the_budget()
    {
        var source = Source();
        source.Delay = TimeSpan.FromSeconds(10);
        var completion = new ArgumentCompletion(source);
        var watch = Stopwatch.StartNew();
        Assert.Empty(Complete(completion, CompletionField.Organization, "", Session)); // not even the default
        Assert.Empty(Complete(completion, CompletionField.TeamName, "", Session, org: "slow-org"));
        watch.Stop();
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(3.9), TimeSpan.FromSeconds(5.5));
        Assert.Equal(0, completion.Cache.Count);
    }
}

public class ApiCompletionSourceTests
{
    [Fact]
    public async Task Lists_follow_links_read_names_and_send_only_gets()
    {
        var handler = new ScriptedHandler((request, n) =>
        {
            string path = request.RequestUri!.PathAndQuery;
            if (path.StartsWith("/user/orgs?per_page=100", StringComparison.Ordinal) && !path.Contains("page=2"))
                return ScriptedHandler.Json(HttpStatusCode.OK, "[{\"login\":\"a-org\"},{\"login\":\"b-org\"}]",
                    ("Link", "<https://api.github.com/user/orgs?per_page=100&page=2>; rel=\"next\""));
            if (path.Contains("page=2")) return ScriptedHandler.Json(HttpStatusCode.OK, "[{\"login\":\"c-org\"}]");
            if (path.StartsWith("/orgs/octo-org/teams", StringComparison.Ordinal)) return ScriptedHandler.Json(HttpStatusCode.OK, "[{\"slug\":\"team-1\",\"name\":\"Team 1\"}]");
            if (path.StartsWith("/enterprises/octo-ent/teams", StringComparison.Ordinal)) return ScriptedHandler.Json(HttpStatusCode.OK, "[{\"slug\":\"ent-team-1\"}]");
            return ScriptedHandler.Json(HttpStatusCode.NotFound, "{\"message\":\"Not Found\"}");
        });
        var source = new ApiCompletionSource(() => new CopilotClientOptions { PrimaryHandlerFactory = () => handler, Clock = new FakeClock() });
        var connection = new ResolvedConnection(new Uri("https://api.github.com/"), "2022-11-28", Tokens.Token());

        Assert.Equal(new[] { "a-org", "b-org", "c-org" }, await source.ListAsync(new CompletionTarget(connection, CompletionListKind.UserOrganizations, null), default));
        Assert.Equal(new[] { "team-1" }, await source.ListAsync(new CompletionTarget(connection, CompletionListKind.OrganizationTeams, "octo-org"), default));
        Assert.Equal(new[] { "ent-team-1" }, await source.ListAsync(new CompletionTarget(connection, CompletionListKind.EnterpriseTeams, "octo-ent"), default));
        Assert.All(handler.Requests, r => Assert.Equal(HttpMethod.Get, r.Method));
    }
}
