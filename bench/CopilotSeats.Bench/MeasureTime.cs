// Measure-CopilotSeat vs counting the listing: in one pwsh process (module imported and warmed up),
// alternate `Measure-CopilotSeat -Organization o` and `(Get-CopilotSeat -Organization o | Measure-Object).Count`
// and time each call inside PowerShell (no process start or import in the figures), wall clock and the pwsh
// process's CPU time. Medians of the turns. Both listings of 1,000 pages wait for the client's share of
// GitHub's 900 points per minute per endpoint, so the wall clock of each is about a minute; the CPU time
// shows the work each does.
using System.Diagnostics;
using System.Text.Json;

static class MeasureTime
{
    public readonly record struct Result(double MeasureMs, double CountMs, double MeasureCpuMs, double CountCpuMs, int MeasureSeats, int CountSeats, int Turns);

    public static async Task<Result?> MeasureAsync(Uri simulator, string org, int turns)
    {
        string root = ImportTime.RepoRoot();
        string manifest = Path.Combine(root, "out", "CopilotSeats", "CopilotSeats.psd1");
        string[]? pwsh = ImportTime.FindPwsh(root);
        if (pwsh is null || !File.Exists(manifest)) { Console.WriteLine("No pwsh or no built module: skipping the Measure-CopilotSeat figures."); return null; }
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
        var psi = new ProcessStartInfo(pwsh[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in pwsh.Skip(1)) psi.ArgumentList.Add(a);
        foreach (string a in new[] { "-NoProfile", "-NonInteractive", "-Command", script }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        string output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"pwsh failed ({p.ExitCode}) measuring Measure-CopilotSeat:\n{await err}");
        using var doc = JsonDocument.Parse(output.Trim().Split('\n').Last());
        var r = doc.RootElement;
        List<double> Times(string name) => r.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToList();
        return new Result(ImportTime.Median(Times("measure")), ImportTime.Median(Times("count")), ImportTime.Median(Times("measureCpu")), ImportTime.Median(Times("countCpu")),
            r.GetProperty("measureSeats").GetInt32(), r.GetProperty("countSeats").GetInt32(), turns);
    }
}
