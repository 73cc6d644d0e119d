namespace CopilotSeats.Core.Tests;

internal static class Answers
{
    public static readonly Uri Uri = new("https://api.github.com/orgs/octo-org/copilot/billing");

    public static ApiResponse Of(int status, string body = "", params (string Name, string Value)[] headers)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers) map[name] = value;
        return new ApiResponse(status, map, System.Text.Encoding.UTF8.GetBytes(body), Uri);
    }

    public static ApiRequest Get(Uri? uri = null) =>
        new(HttpMethod.Get, uri ?? Uri, "GET /orgs/{org}/copilot/billing", RequestKind.OrgDetail, SeatScope.ForOrganization("octo-org"), "octo-org");

    public static ApiRequest Post(Uri? uri = null) =>
        new(HttpMethod.Post, uri ?? new Uri("https://api.github.com/orgs/octo-org/copilot/billing/selected_users"), "POST /orgs/{org}/copilot/billing/selected_users",
            RequestKind.AddUsers, SeatScope.ForOrganization("octo-org"), "octo-org", System.Text.Encoding.UTF8.GetBytes("""{"selected_usernames":["a"]}"""));
}

public class RateLimitReaderTests
{
    [Theory]
    [InlineData(200)]
    [InlineData(404)]
    [InlineData(500)]
    public void Other_statuses_are_not_rate_limits(int status)
    {
        var reader = new RateLimitReader(new FakeClock(), TimeSpan.FromSeconds(60));
        Assert.Null(reader.Read(Answers.Of(status, "rate limit", ("retry-after", "5"), ("x-ratelimit-remaining", "0"))));
    }

    [Fact]
    public void A_forbidden_that_names_no_limit_is_not_a_rate_limit()
    {
        var reader = new RateLimitReader(new FakeClock(), TimeSpan.FromSeconds(60));
        Assert.Null(reader.Read(Answers.Of(403, """{"message":"Resource not accessible"}""", ("x-ratelimit-remaining", "4000"))));
    }

    [Fact]
    public void Retry_after_in_seconds_or_as_a_date_comes_first()
    {
        var clock = new FakeClock();
        var reader = new RateLimitReader(clock, TimeSpan.FromSeconds(60));
        var seconds = reader.Read(Answers.Of(429, "", ("retry-after", "37"), ("x-ratelimit-remaining", "0")))!;
        Assert.Equal(TimeSpan.FromSeconds(37), seconds.Wait);
        Assert.Equal(clock.UtcNow.AddSeconds(37), seconds.ResetsAt);
        Assert.Contains("retry after 37 s (429)", seconds.Reason);

        var date = reader.Read(Answers.Of(403, "", ("retry-after", clock.UtcNow.AddSeconds(90).ToString("R"))))!;
        Assert.Equal(TimeSpan.FromSeconds(90), date.Wait);

        var garbage = reader.Read(Answers.Of(403, "", ("retry-after", "soon")))!;
        Assert.Equal(TimeSpan.FromSeconds(60), garbage.Wait);
    }

