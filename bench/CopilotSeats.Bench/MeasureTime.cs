// Measure-CopilotSeat vs counting the listing: in one pwsh process (module imported and warmed up),
// alternate `Measure-CopilotSeat -Organization o` and `(Get-CopilotSeat -Organization o | Measure-Object).Count`
// and time each call inside PowerShell (no process start or import in the figures), wall clock and the pwsh
// process's CPU time. Medians of the turns. Both listings of 1,000 pages wait for the client's share of
// GitHub's 900 points per minute per endpoint, so the wall clock of each is about a minute; the CPU time
// shows the work each does.

static class MeasureTime
{
    public readonly record struct Result(double MeasureMs, double CountMs, double MeasureCpuMs, double CountCpuMs, int MeasureSeats, int CountSeats, int Turns);

    public static async Task<Result?> MeasureAsync(Uri simulator, string org, int turns)
    {
        if (PwshRun.Find() is not { } found) { Console.WriteLine("No pwsh or no built module: skipping the Measure-CopilotSeat figures."); return null; }
        var (manifest, pwsh) = found;
        string script = $$"""
            $ErrorActionPreference = 'Stop'
            Import-Module '{{manifest}}'
            $c = @{ ApiUrl = '{{simulator}}'; Token = (ConvertTo-SecureString sim_bench_token -AsPlainText -Force) }
            $null = Get-CopilotSeat -Organization {{org}} @c | Select-Object -First 5 | Measure-CopilotSeat
            $me = [Diagnostics.Process]::GetCurrentProcess()
            $measure = @(); $count = @(); $measureCpu = @(); $countCpu = @(); $mSeats = 0; $cSeats = 0
            for ($i = 0; $i -lt {{turns}}; $i++) {
                [GC]::Collect(); $me.Refresh(); $cpu = $me.TotalProcessorTime
                $w = [Diagnostics.Stopwatch]::StartNew()
                $s = Measure-CopilotSeat -Organization {{org}} @c
                $w.Stop(); $me.Refresh(); $measure += $w.Elapsed.TotalMilliseconds; $measureCpu += ($me.TotalProcessorTime - $cpu).TotalMilliseconds; $mSeats = $s.Seats
                [GC]::Collect(); $me.Refresh(); $cpu = $me.TotalProcessorTime
                $w = [Diagnostics.Stopwatch]::StartNew()
                $n = (Get-CopilotSeat -Organization {{org}} @c | Measure-Object).Count
                $w.Stop(); $me.Refresh(); $count += $w.Elapsed.TotalMilliseconds; $countCpu += ($me.TotalProcessorTime - $cpu).TotalMilliseconds; $cSeats = $n
            }
            @{ measure = $measure; count = $count; measureCpu = $measureCpu; countCpu = $countCpu; measureSeats = $mSeats; countSeats = $cSeats } | ConvertTo-Json -Compress
            """;
        using var doc = await PwshRun.JsonAsync(pwsh, script, "Measure-CopilotSeat");
        var r = doc.RootElement;
        List<double> Times(string name) => PwshRun.Numbers(r, name);
        return new Result(ImportTime.Median(Times("measure")), ImportTime.Median(Times("count")), ImportTime.Median(Times("measureCpu")), ImportTime.Median(Times("countCpu")),
            r.GetProperty("measureSeats").GetInt32(), r.GetProperty("countSeats").GetInt32(), turns);
    }
}
