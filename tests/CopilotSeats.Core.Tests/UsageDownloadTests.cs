using System.IO.Compression;
using System.Text;
using CopilotSeats.Simulator;
using CopilotSeats.Usage;

namespace CopilotSeats.Core.Tests;

/// <summary>Report downloads against a scripted host: no token, redaction, redirects, retries, link refresh and resume, gzip, bad lines.</summary>
public class UsageDownloadTests
{
    private const string Signature = "SIGcanary0123456789abcdef";
    private static readonly SeatScope Org = SeatScope.ForOrganization("octo-org");

    private static string Lines(int file, int from, int to) =>
        string.Concat(Enumerable.Range(from, to - from + 1).Select(n => $"{{\"day\":\"2026-11-01\",\"user_login\":\"f{file}-u{n}\",\"user_initiated_interaction_count\":{n}}}\n"));

    private static string LinksJson(string host, int generation, int files = 2) =>
        "{\"download_links\":[" + string.Join(",", Enumerable.Range(1, files).Select(f => $"\"{host}/r/{f}.ndjson?se={generation}&sig={Signature}{generation}\"")) + "],\"report_start_day\":\"2026-10-05\",\"report_end_day\":\"2026-11-01\"}";

    private static HttpResponseMessage Ndjson(string text, bool gzip = false)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        if (gzip)
        {
            using var packed = new MemoryStream();
            using (var z = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true)) z.Write(bytes);
            bytes = packed.ToArray();
        }
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) };
    }

    /// <summary>A body that gives <paramref name="text"/>, then fails as a dropped connection does.</summary>
    private sealed class DroppingStream : MemoryStream
    {
        public DroppingStream(string text) : base(Encoding.UTF8.GetBytes(text)) { }
        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            int n = await base.ReadAsync(buffer, offset, count, cancellationToken);
            return n > 0 ? n : throw new IOException("The response ended prematurely.");
        }
    }

    private static async Task<(List<string> Logins, List<CopilotException> Bad, List<string> Said, UsageReportResult Result)> Read(ScriptedHandler handler,
        UsageReportKind kind = UsageReportKind.Users, DateTime? day = null, int maxRetries = 4)
    {
        var said = new List<string>();
        var options = new CopilotClientOptions { Verbose = said.Add, Warning = said.Add, Debug = said.Add, MaxRetries = maxRetries };
        using var client = Clients.ForHandler(handler, options);
        var logins = new List<string>();
        var bad = new List<CopilotException>();
        var result = await client.Usage().ReadAsync(Org, kind, day, UsageRecordFormat.Typed,
            (batch, _) => { logins.AddRange(batch.Cast<CopilotUserUsage>().Select(u => u.Login!)); return Task.CompletedTask; },
            (error, _) => { bad.Add(error); return Task.CompletedTask; }, CancellationToken.None);
        return (logins, bad, said, result);
    }

    private static List<string> Expected(params (int File, int From, int To)[] parts) =>
        parts.SelectMany(p => Enumerable.Range(p.From, p.To - p.From + 1).Select(n => $"f{p.File}-u{n}")).ToList();

    [Fact]
    public async Task Downloads_carry_no_authorization_and_no_token_and_messages_never_show_the_signature()
    {
        var seen = new List<HttpRequestMessage>();
        var handler = new ScriptedHandler((request, n) =>
        {
            seen.Add(request);
            if (request.RequestUri!.Host == "api.github.com") return ScriptedHandler.Json(HttpStatusCode.OK, LinksJson("https://blob.example.net", 1));
            return Ndjson(Lines(int.Parse(request.RequestUri.AbsolutePath[3..4]), 1, 3));
        });
        var (logins, bad, said, result) = await Read(handler);
        Assert.Equal(Expected((1, 1, 3), (2, 1, 3)), logins);
        Assert.Empty(bad);
        var downloads = seen.Where(r => r.RequestUri!.Host == "blob.example.net").ToList();
        Assert.Equal(2, downloads.Count);
        Assert.All(downloads, r =>
        {
            Assert.Null(r.Headers.Authorization);
            Assert.DoesNotContain(r.Headers, h => h.Key == "X-GitHub-Api-Version" || h.Value.Any(v => v.Contains(Tokens.Canary)));
        });
        Assert.NotNull(seen.Single(r => r.RequestUri!.Host == "api.github.com").Headers.Authorization);
        Assert.Contains(said, s => s.Contains("https://blob.example.net/r/1.ndjson"));
        Assert.DoesNotContain(said, s => s.Contains(Signature) || s.Contains(Tokens.Canary));
        Assert.Equal((6L, 0L, 0), (result.Records, result.BadLines, result.Refreshes));
    }

    [Fact]
    public async Task An_expired_link_mid_file_is_refreshed_and_the_file_resumes_with_nothing_duplicated_or_lost()
    {
        int linkRequests = 0;
        var handler = new ScriptedHandler((request, n) =>
        {
            Uri uri = request.RequestUri!;
            if (uri.Host == "api.github.com") return ScriptedHandler.Json(HttpStatusCode.OK, LinksJson("https://blob.example.net", ++linkRequests));
            bool fresh = uri.Query.Contains("se=2");
            if (uri.AbsolutePath == "/r/1.ndjson" && !fresh)
            {
                // First attempt: 4 lines, then the connection drops; afterwards the old link has expired.
                return request.Headers.Contains("X-Tried")
                    ? new HttpResponseMessage(HttpStatusCode.Forbidden)
                    : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new DroppingStream(Lines(1, 1, 4) + "{\"day\":\"2026-11-01\",\"user_lo")) };
            }
            return Ndjson(Lines(int.Parse(uri.AbsolutePath[3..4]), 1, 9));
        });
        var marking = new MarkingHandler(handler);
        var (logins, bad, said, result) = await ReadThrough(marking);
        Assert.Equal(Expected((1, 1, 9), (2, 1, 9)), logins);
        Assert.Empty(bad);
        Assert.Equal(2, linkRequests);
        Assert.Equal(1, result.Refreshes);
        Assert.Contains(said, s => s.Contains("asking GitHub for fresh links") && s.Contains("after line 4"));
        Assert.DoesNotContain(said, s => s.Contains(Signature));
    }

    /// <summary>Marks every request to the first link after its first attempt (a retry), so the script can answer it 403.</summary>
    private sealed class MarkingHandler : DelegatingHandler
    {
        private int _first;
        public MarkingHandler(HttpMessageHandler inner) : base(inner) { }
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath == "/r/1.ndjson" && !request.RequestUri.Query.Contains("se=2") && Interlocked.Exchange(ref _first, 1) == 1)
                request.Headers.TryAddWithoutValidation("X-Tried", "1");
            return base.SendAsync(request, cancellationToken);
        }
    }

    private static async Task<(List<string> Logins, List<CopilotException> Bad, List<string> Said, UsageReportResult Result)> ReadThrough(HttpMessageHandler handler)
    {
        var said = new List<string>();
        var options = new CopilotClientOptions { Verbose = said.Add, Warning = said.Add, PrimaryHandlerFactory = () => handler, Clock = new FakeClock(), Random = () => 0.5 };
        using var client = new CopilotClient(new ResolvedConnection(new Uri("https://api.github.com/"), CopilotDefaults.ApiVersion, Tokens.Token()), options);
        var logins = new List<string>();
        var bad = new List<CopilotException>();
        var result = await client.Usage().ReadAsync(Org, UsageReportKind.Users, null, UsageRecordFormat.Typed,
            (batch, _) => { logins.AddRange(batch.Cast<CopilotUserUsage>().Select(u => u.Login!)); return Task.CompletedTask; },
            (error, _) => { bad.Add(error); return Task.CompletedTask; }, CancellationToken.None);
        return (logins, bad, said, result);
    }

    [Fact]
    public async Task A_link_refused_again_right_after_fresh_links_is_an_error_naming_no_signature()
    {
        var handler = new ScriptedHandler((request, n) => request.RequestUri!.Host == "api.github.com"
            ? ScriptedHandler.Json(HttpStatusCode.OK, LinksJson("https://blob.example.net", n))
            : new HttpResponseMessage(HttpStatusCode.Forbidden));
        var error = await Assert.ThrowsAsync<CopilotException>(() => Read(handler));
        Assert.Equal("CopilotSeats.DownloadRefused", error.ErrorId);
        Assert.Equal(CopilotErrorCategory.PermissionDenied, error.Category);
        Assert.DoesNotContain(Signature, error.Message);
        Assert.Contains("https://blob.example.net/r/1.ndjson", error.Message);
    }

    [Fact]
    public async Task Server_errors_and_drops_are_retried_like_a_get_and_gzip_bodies_are_decoded()
    {
        int file1 = 0;
        var handler = new ScriptedHandler((request, n) =>
        {
            if (request.RequestUri!.Host == "api.github.com") return ScriptedHandler.Json(HttpStatusCode.OK, LinksJson("https://blob.example.net", 1));
            if (request.RequestUri.AbsolutePath == "/r/1.ndjson")
                return ++file1 switch
                {
                    1 => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
                    2 => throw new HttpRequestException("Connection reset by peer"),
                    _ => Ndjson(Lines(1, 1, 5), gzip: true),
                };
            return Ndjson(Lines(2, 1, 2), gzip: true);
        });
        var (logins, _, said, _) = await Read(handler);
        Assert.Equal(Expected((1, 1, 5), (2, 1, 2)), logins);
        Assert.Equal(3, file1);
        Assert.Equal(2, said.Count(s => s.StartsWith("Retry ")));
    }

    [Fact]
    public async Task Retries_end_after_MaxRetries_with_DownloadFailed()
    {
        var handler = new ScriptedHandler((request, n) => request.RequestUri!.Host == "api.github.com"
            ? ScriptedHandler.Json(HttpStatusCode.OK, LinksJson("https://blob.example.net", 1))
            : new HttpResponseMessage(HttpStatusCode.BadGateway));
        var error = await Assert.ThrowsAsync<CopilotException>(() => Read(handler, maxRetries: 2));
        Assert.Equal("CopilotSeats.DownloadFailed", error.ErrorId);
        Assert.Equal(4, handler.Count); // the links, then 3 attempts
    }

    [Theory]
    [InlineData("https://cdn.example.net/r/1.ndjson?sig=other", true)]
    [InlineData("http://cdn.example.net/r/1.ndjson?sig=other", false)]
    public async Task Redirects_are_followed_only_to_https(string location, bool followed)
    {
        var handler = new ScriptedHandler((request, n) =>
        {
            Uri uri = request.RequestUri!;
            if (uri.Host == "api.github.com") return ScriptedHandler.Json(HttpStatusCode.OK, LinksJson("https://blob.example.net", 1));
            if (uri.Host == "blob.example.net" && uri.AbsolutePath == "/r/1.ndjson")
                return new HttpResponseMessage(HttpStatusCode.Redirect) { Headers = { Location = new Uri(location) } };
            return Ndjson(Lines(uri.AbsolutePath == "/r/1.ndjson" ? 1 : 2, 1, 2));
        });
        CopilotException? error = await ReadRedirected(handler, followed);
        if (error != null) Assert.DoesNotContain("sig=", error.Message);
    }

    /// <summary>Reads both files whole when the redirect is <paramref name="followed"/>; else asserts and returns the DownloadRedirectRefused error.</summary>
    private static async Task<CopilotException?> ReadRedirected(ScriptedHandler handler, bool followed)
    {
        if (followed)
        {
            var (logins, _, _, _) = await Read(handler);
            Assert.Equal(Expected((1, 1, 2), (2, 1, 2)), logins);
            return null;
        }
        var error = await Assert.ThrowsAsync<CopilotException>(() => Read(handler));
        Assert.Equal("CopilotSeats.DownloadRedirectRefused", error.ErrorId);
        return error;
    }

    [Theory]
    [InlineData("http://127.0.0.1:9", "http://127.0.0.1:9/hop/1.ndjson", true)]   // a local server redirecting to itself
    [InlineData("http://localhost:9", "http://127.0.0.2:9/hop/1.ndjson", true)]
    [InlineData("https://blob.example.net", "http://127.0.0.1:9/hop/1.ndjson", false)] // never from https down to http
    [InlineData("http://127.0.0.1:9", "http://cdn.example.net/hop/1.ndjson", false)]
    public async Task Loopback_http_may_redirect_only_to_loopback_http(string linkBase, string location, bool followed)
    {
        var handler = new ScriptedHandler((request, n) =>
        {
            Uri uri = request.RequestUri!;
            if (uri.Host == "api.github.com") return ScriptedHandler.Json(HttpStatusCode.OK, LinksJson(linkBase, 1));
            if (uri.AbsolutePath == "/r/1.ndjson")
                return new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri(location) } };
            return Ndjson(Lines(uri.AbsolutePath == "/hop/1.ndjson" ? 1 : 2, 1, 2));
        });
        await ReadRedirected(handler, followed);
    }

    [Fact]
    public async Task Three_loopback_redirects_are_followed_and_a_fourth_is_refused()
    {
        int hops = 3;
        var handler = new ScriptedHandler((request, n) =>
        {
            Uri uri = request.RequestUri!;
            if (uri.Host == "api.github.com") return ScriptedHandler.Json(HttpStatusCode.OK, LinksJson("http://127.0.0.1:9", 1, files: 1));
            int hop = uri.AbsolutePath.StartsWith("/hop", StringComparison.Ordinal) ? int.Parse(uri.AbsolutePath.Substring(4)) : 0;
            if (hop < hops) return new HttpResponseMessage(HttpStatusCode.TemporaryRedirect) { Headers = { Location = new Uri($"http://127.0.0.1:9/hop{hop + 1}") } };
            return Ndjson(Lines(1, 1, 2));
        });
        var (logins, _, _, _) = await Read(handler);
        Assert.Equal(Expected((1, 1, 2)), logins);
        hops = 4;
        var error = await Assert.ThrowsAsync<CopilotException>(() => Read(handler));
        Assert.Equal("CopilotSeats.DownloadRedirectRefused", error.ErrorId);
    }

    [Fact]
    public async Task More_than_three_redirects_are_refused()
    {
        var handler = new ScriptedHandler((request, n) => request.RequestUri!.Host == "api.github.com"
            ? ScriptedHandler.Json(HttpStatusCode.OK, LinksJson("https://blob.example.net", 1))
            : new HttpResponseMessage(HttpStatusCode.TemporaryRedirect) { Headers = { Location = new Uri($"https://blob.example.net/hop{n}") } });
        var error = await Assert.ThrowsAsync<CopilotException>(() => Read(handler));
        Assert.Equal("CopilotSeats.DownloadRedirectRefused", error.ErrorId);
        Assert.Equal(1 + 4, handler.Count);
    }

    [Fact]
    public async Task A_bad_line_is_reported_with_its_file_and_line_and_the_rest_still_comes()
    {
        var handler = new ScriptedHandler((request, n) => request.RequestUri!.Host == "api.github.com"
            ? ScriptedHandler.Json(HttpStatusCode.OK, LinksJson("https://blob.example.net", 1))
            : Ndjson(request.RequestUri.AbsolutePath == "/r/1.ndjson" ? Lines(1, 1, 2) : Lines(2, 1, 1) + "\n{oops\n" + Lines(2, 4, 5)));
        var (logins, bad, _, result) = await Read(handler);
        Assert.Equal(Expected((1, 1, 2), (2, 1, 1), (2, 4, 5)), logins);
        var error = Assert.Single(bad);
        Assert.Equal(("CopilotSeats.BadReportLine", CopilotErrorCategory.InvalidData), (error.ErrorId, error.Category));
        var where = Assert.IsType<CopilotReportLine>(error.TargetObject);
        Assert.Equal((2, 3L), (where.File, where.Line));
        Assert.Equal(1, result.BadLines);
    }

    [Fact]
    public async Task No_data_204_means_no_download_and_a_result_that_says_so()
    {
        var handler = new ScriptedHandler((request, n) => new HttpResponseMessage(HttpStatusCode.NoContent));
        var (logins, _, _, result) = await Read(handler, day: new DateTime(2026, 11, 2));
        Assert.Empty(logins);
        Assert.True(result.Links.NoData);
        Assert.Equal(1, handler.Count);
        Assert.Contains("users-1-day?day=2026-11-02", handler.Requests.Single().Uri.ToString());
    }

    [Theory]
    [InlineData(UsageReportKind.Users, null, "/orgs/octo-org/copilot/metrics/reports/users-28-day/latest")]
    [InlineData(UsageReportKind.Users, "2026-11-02", "/orgs/octo-org/copilot/metrics/reports/users-1-day?day=2026-11-02")]
    [InlineData(UsageReportKind.Summary, null, "/orgs/octo-org/copilot/metrics/reports/organization-28-day/latest")]
    [InlineData(UsageReportKind.Summary, "2026-11-02", "/orgs/octo-org/copilot/metrics/reports/organization-1-day?day=2026-11-02")]
    [InlineData(UsageReportKind.UserTeams, "2026-11-02", "/orgs/octo-org/copilot/metrics/reports/user-teams-1-day?day=2026-11-02")]
    [InlineData(UsageReportKind.Repositories, "2026-11-02", "/orgs/octo-org/copilot/metrics/reports/repos-1-day?day=2026-11-02")]
    public void Report_paths_are_the_documented_ones(UsageReportKind kind, string? day, string path) =>
        Assert.Equal(path.TrimStart('/'), UsageReportSpec.RelativePath(Org, kind, day is null ? null : DateTime.Parse(day)));

    [Fact]
    public void Enterprise_summary_paths_and_day_only_reports()
    {
        Assert.Equal("enterprises/octo-ent/copilot/metrics/reports/enterprise-28-day/latest", UsageReportSpec.RelativePath(SeatScope.ForEnterprise("octo-ent"), UsageReportKind.Summary, null));
        Assert.Equal("CopilotSeats.DayRequired", Assert.Throws<CopilotException>(() => UsageReportSpec.RelativePath(Org, UsageReportKind.UserTeams, null)).ErrorId);
    }
}