    [Fact]
    public void Primary_exhaustion_waits_until_the_reset_plus_a_second()
    {
        var clock = new FakeClock();
        var reader = new RateLimitReader(clock, TimeSpan.FromSeconds(60));
        var reset = clock.UtcNow.AddSeconds(120);
        var hit = reader.Read(Answers.Of(403, "API rate limit exceeded", ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", reset.ToUnixTimeSeconds().ToString())))!;
        Assert.Equal(TimeSpan.FromSeconds(121), hit.Wait);
        Assert.Equal(reset, hit.ResetsAt);
        Assert.Contains("primary rate limit exhausted", hit.Reason);

        var past = reader.Read(Answers.Of(403, "", ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", clock.UtcNow.AddSeconds(-5).ToUnixTimeSeconds().ToString())))!;
        Assert.Equal(TimeSpan.FromSeconds(1), past.Wait);
    }

    [Fact]
    public void Secondary_limits_in_a_row_double_up_to_32_times_and_a_success_resets_the_run()
    {
        var clock = new FakeClock();
        var reader = new RateLimitReader(clock, TimeSpan.FromSeconds(10));
        // In a row: each met once the wait before it is over (answers during a wait are that limit, not the next).
        var waits = Enumerable.Range(0, 7).Select(_ =>
        {
            TimeSpan wait = reader.Read(Answers.Of(403, "You have exceeded a secondary rate limit"))!.Wait;
            clock.Advance(wait);
            return wait.TotalSeconds;
        }).ToArray();
        Assert.Equal(new double[] { 10, 20, 40, 80, 160, 320, 320 }, waits);
        reader.Succeeded();
        Assert.Equal(TimeSpan.FromSeconds(10), reader.Read(Answers.Of(429, "slow down"))!.Wait);
    }
}

public class RedirectsTests
{
    private static readonly Uri Api = new("https://api.github.com/");

    private static ApiResponse Moved(int status, string? location) =>
        location is null ? Answers.Of(status) : Answers.Of(status, "", ("Location", location));

    [Theory]
    [InlineData(301, true)]
    [InlineData(302, true)]
    [InlineData(303, true)]
    [InlineData(307, true)]
    [InlineData(308, true)]
    [InlineData(304, false)]
    [InlineData(200, false)]
    public void Redirect_statuses(int status, bool redirect) => Assert.Equal(redirect, Redirects.IsRedirect(status));

    [Fact]
    public void A_same_host_redirect_keeps_the_request_and_changes_the_uri()
    {
        var request = Answers.Get();
        var next = Redirects.Follow(request, Moved(301, "/orgs/renamed/copilot/billing"), 1, Api);
        Assert.Equal("https://api.github.com/orgs/renamed/copilot/billing", next.Uri.ToString());
        Assert.Equal((request.Kind, request.EndpointKey, request.Target), (next.Kind, next.EndpointKey, next.Target));
    }

    [Fact]
    public void Another_host_is_refused()
    {
        var ex = Assert.Throws<CopilotException>(() => Redirects.Follow(Answers.Get(), Moved(307, "https://evil.example.net/x"), 1, Api));
        Assert.Equal("CopilotSeats.RedirectRefused", ex.ErrorId);
        Assert.Contains("evil.example.net", ex.Message);
        Assert.Equal("Check that -ApiUrl is GitHub's REST API itself (such as https://api.github.com), not an address that redirects.", ex.RecommendedAction);
        Assert.Throws<CopilotException>(() => Redirects.EnsureSameOrigin(Answers.Get(), new Uri("http://api.github.com/x"), Api));
        Assert.Throws<CopilotException>(() => Redirects.EnsureSameOrigin(Answers.Get(), new Uri("https://api.github.com:8443/x"), Api));
        Redirects.EnsureSameOrigin(Answers.Get(), new Uri("https://API.GITHUB.COM/x"), Api);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    public void A_seat_change_is_not_replayed(int status)
    {
        var ex = Assert.Throws<CopilotException>(() => Redirects.Follow(Answers.Post(), Moved(status, "/orgs/x/copilot/billing/selected_users"), 1, Api));
        Assert.Equal("CopilotSeats.RedirectRefused", ex.ErrorId);
        Assert.Contains("not replayed", ex.Message);
        Assert.Contains("-ApiUrl", ex.RecommendedAction);
    }

    [Fact]
    public void A_307_or_308_seat_change_is_followed_on_the_same_host()
    {
        var next = Redirects.Follow(Answers.Post(), Moved(308, "/orgs/x/copilot/billing/selected_users"), 1, Api);
        Assert.Equal(HttpMethod.Post, next.Method);
        Assert.NotNull(next.Body);
    }

    [Fact]
    public void No_location_or_a_fourth_redirect_reports_the_answer()
    {
        Assert.IsType<CopilotApiException>(Record.Exception(() => Redirects.Follow(Answers.Get(), Moved(302, null), 1, Api)));
        Assert.IsType<CopilotApiException>(Record.Exception(() => Redirects.Follow(Answers.Get(), Moved(302, "/a"), Redirects.MaxRedirects + 1, Api)));
        Redirects.Follow(Answers.Get(), Moved(302, "/a"), Redirects.MaxRedirects, Api);
    }
}

public class HttpExchangeTests
{
    [Fact]
    public async Task The_message_carries_the_connection_headers_and_a_json_body()
    {
        using var message = HttpExchange.BuildMessage(Answers.Post(), Tokens.Token(), CopilotDefaults.ApiVersion);
        Assert.Equal(HttpMethod.Post, message.Method);
        Assert.Equal("Bearer " + Tokens.Canary, message.Headers.Authorization!.ToString());
        Assert.Equal(CopilotDefaults.ApiVersion, message.Headers.GetValues("X-GitHub-Api-Version").Single());
        Assert.Empty(message.Headers.Accept); // the client pipeline's GitHubHeadersHandler adds Accept and User-Agent
        Assert.Empty(message.Headers.UserAgent);
        Assert.Equal("application/json", message.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", message.Content.Headers.ContentType.CharSet);
        Assert.Equal("""{"selected_usernames":["a"]}""", await message.Content.ReadAsStringAsync());
    }

    [Fact]
    public void A_get_has_no_body()
    {
        using var message = HttpExchange.BuildMessage(Answers.Get(), Tokens.Token(), CopilotDefaults.ApiVersion);
        Assert.Null(message.Content);
    }

    [Fact]
    public void The_answer_keeps_status_headers_and_body()
    {
        using var answer = ScriptedHandler.Json(HttpStatusCode.Accepted, "{}", ("x-ratelimit-remaining", "12"), ("Link", "<a>; rel=\"next\""));
        var response = HttpExchange.ToApiResponse(answer, "{}"u8.ToArray(), Answers.Uri);
        Assert.Equal(202, response.Status);
        Assert.Equal(12, response.IntHeader("X-RateLimit-Remaining"));
        Assert.Equal("<a>; rel=\"next\"", response.Header("link"));
        Assert.StartsWith("application/json", response.Header("Content-Type"));
        Assert.Equal(Answers.Uri, response.Uri);
    }

    [Fact]
    public void A_body_shorter_than_declared_is_an_IO_failure()
    {
        using var answer = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(new byte[10]) };
        answer.Content.Headers.ContentLength = 100;
        var ex = Assert.Throws<IOException>(() => HttpExchange.ToApiResponse(answer, new byte[10], Answers.Uri));
        Assert.Contains("10 of 100 bytes", ex.Message);
    }
}

/// <summary>The retry policy in RequestEngine's remarks, one outcome at a time.</summary>
public class RetryRulesTests
{
    private static AnswerClass Classify(ApiRequest request, int status, RateLimitHit? limit = null) =>
        RetryRules.Classify(request, SendOutcome.Answered(Answers.Of(status), TimeSpan.Zero), limit);

    [Theory]
    [InlineData(200, "Success", "Success")]
    [InlineData(201, "Success", "Success")]
    [InlineData(204, "Success", "Success")]
    [InlineData(302, "Redirect", "Redirect")]
    [InlineData(500, "RetryableFailure", "FinalFailure")]
    [InlineData(502, "RetryableFailure", "RetryableFailure")]
    [InlineData(503, "RetryableFailure", "RetryableFailure")]
    [InlineData(504, "RetryableFailure", "RetryableFailure")]
    [InlineData(400, "FinalFailure", "FinalFailure")]
    [InlineData(401, "FinalFailure", "FinalFailure")]
    [InlineData(403, "FinalFailure", "FinalFailure")]
    [InlineData(404, "FinalFailure", "FinalFailure")]
    [InlineData(422, "FinalFailure", "FinalFailure")]
    [InlineData(429, "FinalFailure", "FinalFailure")]
    public void Statuses(int status, string get, string mutation)
    {
        // (AnswerClass is internal: a theory passes its names.)
        Assert.Equal(get, Classify(Answers.Get(), status).ToString());
        Assert.Equal(mutation, Classify(Answers.Post(), status).ToString());
    }

    [Theory]
    [InlineData(403)]
    [InlineData(429)]
    public void A_rate_limit_is_waited_out_for_any_method(int status)
    {
        var limit = new RateLimitHit(TimeSpan.FromSeconds(5), "r", DateTimeOffset.UtcNow);
        Assert.Equal(AnswerClass.RateLimited, Classify(Answers.Get(), status, limit));
        Assert.Equal(AnswerClass.RateLimited, Classify(Answers.Post(), status, limit));
    }

    [Fact]
    public void Connection_failures_are_retried_but_a_timed_out_seat_change_is_not()
    {
        var refused = SendOutcome.Failed(new HttpRequestException("refused"), timedOut: false, TimeSpan.Zero);
        var timeout = SendOutcome.Failed(new TimeoutException(), timedOut: true, TimeSpan.Zero);
        Assert.Equal(AnswerClass.RetryableFailure, RetryRules.Classify(Answers.Get(), refused, null));
        Assert.Equal(AnswerClass.RetryableFailure, RetryRules.Classify(Answers.Post(), refused, null));
        Assert.Equal(AnswerClass.RetryableFailure, RetryRules.Classify(Answers.Get(), timeout, null));
        Assert.Equal(AnswerClass.FinalFailure, RetryRules.Classify(Answers.Post(), timeout, null));
    }
}
