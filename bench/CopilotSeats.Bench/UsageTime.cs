// Get-CopilotUsage on the simulator: the latest 28-day users report of a 100-user and a 10,000-user organization
// (2,800 and 280,000 records), each counted with `Get-CopilotUsage -Organization o | Measure-Object` in a fresh
// pwsh (records per second, and the pwsh process's peak working set: memory must not follow the report's size),
// and the 10,000-user report counted the way a script would (Invoke-RestMethod for the links, Invoke-WebRequest per
// file, ConvertFrom-Json per line) in the same run. The script runs at a few hundred records a second, so it counts
// only the first ScriptSample records (a whole 280,000-record report would take it a quarter of an hour): its
// records per second over that sample are what the module's are compared with.
using System.Diagnostics;
using System.Text.Json;
using CopilotSeats.Simulator;

static class UsageTime
{
    public readonly record struct Run(long Records, double Seconds, double PeakWorkingSetMb)
    {
        public double RecordsPerSecond => Records / Seconds;
    }

    public readonly record struct Result(int SmallUsers, Run Small, int LargeUsers, Run Large, Run Script);

    /// <summary>Records the script way counts (from the start of the 10,000-user report).</summary>
    public const int ScriptSample = 20_000;

    public static async Task<Result?> MeasureAsync(int smallUsers, int largeUsers)
    {
        string root = ImportTime.RepoRoot();
        string manifest = Path.Combine(root, "out", "CopilotSeats", "CopilotSeats.psd1");
        string[]? pwsh = ImportTime.FindPwsh(root);
        if (pwsh is null || !File.Exists(manifest)) { Console.WriteLine("No pwsh or no built module: skipping the Get-CopilotUsage figures."); return null; }

        Run small, large, script;
        await using (var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Seats = smallUsers }))
            small = await ModuleAsync(pwsh, manifest, sim.BaseUri);
        await using (var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Seats = largeUsers }))
        {
            large = await ModuleAsync(pwsh, manifest, sim.BaseUri);
            script = await ScriptAsync(pwsh, sim.BaseUri);
        }
        return new Result(smallUsers, small, largeUsers, large, script);
    }

    private static Task<Run> ModuleAsync(string[] pwsh, string manifest, Uri simulator) => RunAsync(pwsh, $$"""
        $ErrorActionPreference = 'Stop'
        $ProgressPreference = 'SilentlyContinue'
        Import-Module '{{manifest}}'
        $c = @{ ApiUrl = '{{simulator}}'; Token = (ConvertTo-SecureString sim_bench_token -AsPlainText -Force) }
        $w = [Diagnostics.Stopwatch]::StartNew()
        $n = (Get-CopilotUsage -Organization octo-org @c | Measure-Object).Count
        $w.Stop()
        $me = [Diagnostics.Process]::GetCurrentProcess(); $me.Refresh()
        @{ records = $n; seconds = $w.Elapsed.TotalSeconds; peak = $me.PeakWorkingSet64 } | ConvertTo-Json -Compress
        """);

    private static Task<Run> ScriptAsync(string[] pwsh, Uri simulator) => RunAsync(pwsh, $$"""
        $ErrorActionPreference = 'Stop'
        $ProgressPreference = 'SilentlyContinue'
        $h = @{ Authorization = 'Bearer sim_bench_token'; 'User-Agent' = 'bench' }
        $w = [Diagnostics.Stopwatch]::StartNew()
        $report = Invoke-RestMethod -Uri '{{simulator.ToString().TrimEnd('/')}}/orgs/octo-org/copilot/metrics/reports/users-28-day/latest' -Headers $h
        $n = 0
        :files foreach ($link in $report.download_links) {
            $text = (Invoke-WebRequest -Uri $link -UseBasicParsing).Content
            foreach ($line in $text -split "`n") {
                if ($line) { $null = ConvertFrom-Json -InputObject $line; $n++ }
                if ($n -ge {{ScriptSample}}) { break files }
            }
        }
        $w.Stop()
        $me = [Diagnostics.Process]::GetCurrentProcess(); $me.Refresh()
        @{ records = $n; seconds = $w.Elapsed.TotalSeconds; peak = $me.PeakWorkingSet64 } | ConvertTo-Json -Compress
        """);

    private static async Task<Run> RunAsync(string[] pwsh, string script)
    {
        using var doc = await PwshRun.JsonAsync(pwsh, script, "the usage benchmark");
        var r = doc.RootElement;
        return new Run(r.GetProperty("records").GetInt64(), r.GetProperty("seconds").GetDouble(), r.GetProperty("peak").GetInt64() / 1048576.0);
    }
}
