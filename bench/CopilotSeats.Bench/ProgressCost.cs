// What Write-Progress costs a listing: in one pwsh process (module imported and warmed up), alternate
// `(Get-CopilotSeat -Organization o -PageSize 100 | Measure-Object).Count` with $ProgressPreference
// 'SilentlyContinue' (no records) and 'Continue' (one record per page, then Completed), timing each call
// inside PowerShell: wall clock and the pwsh process's CPU time, medians of the turns. No injected
// latency, so the client's own work is all there is to compare (the worst case for the overhead).

static class ProgressCost
{
    public readonly record struct Result(double SilentMs, double ShownMs, double SilentCpuMs, double ShownCpuMs, int SilentSeats, int ShownSeats, int Turns);

    public static async Task<Result?> MeasureAsync(Uri simulator, string org, int turns)
    {
        if (PwshRun.Find() is not { } found) { Console.WriteLine("No pwsh or no built module: skipping the progress figures."); return null; }
        var (manifest, pwsh) = found;
        string script = $$"""
            $ErrorActionPreference = 'Stop'
            Import-Module '{{manifest}}'
            $c = @{ ApiUrl = '{{simulator}}'; Token = (ConvertTo-SecureString sim_bench_token -AsPlainText -Force) }
            $null = (Get-CopilotSeat -Organization {{org}} @c | Measure-Object).Count
            $me = [Diagnostics.Process]::GetCurrentProcess()
            $silent = @(); $shown = @(); $silentCpu = @(); $shownCpu = @(); $sSeats = 0; $pSeats = 0
            function Time-Listing([string] $preference) {
                $ProgressPreference = $preference
                [GC]::Collect(); $me.Refresh(); $cpu = $me.TotalProcessorTime
                $w = [Diagnostics.Stopwatch]::StartNew()
                $n = (Get-CopilotSeat -Organization {{org}} -PageSize 100 @c | Measure-Object).Count
                $w.Stop(); $me.Refresh()
                return @($w.Elapsed.TotalMilliseconds, ($me.TotalProcessorTime - $cpu).TotalMilliseconds, $n)
            }
            for ($i = 0; $i -lt {{turns}}; $i++) {
                $a = Time-Listing 'SilentlyContinue'; $silent += $a[0]; $silentCpu += $a[1]; $sSeats = $a[2]
                $b = Time-Listing 'Continue'; $shown += $b[0]; $shownCpu += $b[1]; $pSeats = $b[2]
            }
            @{ silent = $silent; shown = $shown; silentCpu = $silentCpu; shownCpu = $shownCpu; silentSeats = $sSeats; shownSeats = $pSeats } | ConvertTo-Json -Compress
            """;
        using var doc = await PwshRun.JsonAsync(pwsh, script, "the progress cost");
        var r = doc.RootElement;
        List<double> Times(string name) => PwshRun.Numbers(r, name);
        return new Result(ImportTime.Median(Times("silent")), ImportTime.Median(Times("shown")), ImportTime.Median(Times("silentCpu")), ImportTime.Median(Times("shownCpu")),
            r.GetProperty("silentSeats").GetInt32(), r.GetProperty("shownSeats").GetInt32(), turns);
    }
}
