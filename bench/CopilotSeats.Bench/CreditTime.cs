// Get-CopilotCreditUsage per user: one AI-credit report request per user, for 100, 1,000 and 2,000 users of a 1,000-seat
// organization (the same listing before each, so the runs differ only in the users asked; 2,000 asks each user twice), each against its own
// simulator with 100 ms latency and GitHub's secondary limits enforced (900 points a minute per endpoint, 100
// concurrent), in a fresh pwsh (-ThrottleLimit 16). The figure to beat is the time GitHub's documented budget allows
// for N requests to one endpoint: all of them at once within 100 concurrent, 900 per minute, so 1,000 requests need
// the first 900 (9 rounds of 100 ms), a wait for the minute to pass, then the last 100 (one round). Memory: the pwsh
// process's peak working set must not follow the number of users.
using System.Text.Json;
using CopilotSeats.Simulator;

static class CreditTime
{
    public const int LatencyMs = 100;

    public readonly record struct Run(int Users, long Items, int Requests, double Seconds, double PeakWorkingSetMb, int MaxPointsPerMinute, int MaxConcurrent);

    /// <summary>GitHub's floor for <paramref name="requests"/> GETs to one endpoint: 900 a minute, 100 at a time, each taking the latency.</summary>
    public static double BudgetSeconds(int requests)
    {
        int fullMinutes = (requests - 1) / 900;
        int rest = requests - fullMinutes * 900;
        return fullMinutes * 60 + Math.Ceiling(rest / 100.0) * LatencyMs / 1000.0;
    }

    public static async Task<Run?> MeasureAsync(int users, int seats = 1_000)
    {
        if (PwshRun.Find() is not { } found) { Console.WriteLine("No pwsh or no built module: skipping the Get-CopilotCreditUsage figures."); return null; }
        var (manifest, pwsh) = found;
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Seats = seats });
        string script = $$"""
            $ErrorActionPreference = 'Stop'
            $ProgressPreference = 'SilentlyContinue'
            Import-Module '{{manifest}}'
            $c = @{ ApiUrl = '{{sim.BaseUri}}'; Token = (ConvertTo-SecureString sim_bench_token -AsPlainText -Force) }
            $all = @(Get-CopilotSeat -Organization octo-org @c -PageSize 100).Login
            $logins = @(for ($i = 0; $i -lt {{users}}; $i++) { $all[$i % $all.Count] })
            Invoke-RestMethod -Method Put -Uri '{{sim.BaseUri}}_simulator/faults' -ContentType 'application/json' -Body '{"latencyMs": {{LatencyMs}}, "enforcePointsPerMinute": 900, "enforceConcurrency": 100}' | Out-Null
            $w = [Diagnostics.Stopwatch]::StartNew()
            $n = (Get-CopilotCreditUsage -Organization octo-org -UserName $logins -ThrottleLimit 16 @c | Measure-Object).Count
            $w.Stop()
            $me = [Diagnostics.Process]::GetCurrentProcess(); $me.Refresh()
            @{ users = $logins.Count; items = $n; seconds = $w.Elapsed.TotalSeconds; peak = $me.PeakWorkingSet64 } | ConvertTo-Json -Compress
            """;
        using var doc = await PwshRun.JsonAsync(pwsh, script, "Get-CopilotCreditUsage");
        var r = doc.RootElement;
        using var stats = JsonDocument.Parse(await new HttpClient().GetStringAsync(new Uri(sim.BaseUri, "/_simulator/stats")));
        int maxPoints = stats.RootElement.GetProperty("maxPointsPerMinute").EnumerateObject().Where(p => p.Name.Contains("ai_credit")).Select(p => p.Value.GetInt32()).DefaultIfEmpty(0).Max();
        int requests = sim.Log.Snapshot().Count(e => e.Path.EndsWith("/ai_credit/usage", StringComparison.Ordinal));
        return new Run(r.GetProperty("users").GetInt32(), r.GetProperty("items").GetInt64(), requests, r.GetProperty("seconds").GetDouble(),
            r.GetProperty("peak").GetInt64() / 1048576.0, maxPoints, stats.RootElement.GetProperty("maxConcurrent").GetInt32());
    }
}