/// <summary>A report download holds one of the ThrottleLimit slots while it reads its file.</summary>
public class UsageThrottleTests
{
    /// <summary>A body that takes a while to read, and says when it is done.</summary>
    private sealed class SlowBody : MemoryStream
    {
        private readonly Action _done;
        public SlowBody(string text, Action done) : base(System.Text.Encoding.UTF8.GetBytes(text)) => _done = done;
        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            await Task.Delay(30, cancellationToken);
            int n = await base.ReadAsync(buffer, offset, Math.Min(count, 64), cancellationToken);
            if (n == 0) _done();
            return n;
        }
    }

    [Fact]
    public async Task With_ThrottleLimit_1_no_seat_page_is_requested_while_a_report_file_downloads()
    {
        int downloading = 0, overlaps = 0, downloads = 0;
        string file = string.Concat(Enumerable.Range(1, 20).Select(n => $"{{\"day\":\"2026-11-01\",\"user_login\":\"u{n}\",\"used_chat\":true}}\n"));
        var handler = new ScriptedHandler((request, n) =>
        {
            Uri uri = request.RequestUri!;
            if (uri.Host == "blob.example.net")
            {
                Interlocked.Increment(ref downloads);
                Interlocked.Increment(ref downloading);
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new SlowBody(file, () => Interlocked.Decrement(ref downloading))) };
            }
            if (uri.AbsolutePath.Contains("/metrics/"))
                return ScriptedHandler.Json(HttpStatusCode.OK, "{\"download_links\":[\"https://blob.example.net/1\",\"https://blob.example.net/2\"],\"report_start_day\":\"2026-10-05\",\"report_end_day\":\"2026-11-01\"}");
            if (Volatile.Read(ref downloading) > 0) Interlocked.Increment(ref overlaps);
            int page = int.Parse(System.Web.HttpUtility.ParseQueryString(uri.Query)["page"] ?? "1");
            string seats = string.Join(",", Enumerable.Range(1, 2).Select(i => $"{{\"created_at\":\"2026-01-01T00:00:00Z\",\"assignee\":{{\"login\":\"p{page}-{i}\",\"id\":{page * 10 + i}}}}}"));
            var links = page < 5 ? $"<https://api.github.com/orgs/octo-org/copilot/billing/seats?per_page=2&page={page + 1}>; rel=\"next\", <https://api.github.com/orgs/octo-org/copilot/billing/seats?per_page=2&page=5>; rel=\"last\"" : "";
            return ScriptedHandler.Json(HttpStatusCode.OK, $"{{\"total_seats\":10,\"seats\":[{seats}]}}", ("Link", links));
        });
        using var client = Clients.ForHandler(handler, new CopilotClientOptions { ThrottleLimit = 1 }, realClock: true);
        var scope = SeatScope.ForOrganization("octo-org");
        int records = 0, seatsSeen = 0;
        Task report = client.Usage().ReadAsync(scope, CopilotSeats.Usage.UsageReportKind.Users, null, CopilotSeats.Usage.UsageRecordFormat.Typed,
            (batch, _) => { Interlocked.Add(ref records, batch.Count); return Task.CompletedTask; }, null, CancellationToken.None);
        Task listing = client.ListSeatsAsync(scope, (page, _) => { Interlocked.Add(ref seatsSeen, page.Count); return Task.CompletedTask; }, 2, CancellationToken.None);
        await Task.WhenAll(report, listing);
        Assert.Equal((40, 10, 2), (records, seatsSeen, downloads));
        Assert.Equal(0, overlaps);
    }
}
