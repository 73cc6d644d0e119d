// What Write-Progress costs a listing: in one pwsh process (module imported and warmed up), alternate
// `(Get-CopilotSeat -Organization o -PageSize 100 | Measure-Object).Count` with $ProgressPreference
// 'SilentlyContinue' (no records) and 'Continue' (one record per page, then Completed), timing each call
// inside PowerShell: wall clock and the pwsh process's CPU time, medians of the turns. No injected
// latency, so the client's own work is all there is to compare (the worst case for the overhead).
using System.Diagnostics;
using System.Text.Json;

static class ProgressCost
{
    public readonly record struct Result(double SilentMs, double ShownMs, double SilentCpuMs, double ShownCpuMs, int SilentSeats, int ShownSeats, int Turns);

    public static async Task<Result?> MeasureAsync(Uri simulator, string org, int turns)
    {
        string root = ImportTime.RepoRoot();
        string manifest = Path.Combine(root, "out", "CopilotSeats", "CopilotSeats.psd1");
        string[]? pwsh = ImportTime.FindPwsh(root);
        if (pwsh is null || !File.Exists(manifest)) { Console.WriteLine("No pwsh or no built module: skipping the progress figures."); return null; }
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
        var psi = new ProcessStartInfo(pwsh[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in pwsh.Skip(1)) psi.ArgumentList.Add(a);
        foreach (string a in new[] { "-NoProfile", "-NonInteractive", "-Command", script }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        string output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"pwsh failed ({p.ExitCode}) measuring the progress cost:\n{await err}");
        using var doc = JsonDocument.Parse(output.Trim().Split('\n').Last());
        var r = doc.RootElement;
        List<double> Times(string name) => r.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToList();
        return new Result(ImportTime.Median(Times("silent")), ImportTime.Median(Times("shown")), ImportTime.Median(Times("silentCpu")), ImportTime.Median(Times("shownCpu")),
            r.GetProperty("silentSeats").GetInt32(), r.GetProperty("shownSeats").GetInt32(), turns);
    }
}
