using System.Management.Automation;
using System.Text.RegularExpressions;
using CopilotSeats.Simulator;
using Xunit;

namespace CopilotSeats.Runspace.Tests;

/// <summary>Verbose, debug, progress and error streams as a real engine collects them; the token never leaks; rate limits.</summary>
public sealed class StreamTests : SessionTests
{
    private const string BadCanary = "sim_bad_canary_rs_456";
    private static readonly Regex RequestLine = new(@"^(GET|POST|DELETE) (http://127\.0\.0\.1:\d+(/\S*)) -> (\d{3}) in (\d+) ms", RegexOptions.CultureInvariant);

    public StreamTests(PowerShellSession ps) : base(ps) { }

    private static List<Match> RequestLines(PsResult r) =>
        r.Verbose.Select(v => RequestLine.Match(v.Message)).Where(m => m.Success).ToList();

    [Fact]
    public void Verbose_writes_one_record_per_request_with_method_url_status_and_ms()
    {
        var r = Ps.Run("Get-CopilotSeat -Organization octo-org -PageSize 50 -Verbose -Token $tok -ApiUrl $api");
        Assert.Equal(120, r.Ok().Count);
        var requests = Requests;
        Assert.Equal(3, requests.Count);
        var lines = RequestLines(r);
        Assert.Equal(requests.Count, lines.Count);
        foreach (LoggedRequest request in requests)
        {
            string pathAndQuery = request.Path + (string.IsNullOrEmpty(request.Query) ? "" : (request.Query.StartsWith('?') ? "" : "?") + request.Query);
            Assert.Single(lines, m => m.Groups[1].Value == request.Method && m.Groups[3].Value == pathAndQuery && m.Groups[4].Value == "200");
        }
    }

    [Fact]
    public void Verbose_for_a_change_has_the_DELETE_line_and_without_Verbose_the_stream_is_empty()
    {
        var r = Ps.Run("Remove-CopilotUser -Organization octo-org -UserName user-0001 -Force -Verbose -Token $tok -ApiUrl $api");
        Assert.Single(r.Ok());
        Match line = Assert.Single(RequestLines(r));
        Assert.Equal(("DELETE", "/orgs/octo-org/copilot/billing/selected_users", "200"), (line.Groups[1].Value, line.Groups[3].Value, line.Groups[4].Value));

        var quiet = Ps.Run("Get-CopilotSeat -Organization octo-org -Token $tok -ApiUrl $api");
        Assert.Equal(120, quiet.Ok().Count);
        Assert.Empty(quiet.Verbose);
    }

    [Fact]
    public void The_canary_token_appears_in_no_stream_error_or_simulator_log_entry()
    {
        Ps.SetVariable("badtok", PowerShellSession.Secure(BadCanary));
        var runs = new List<PsResult>
        {
            Ps.Run("Get-CopilotSeat -Organization octo-org -PageSize 60 -Verbose -Debug -InformationAction Continue -Token $tok -ApiUrl $api"),
            Ps.Run("Get-CopilotSeat -Organization octo-org -UserName octocat, ghost-x -Verbose -Debug -Token $tok -ApiUrl $api"),
            Ps.Run("Get-CopilotOrgDetail -Organization octo-org -Verbose -Debug -Token $tok -ApiUrl $api"),
            Ps.Run("Remove-CopilotUser -Organization octo-org -UserName team1-member-1, user-0001 -Force -Verbose -Debug -Token $tok -ApiUrl $api"),
            Ps.Run("Add-CopilotUser -Organization octo-org -UserName no-seat-1 -WhatIf -Verbose -Debug -Token $tok -ApiUrl $api"),
            Ps.Run("Get-CopilotSeat -Organization octo-org -Verbose -Debug -Token $badtok -ApiUrl $api"),
            Ps.Run("Remove-CopilotUser -Organization octo-org -UserName user-0002 -Force -Verbose -Debug -Token $badtok -ApiUrl $api"),
            Ps.Run("$Error | ForEach-Object { $_.ToString(); \"$($_.Exception)\"; \"$($_.ErrorDetails)\"; $_.ScriptStackTrace }"),
        };

        // Sanity: the runs did produce every kind of record we search.
        Assert.Contains(runs, r => r.Output.Count > 0);
        Assert.Contains(runs, r => r.Verbose.Count > 0);
        Assert.Contains(runs, r => r.Debug.Count > 0);
        Assert.Contains(runs, r => r.Errors.Count > 0);
        Assert.Contains(runs, r => r.Terminating != null);
        Assert.Contains(runs, r => r.HostLines.Count > 0);
        Assert.True(runs[^1].Output.Count >= 4, "$Error should hold the 404, 422 and 401 errors");

        foreach (PsResult r in runs)
            foreach (string text in r.AllText())
            {
                Assert.DoesNotContain(PowerShellSession.Canary, text);
                Assert.DoesNotContain(BadCanary, text);
            }

        var log = Requests;
        Assert.True(log.Count >= 8);
        Assert.All(log, entry => Assert.True(entry.HadAuthorization));
        foreach (LoggedRequest entry in log)
            foreach (string? field in new[] { entry.Method, entry.Path, entry.Query, entry.Body, entry.UserAgent, entry.ApiVersion, entry.Fault })
            {
                Assert.DoesNotContain(PowerShellSession.Canary, field ?? "");
                Assert.DoesNotContain(BadCanary, field ?? "");
            }
    }

    [Fact]
    public void A_rate_limit_longer_than_MaxRateLimitWait_in_seconds_is_terminating_after_one_request()
    {
        Ps.Sim.Faults = new FaultSettings { RateLimit = new RateLimitFault { Kind = "primary", Times = 1, ResetInSeconds = 600 } };
        var r = Ps.Run("Get-CopilotSeat -Organization octo-org -MaxRateLimitWait 1 -Token $tok -ApiUrl $api; 'after'");
        Assert.Empty(r.Output);
        ErrorRecord error = Assert.IsType<ErrorRecord>(r.Terminating);
        AssertError(error, "CopilotSeats.RateLimited", ErrorCategory.LimitsExceeded);
        Assert.Contains("(1 s)", error.Exception.Message); // the number 1 meant one second, not one tick
        Assert.False(string.IsNullOrEmpty(error.ErrorDetails?.RecommendedAction));
        Assert.Equal(403, Assert.Single(Requests).Status);
        Assert.True(r.Elapsed < TimeSpan.FromSeconds(10), $"took {r.Elapsed}");
    }

    [Fact]
    public void A_429_with_retry_after_1_is_waited_out_with_progress_and_the_listing_completes()
    {
        Ps.Sim.Faults = new FaultSettings { RateLimit = new RateLimitFault { Kind = "retry-after-429", Times = 1, RetryAfterSeconds = 1 } };
        // -MaxRateLimitWait 5 means 5 s; as 5 ticks the 1 s wait would be refused.
        var r = Ps.Run("Get-CopilotSeat -Organization octo-org -MaxRateLimitWait 5 -Token $tok -ApiUrl $api");
        Assert.Equal(120, r.Ok().Count);
        Assert.True(r.Elapsed >= TimeSpan.FromMilliseconds(900), $"finished after {r.Elapsed}, before the retry-after");
        var requests = Requests;
        Assert.Equal(3, requests.Count);
        Assert.Equal(429, requests[0].Status);
        Assert.All(requests.Skip(1), q => Assert.Equal(200, q.Status));
        Assert.NotEmpty(r.Progress);
        Assert.Equal(ProgressRecordType.Completed, r.Progress[^1].RecordType);
    }
}
