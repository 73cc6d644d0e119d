namespace CopilotSeats.Core.Tests;

/// <summary>The request engine against a scripted handler and a fake clock (no real waiting).</summary>
public class EngineTests
{
    private const string Seat = """{"created_at":"2021-08-03T18:00:00-06:00","assignee":{"login":"octocat","id":1,"type":"User"}}""";
    private const string Detail = """{"seat_breakdown":{"total":12,"added_this_cycle":9,"pending_invitation":0,"pending_cancellation":0,"active_this_cycle":12,"inactive_this_cycle":11},"seat_management_setting":"assign_selected","ide_chat":"enabled","platform_chat":"enabled","cli":"enabled","public_code_suggestions":"block","plan_type":"business"}""";

    private static HttpResponseMessage Ok(string json = Detail) => ScriptedHandler.Json(HttpStatusCode.OK, json, ("x-ratelimit-remaining", "4999"));
    private static HttpResponseMessage Status(int status, string message = "boom", params (string, string)[] headers) =>
        ScriptedHandler.Json((HttpStatusCode)status, $$"""{"message":"{{message}}","documentation_url":"https://docs.github.com/rest"}""", headers);

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Get_is_retried_on_5xx_with_backoff(int status)
    {
        var clock = new FakeClock();
        var handler = new ScriptedHandler((_, n) => n <= 2 ? Status(status) : Ok());
        using var client = Clients.ForHandler(handler, new CopilotClientOptions { Clock = clock, Random = () => 1.0 });
        var detail = await client.GetOrgDetailAsync("octo-org", default);
        Assert.Equal(12, detail.TotalSeats);
        Assert.Equal(3, handler.Count);
        // full jitter with random=1: base 1 s, then 2 s
        Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) }, clock.Delays.ToArray());
    }

    [Fact]
    public async Task Backoff_uses_full_jitter_capped()
    {
        var clock = new FakeClock();
        var handler = new ScriptedHandler((_, n) => Status(503));
        using var client = Clients.ForHandler(handler, new CopilotClientOptions { Clock = clock, Random = () => 0.25, MaxRetries = 7, RetryMaxDelay = TimeSpan.FromSeconds(8) });
        var ex = await Assert.ThrowsAsync<CopilotApiException>(() => client.GetOrgDetailAsync("octo-org", default));
        Assert.Equal("CopilotSeats.Http503", ex.ErrorId);
        Assert.Equal(CopilotErrorCategory.ResourceUnavailable, ex.Category);
        Assert.Equal(8, handler.Count);
        Assert.Equal(new[] { 0.25, 0.5, 1, 2, 2, 2, 2 }, clock.Delays.Select(d => d.TotalSeconds));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(410)]
    [InlineData(422)]
    public async Task Other_4xx_are_never_retried(int status)
    {
        var handler = new ScriptedHandler((_, _) => Status(status, "nope"));
        using var client = Clients.ForHandler(handler);
        var ex = await Assert.ThrowsAsync<CopilotApiException>(() => client.GetOrgDetailAsync("octo-org", default));
        Assert.Equal(1, handler.Count);
        Assert.Equal("CopilotSeats.Http" + status, ex.ErrorId);
        Assert.Equal("octo-org", ex.TargetObject);
        Assert.Contains("nope", ex.Message);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(422)]
    [InlineData(500)]
    public async Task Mutations_are_not_retried_on_4xx_or_500(int status)
    {
        var handler = new ScriptedHandler((_, n) => n == 1 ? Status(status) : ScriptedHandler.Json(HttpStatusCode.Created, """{"seats_created":2}"""));
        using var client = Clients.ForHandler(handler);
        await Assert.ThrowsAsync<CopilotApiException>(() => client.ChangeSeatsAsync(SeatScope.ForOrganization("octo-org"), SeatAction.Add, AssigneeKind.User, new[] { "a", "b" }, default));
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task Exhausted_connection_retries_become_a_connection_error()
    {
        var handler = new ScriptedHandler((Func<HttpRequestMessage, int, HttpResponseMessage>)((_, _) => throw new HttpRequestException("refused")));
        using var client = Clients.ForHandler(handler, new CopilotClientOptions { MaxRetries = 2 });
        var ex = await Assert.ThrowsAsync<CopilotException>(() => client.GetOrgDetailAsync("octo-org", default));
        Assert.Equal("CopilotSeats.ConnectionFailed", ex.ErrorId);
        Assert.Equal(CopilotErrorCategory.ConnectionError, ex.Category);
        Assert.Equal("Check the network (and any proxy), and that -ApiUrl https://api.github.com is right; then run the command again.", ex.RecommendedAction);
        Assert.Equal(3, handler.Count);
    }

    [Fact]
    public async Task Get_timeouts_are_retried_but_mutation_timeouts_are_reported()
    {
        var handler = new ScriptedHandler(async (req, n, ct) =>
        {
            if (n == 1) await Task.Delay(TimeSpan.FromSeconds(5), ct);
            return req.Method == HttpMethod.Get ? Ok() : ScriptedHandler.Json(HttpStatusCode.Created, """{"seats_created":1}""");
        });
        using var client = Clients.ForHandler(handler, new CopilotClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(200) });
        Assert.Equal(12, (await client.GetOrgDetailAsync("octo-org", default)).TotalSeats);
        Assert.Equal(2, handler.Count);

        var mutationHandler = new ScriptedHandler(async (req, n, ct) => { await Task.Delay(TimeSpan.FromSeconds(5), ct); return Ok(); });
        using var mutating = Clients.ForHandler(mutationHandler, new CopilotClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(200) });
        var ex = await Assert.ThrowsAsync<CopilotException>(() => mutating.ChangeSeatsAsync(SeatScope.ForOrganization("o"), SeatAction.Add, AssigneeKind.User, new[] { "a" }, default));
        Assert.Equal("CopilotSeats.Timeout", ex.ErrorId);
        Assert.Equal(1, mutationHandler.Count);
        Assert.Contains("may or may not have been applied", ex.Message);
        Assert.Equal("Check with Get-CopilotSeat, then run the command again if needed (-TimeoutSec gives GitHub longer).", ex.RecommendedAction);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(403)]
    public async Task Retry_after_is_waited_exactly(int status)
    {
        var clock = new FakeClock();
        var waits = new List<RateLimitWaitInfo>();
        var handler = new ScriptedHandler((_, n) => n == 1 ? Status(status, "You have exceeded a secondary rate limit", ("retry-after", "37")) : Ok());
        using var client = Clients.ForHandler(handler, new CopilotClientOptions { Clock = clock, RateLimitWait = waits.Add });
        await client.GetOrgDetailAsync("octo-org", default);
        Assert.Equal(TimeSpan.FromSeconds(37), clock.TotalDelay);
        Assert.Equal(2, handler.Count);
        Assert.True(waits.Last().Completed);
        Assert.Equal(TimeSpan.FromSeconds(37), waits.First().Remaining);
    }

    [Fact]
    public async Task Secondary_limit_without_hints_waits_60s_then_backs_off()
    {
        var clock = new FakeClock();
        var handler = new ScriptedHandler((_, n) => n <= 3 ? Status(403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.") : Ok());
        using var client = Clients.ForHandler(handler, new CopilotClientOptions { Clock = clock });
        await client.GetOrgDetailAsync("octo-org", default);
        Assert.Equal(TimeSpan.FromSeconds(60 + 120 + 240), clock.TotalDelay);
        Assert.Equal(4, handler.Count);
    }

    [Fact]
    public async Task Secondary_limit_gives_up_after_bounded_waits()
    {
        var clock = new FakeClock();
        var handler = new ScriptedHandler((_, _) => Status(429, "slow down"));
        using var client = Clients.ForHandler(handler, new CopilotClientOptions { Clock = clock, MaxRateLimitRetries = 3, MaxRateLimitWait = TimeSpan.FromHours(2) });
        var ex = await Assert.ThrowsAsync<CopilotRateLimitException>(() => client.GetOrgDetailAsync("octo-org", default));
        Assert.Equal("CopilotSeats.RateLimited", ex.ErrorId);
        Assert.Equal(4, handler.Count);
    }

    [Fact]
    public async Task Exhausted_rate_limit_waits_say_how_many_waits_not_that_the_wait_was_too_long()
    {
        var clock = new FakeClock();
        var handler = new ScriptedHandler((_, _) => Status(429, "slow down", ("retry-after", "30")));
        using var client = Clients.ForHandler(handler, new CopilotClientOptions { Clock = clock, MaxRateLimitRetries = 3 });
        var ex = await Assert.ThrowsAsync<CopilotRateLimitException>(() => client.GetOrgDetailAsync("octo-org", default));
        Assert.Equal("CopilotSeats.RateLimited", ex.ErrorId);
        Assert.Equal(CopilotErrorCategory.LimitsExceeded, ex.Category);
        Assert.True(ex.IsTerminating);
        Assert.Equal(4, handler.Count);
        // Each wait (30 s) was well within MaxRateLimitWait: the message must not claim otherwise.
        Assert.DoesNotContain("MaxRateLimitWait", ex.Message);
        Assert.DoesNotContain("longer than", ex.Message);
        Assert.Contains("after 3 waits", ex.Message);
        Assert.Contains(ex.ResetsAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss") + " UTC", ex.Message);
        Assert.Contains("-ThrottleLimit", ex.RecommendedAction);
        Assert.DoesNotContain("MaxRateLimitWait", ex.RecommendedAction);
    }

    [Fact]
    public async Task Over_long_wait_fails_at_once_with_the_reset_time()
    {
        var clock = new FakeClock();
        var resetAt = clock.UtcNow.AddMinutes(40);
        var handler = new ScriptedHandler((_, _) => Status(403, "API rate limit exceeded", ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", resetAt.ToUnixTimeSeconds().ToString())));
        using var client = Clients.ForHandler(handler, new CopilotClientOptions { Clock = clock });
        var ex = await Assert.ThrowsAsync<CopilotRateLimitException>(() => client.GetOrgDetailAsync("octo-org", default));
        Assert.Equal("CopilotSeats.RateLimited", ex.ErrorId);
        Assert.Equal(1, handler.Count);
        Assert.Equal(resetAt, ex.ResetsAt);
        Assert.Contains("resets at", ex.Message);
        Assert.True(ex.IsTerminating);
        Assert.Equal(CopilotErrorCategory.LimitsExceeded, ex.Category);
        Assert.Contains(resetAt.ToString("yyyy-MM-dd HH:mm:ss"), ex.Message);
        Assert.Equal(TimeSpan.Zero, clock.TotalDelay);
    }

    [Fact]
    public async Task Forbidden_that_is_not_a_rate_limit_is_not_waited()
    {
        var clock = new FakeClock();
        var handler = new ScriptedHandler((_, _) => Status(403, "Resource not accessible by personal access token", ("X-OAuth-Scopes", "read:org"), ("X-Accepted-OAuth-Scopes", "manage_billing:copilot, admin:org")));
        using var client = Clients.ForHandler(handler, new CopilotClientOptions { Clock = clock });
        var ex = await Assert.ThrowsAsync<CopilotApiException>(() => client.ChangeSeatsAsync(SeatScope.ForOrganization("octo-org"), SeatAction.Remove, AssigneeKind.User, new[] { "a" }, default));
        Assert.Equal(CopilotErrorCategory.PermissionDenied, ex.Category);
        Assert.Contains("read:org", ex.Message);
        Assert.Contains("Missing: one of manage_billing:copilot, admin:org", ex.Message);
        Assert.Equal(1, handler.Count);
        Assert.Equal(TimeSpan.FromSeconds(0), clock.TotalDelay);
    }

    [Fact]
    public async Task Mutations_go_one_at_a_time_at_least_one_second_apart()
    {
        var clock = new FakeClock();
        int concurrent = 0, maxConcurrent = 0;
        var sent = new List<DateTimeOffset>();
        var handler = new ScriptedHandler(async (_, _) =>
        {
            int now = Interlocked.Increment(ref concurrent);
            lock (sent) { sent.Add(clock.UtcNow); maxConcurrent = Math.Max(maxConcurrent, now); }
            await Task.Delay(20);
            Interlocked.Decrement(ref concurrent);
            return ScriptedHandler.Json(HttpStatusCode.Created, """{"seats_created":1}""");
        });
        using var client = Clients.ForHandler(handler, new CopilotClientOptions { Clock = clock });
        var scope = SeatScope.ForOrganization("octo-org");
        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => client.ChangeSeatsAsync(scope, SeatAction.Add, AssigneeKind.User, new[] { "u" + i }, default)));
        Assert.Equal(1, maxConcurrent);
        var ordered = sent.OrderBy(t => t).ToList();
        for (int i = 1; i < ordered.Count; i++) Assert.True(ordered[i] - ordered[i - 1] >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Redirect_to_another_host_is_not_followed_with_the_token()
    {
        var handler = new ScriptedHandler((_, _) =>
        {
            var r = new HttpResponseMessage(HttpStatusCode.Found);
            r.Headers.Location = new Uri("https://evil.example.net/steal");
            return r;
        });
        using var client = Clients.ForHandler(handler);
        var ex = await Assert.ThrowsAsync<CopilotException>(() => client.GetOrgDetailAsync("octo-org", default));
        Assert.Equal("CopilotSeats.RedirectRefused", ex.ErrorId);
        Assert.Single(handler.Requests);
        Assert.All(handler.Requests, r => Assert.Equal("api.github.com", r.Uri.Host));
    }

    [Fact]
    public async Task Same_host_redirect_is_followed()
    {
        var handler = new ScriptedHandler((req, n) =>
        {
            if (n == 1)
            {
                var r = new HttpResponseMessage(HttpStatusCode.MovedPermanently);
                r.Headers.Location = new Uri("/orgs/renamed-org/copilot/billing", UriKind.Relative);
                return r;
            }
            return Ok();
        });
        using var client = Clients.ForHandler(handler);
        await client.GetOrgDetailAsync("octo-org", default);
        Assert.Equal("/orgs/renamed-org/copilot/billing", handler.Requests.Last().Uri.AbsolutePath);
    }

    [Fact]
    public async Task Requests_carry_github_headers_and_escaped_segments()
    {
        HttpRequestMessage? seen = null;
        var handler = new ScriptedHandler((req, _) => { seen = req; return Ok(Seat); });
        using var client = Clients.ForHandler(handler);
        await client.GetUserSeatAsync(SeatScope.ForOrganization("octo-org"), "mona_octo", default);
        Assert.NotNull(seen);
        Assert.Equal("/orgs/octo-org/members/mona_octo/copilot", seen!.RequestUri!.AbsolutePath);
        Assert.Equal("application/vnd.github+json", seen.Headers.Accept.Single().MediaType);
        Assert.Equal("2022-11-28", seen.Headers.GetValues("X-GitHub-Api-Version").Single());
        Assert.StartsWith("CopilotSeats", seen.Headers.UserAgent.ToString());
        Assert.Equal("Bearer " + Tokens.Canary, seen.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task Deprecation_headers_warn_once()
    {
        var warnings = new List<string>();
        var handler = new ScriptedHandler((_, _) => ScriptedHandler.Json(HttpStatusCode.OK, Detail, ("Deprecation", "true"), ("Sunset", "Tue, 01 Dec 2026 00:00:00 GMT")));
        using var client = Clients.ForHandler(handler, new CopilotClientOptions { Warning = warnings.Add });
        await client.GetOrgDetailAsync("octo-org", default);
        await client.GetOrgDetailAsync("octo-org", default);
        Assert.Single(warnings);
        Assert.Contains("2022-11-28", warnings[0]);
    }

    [Theory]
    [InlineData(58.0, new[] { 3.0, 2.0, 1.0, 0.0 })] // 3 s left of the window: counted down, then completed
    [InlineData(60.5, new double[0])]                // half a second: no bar
    public async Task A_budget_pause_counts_down_like_a_rate_limit_wait(double spentSecondsAgo, double[] remaining)
    {
        var clock = new FakeClock();
        var budget = new EndpointBudget(1, clock);
        await budget.AcquireAsync("GET /orgs/{org}/copilot/billing", 1, default);
        clock.Advance(TimeSpan.FromSeconds(spentSecondsAgo));
        var waits = new List<RateLimitWaitInfo>();
        using var client = Clients.ForHandler(new ScriptedHandler((_, _) => Ok()), new CopilotClientOptions { Clock = clock, Budget = budget, RateLimitWait = waits.Add });
        await client.GetOrgDetailAsync("octo-org", default);
        Assert.Equal(remaining, waits.Select(w => w.Remaining.TotalSeconds));
        Assert.Equal(remaining.Select(r => r == 0), waits.Select(w => w.Completed));
        Assert.All(waits, w => Assert.Equal(TimeSpan.FromSeconds(remaining.FirstOrDefault()), w.Total));
        Assert.All(waits, w => Assert.Contains("GET /orgs/{org}/copilot/billing", w.Reason));
    }

    /// <summary>Notes each token asked for beside the requests sent, in one list.</summary>
    private sealed class NotedTokens(List<string> events) : ITokenProvider
    {
        public string Source => "GitHubApp";
        public bool CanRenew => false;
        public Task<CopilotToken> GetAsync(Action<string>? verbose, CancellationToken cancellationToken)
        {
            lock (events) events.Add("token");
            return Task.FromResult(Tokens.Token());
        }
        public Task<CopilotToken?> RenewAsync(CopilotToken rejected, Action<string>? verbose, CancellationToken cancellationToken) => Task.FromResult<CopilotToken?>(null);
    }

    // An App's token is checked for freshness when it is taken: a request queued for a -ThrottleLimit slot (behind a long
    // report download, say) takes it after the queue, or it could go out with a token that aged past its margin meanwhile.
    [Fact]
    public async Task A_request_queued_for_a_ThrottleLimit_slot_takes_its_token_after_the_queue()
    {
        var events = new List<string>();
        var first = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new ScriptedHandler((_, n) => { lock (events) events.Add("send " + n); return n == 1 ? first.Task : Task.FromResult(Ok()); });
        var options = new CopilotClientOptions { ThrottleLimit = 1, Clock = new FakeClock(), Random = () => 0.5, PrimaryHandlerFactory = () => handler };
        using var client = new CopilotClient(new ResolvedConnection(new Uri("https://api.github.com/"), CopilotDefaults.ApiVersion, new NotedTokens(events)), options);
        Task one = client.GetOrgDetailAsync("octo-org", default);
        Task two = client.GetOrgDetailAsync("octo-org", default);
        await Task.Delay(300);
        lock (events) Assert.Equal("token, send 1", string.Join(", ", events));
        first.SetResult(Ok());
        await Task.WhenAll(one, two);
        Assert.Equal("token, send 1, token, send 2", string.Join(", ", events));
    }

    // GitHub: stop sending while limited. A request queued for a ThrottleLimit slot when another request meets a 429 goes
    // out only after the pause, not as soon as the slot is free (the pause is recorded before the slot is given back).
    [Fact]
    public async Task A_request_queued_for_a_slot_when_another_meets_a_rate_limit_waits_out_the_pause()
    {
        // The real clock: a fake one would let the limited request's own wait move time on before the queued one sends.
        var sent = new List<DateTimeOffset>();
        var first = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new ScriptedHandler((_, n) => { lock (sent) sent.Add(DateTimeOffset.UtcNow); return n == 1 ? first.Task : Task.FromResult(Ok()); });
        using var client = Clients.ForHandler(handler, new CopilotClientOptions { ThrottleLimit = 1 }, realClock: true, token: "ghp_queued" + Guid.NewGuid().ToString("N"));
        Task one = client.GetOrgDetailAsync("octo-org", default);
        Task two = client.GetOrgDetailAsync("octo-org", default);
        await Task.Delay(300); // the second request holds no slot: it queues for the first's
        DateTimeOffset limited = DateTimeOffset.UtcNow;
        first.SetResult(Status(429, "rate limited", ("retry-after", "2")));
        await Task.WhenAll(one, two);
        lock (sent) Assert.True(sent[1] >= limited + TimeSpan.FromSeconds(1.9), $"the queued request went {(sent[1] - limited).TotalMilliseconds:0} ms after the 429");
    }

    // Four requests in flight together meet one secondary limit without hints: one limit, one 60 s wait (not 60, 120, 240, 480);
    // a limit met again after that wait doubles it.
    [Fact]
    public void Answers_to_requests_in_flight_during_a_secondary_limit_are_that_limit_not_the_next()
    {
        var clock = new FakeClock();
        var reader = new RateLimitReader(clock, TimeSpan.FromSeconds(60));
        var limited = new ApiResponse(403, new Dictionary<string, string>(), System.Text.Encoding.UTF8.GetBytes("{\"message\":\"You have exceeded a secondary rate limit\"}"), new Uri("https://api.github.com/x"));
        Assert.Equal(new[] { 60.0, 60, 60, 60 }, Enumerable.Range(0, 4).Select(_ => reader.Read(limited)!.Wait.TotalSeconds));
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(40, reader.Read(limited)!.Wait.TotalSeconds); // still that limit: its remainder
        clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(120, reader.Read(limited)!.Wait.TotalSeconds);
    }

    // A seat change's retry is a seat change: at least 1 s after the attempt before it, whatever the jitter draws.
    [Fact]
    public async Task A_seat_change_retry_waits_at_least_the_change_spacing()
    {
        var verbose = new List<string>();
        var handler = new ScriptedHandler((_, n) => n < 3 ? Status(503) : Ok("{\"seats_created\":1}"));
        using var client = Clients.ForHandler(handler, new CopilotClientOptions { Random = () => 0.01, Verbose = verbose.Add }, token: "ghp_retry" + Guid.NewGuid().ToString("N"));
        await client.ChangeSeatsAsync(SeatScope.ForOrganization("octo-org"), SeatAction.Add, AssigneeKind.User, new[] { "a" }, default);
        Assert.Equal(new[] { "waiting 1000 ms.", "waiting 1000 ms." }, verbose.Where(v => v.StartsWith("Retry ")).Select(v => v.Substring(v.LastIndexOf("waiting ", StringComparison.Ordinal))));
    }

    /// <summary>A GitHub App's tokens: the first one taken runs <see cref="WhileRenewing"/> (a rate limit met meanwhile).</summary>
    private sealed class RenewingTokens : ITokenProvider
    {
        public Action? WhileRenewing;
        public string Source => "GitHubApp";
        public bool CanRenew => false;
        public Task<CopilotToken> GetAsync(Action<string>? verbose, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref WhileRenewing, null)?.Invoke();
            return Task.FromResult(Tokens.Token());
        }
        public Task<CopilotToken?> RenewAsync(CopilotToken rejected, Action<string>? verbose, CancellationToken cancellationToken) => Task.FromResult<CopilotToken?>(null);
    }

    // A pause that another request began while this one's App token was being renewed holds it too: it sends after the pause.
    [Fact]
    public async Task A_request_whose_token_was_renewed_during_a_rate_limit_pause_waits_it_out()
    {
        var clock = new FakeClock();
        var sent = new List<DateTimeOffset>();
        var handler = new ScriptedHandler((_, _) => { lock (sent) sent.Add(clock.UtcNow); return Ok(); });
        var tokens = new RenewingTokens();
        using var client = new CopilotClient(new ResolvedConnection(new Uri("https://api.github.com/"), CopilotDefaults.ApiVersion, tokens),
            new CopilotClientOptions { Clock = clock, Random = () => 0.5, PrimaryHandlerFactory = () => handler });
        DateTimeOffset start = clock.UtcNow;
        tokens.WhileRenewing = () => ConnectionLimits.For(client.Engine.Connection, clock).Gate.PauseUntil(start + TimeSpan.FromSeconds(30));
        await client.GetOrgDetailAsync("octo-org", default);
        Assert.True(Assert.Single(sent) >= start + TimeSpan.FromSeconds(30), $"sent {Assert.Single(sent) - start} after the pause began");
    }

    // GitHub: seat changes one at a time, at least 1 s apart; a resend after a retry-after of 0 is no exception.
    [Fact]
    public async Task A_seat_change_resent_after_a_rate_limit_of_no_wait_still_goes_a_second_after_its_last_attempt()
    {
        var clock = new FakeClock();
        var sent = new List<DateTimeOffset>();
        var handler = new ScriptedHandler((_, n) => { lock (sent) sent.Add(clock.UtcNow); return n == 1 ? Status(429, "slow down", ("retry-after", "0")) : Ok("{\"seats_cancelled\":1}"); });
        using var client = Clients.ForHandler(handler, new CopilotClientOptions { Clock = clock }, token: "ghp_resend" + Guid.NewGuid().ToString("N"));
        await client.ChangeSeatsAsync(SeatScope.ForOrganization("octo-org"), SeatAction.Remove, AssigneeKind.User, new[] { "a" }, default);
        Assert.Equal(2, sent.Count);
        Assert.True(sent[1] - sent[0] >= TimeSpan.FromSeconds(1), $"resent {sent[1] - sent[0]} after the first attempt");
    }

    // NOTES.md: after a secondary limit, wait at least 60 s, then back off exponentially. A runbook's next command on the
    // same token that meets the next limit in a row backs off further (120 s), not from the start.
    [Fact]
    public async Task The_secondary_limit_back_off_carries_over_to_the_next_command_on_the_token()
    {
        var clock = new FakeClock();
        string token = "ghp_streak" + Guid.NewGuid().ToString("N");
        var handler = new ScriptedHandler((_, _) => Status(403, "You have exceeded a secondary rate limit"));
        var options = new CopilotClientOptions { Clock = clock, MaxRateLimitWait = TimeSpan.FromSeconds(1) };
        using (var first = Clients.ForHandler(handler, options, token: token))
            Assert.Contains("waiting 60 s", (await Assert.ThrowsAsync<CopilotRateLimitException>(() => first.GetOrgDetailAsync("octo-org", default))).Message);
        clock.Advance(TimeSpan.FromSeconds(61));
        using var second = Clients.ForHandler(handler, new CopilotClientOptions { Clock = clock, MaxRateLimitWait = TimeSpan.FromSeconds(1) }, token: token);
        Assert.Contains("waiting 120 s", (await Assert.ThrowsAsync<CopilotRateLimitException>(() => second.GetOrgDetailAsync("octo-org", default))).Message);
    }

    // The second counts from the answer: a first attempt slow to be answered (a new connection, a slow GitHub) still leaves
    // a full second between its answer and the resend, so the resend never reaches GitHub sooner than 1 s after it.
    [Fact]
    public async Task A_seat_change_resend_is_spaced_from_the_answer_of_its_last_attempt()
    {
        var clock = new FakeClock();
        var sent = new List<DateTimeOffset>();
        var handler = new ScriptedHandler((_, n) =>
        {
            lock (sent) sent.Add(clock.UtcNow);
            if (n > 1) return Ok("{\"seats_cancelled\":1}");
            clock.Advance(TimeSpan.FromMilliseconds(500)); // answered half a second after it arrived
            return Status(429, "slow down", ("retry-after", "0"));
        });
        using var client = Clients.ForHandler(handler, new CopilotClientOptions { Clock = clock }, token: "ghp_answered" + Guid.NewGuid().ToString("N"));
        await client.ChangeSeatsAsync(SeatScope.ForOrganization("octo-org"), SeatAction.Remove, AssigneeKind.User, new[] { "a" }, default);
        Assert.True(sent[1] - sent[0] >= TimeSpan.FromSeconds(1.5), $"resent {sent[1] - sent[0]} after the first attempt arrived");
    }
}
