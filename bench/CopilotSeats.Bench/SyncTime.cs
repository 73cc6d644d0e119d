// Desired state: planning a reference set of N logins against N seats (Compare-CopilotSeat -ReferenceUser) against
// the plain listing a user would otherwise count ((Get-CopilotSeat | Measure-Object).Count), in one pwsh, alternating,
// wall clock and pwsh CPU (budget: at most 1.2x the listing's time). Memory in a child process through Core: the peak
// live GC heap (after a full collection at every page) of the plain listing, of the plan, and of the two login sets alone (the reference set and the logins seen):
// the plan's peak beyond the two sets stays what the listing's is, whatever the number of seats.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CopilotSeats;
using CopilotSeats.Auth;
using CopilotSeats.Http;
using CopilotSeats.Seats;
using CopilotSeats.Sync;

static class SyncTime
{
    public readonly record struct Timing(double CompareMs, double CountMs, double CompareCpuMs, double CountCpuMs, int Items, int Seats, int Turns);
    public readonly record struct Memory(double ListMb, double PlanMb, double SetsMb, int Items);

    /// <summary>The reference of the runs: user-0001 ... user-N (the seeded org's direct users, and a few it does not have).</summary>
    private static IEnumerable<string> Reference(int n) => Enumerable.Range(1, n).Select(i => "user-" + i.ToString("0000", CultureInfo.InvariantCulture));

    public static async Task<Timing?> MeasureAsync(Uri simulator, string org, int logins, int turns)
    {
        if (PwshRun.Find() is not { } found) { Console.WriteLine("No pwsh or no built module: skipping the Compare-CopilotSeat figures."); return null; }
        var (manifest, pwsh) = found;
        string script = $$"""
            $ErrorActionPreference = 'Stop'
            Import-Module '{{manifest}}'
            $c = @{ ApiUrl = '{{simulator}}'; Token = (ConvertTo-SecureString sim_bench_token -AsPlainText -Force) }
            $ref = [string[]](1..{{logins}} | ForEach-Object { 'user-{0:0000}' -f $_ })
            # Warm up both commands' code paths (JIT) on the small lab organization, outside the figures.
            $null = Compare-CopilotSeat -ReferenceUser $ref -Organization octo-lab @c | Measure-Object
            $null = Get-CopilotSeat -Organization octo-lab @c | Measure-Object
            $me = [Diagnostics.Process]::GetCurrentProcess()
            $compare = @(); $count = @(); $compareCpu = @(); $countCpu = @(); $items = 0; $seats = 0
            for ($i = 0; $i -lt {{turns}}; $i++) {
                [GC]::Collect(); $me.Refresh(); $cpu = $me.TotalProcessorTime
                $w = [Diagnostics.Stopwatch]::StartNew()
                $items = (Compare-CopilotSeat -ReferenceUser $ref -Organization {{org}} @c | Measure-Object).Count
                $w.Stop(); $me.Refresh(); $compare += $w.Elapsed.TotalMilliseconds; $compareCpu += ($me.TotalProcessorTime - $cpu).TotalMilliseconds
                [GC]::Collect(); $me.Refresh(); $cpu = $me.TotalProcessorTime
                $w = [Diagnostics.Stopwatch]::StartNew()
                $seats = (Get-CopilotSeat -Organization {{org}} @c | Measure-Object).Count
                $w.Stop(); $me.Refresh(); $count += $w.Elapsed.TotalMilliseconds; $countCpu += ($me.TotalProcessorTime - $cpu).TotalMilliseconds
            }
            @{ compare = $compare; count = $count; compareCpu = $compareCpu; countCpu = $countCpu; items = $items; seats = $seats } | ConvertTo-Json -Compress
            """;
        using var doc = await PwshRun.JsonAsync(pwsh, script, "Compare-CopilotSeat");
        var r = doc.RootElement;
        double Median(string name) => ImportTime.Median(PwshRun.Numbers(r, name));
        return new Timing(Median("compare"), Median("count"), Median("compareCpu"), Median("countCpu"), r.GetProperty("items").GetInt32(), r.GetProperty("seats").GetInt32(), turns);
    }

    /// <summary>Peak live GC heap (MB) of the listing, of the plan, and of the two login sets alone, each in a fresh child process.</summary>
    public static async Task<Memory> MemoryAsync(Uri simulator, string org, int logins)
    {
        var list = await ChildRunAsync(simulator, org, logins, "list");
        var plan = await ChildRunAsync(simulator, org, logins, "plan");
        var sets = await ChildRunAsync(simulator, org, logins, "sets");
        return new Memory(list.PeakMb, plan.PeakMb, sets.PeakMb, plan.Items);
    }

    private static async Task<(double PeakMb, int Items)> ChildRunAsync(Uri simulator, string org, int logins, string mode)
    {
        string self = Environment.ProcessPath!;
        var psi = new ProcessStartInfo { FileName = self, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) psi.ArgumentList.Add(typeof(SyncTime).Assembly.Location);
        foreach (string a in new[] { "syncchild", simulator.ToString(), org, logins.ToString(CultureInfo.InvariantCulture), mode }) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_gcServer"] = "0";
        using var p = Process.Start(psi)!;
        string output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        using var doc = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last());
        return (doc.RootElement.GetProperty("peakMb").GetDouble(), doc.RootElement.GetProperty("items").GetInt32());
    }

    /// <summary>The child: "list" counts the listing; "plan" plans the reference against it; "sets" only fills the two login sets.</summary>
    public static async Task<int> ChildAsync(string[] args)
    {
        var api = new Uri(args[1]);
        string org = args[2], mode = args[4];
        int logins = int.Parse(args[3], CultureInfo.InvariantCulture);
        long peak = 0;
        int items = 0;
        void Sample() => peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true)); // live memory, not garbage
        var reference = new ReferenceSet();
        if (mode != "list") foreach (string login in Reference(logins)) reference.Add(login);
        if (mode == "sets")
        {
            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (string login in Reference(logins)) seen[login] = 1;
            Sample();
            GC.KeepAlive(seen);
        }
        else
        {
            var connection = new ResolvedConnection(api, CopilotDefaults.ApiVersion, CopilotToken.FromPlainText("sim_bench_token", "bench"));
            using var client = new CopilotClient(connection, new CopilotClientOptions());
            var scope = SeatScope.ForOrganization(org);
            if (mode == "list")
                await client.ListSeatsAsync(scope, (page, _) => { items += page.Count; Sample(); return Task.CompletedTask; }, 100, CancellationToken.None);
            else
                await SeatSync.CompareAsync(client, scope, new SeatPlanner(scope, reference, new PlanOptions()),
                    (page, _) => { items += page.Count; Sample(); return Task.CompletedTask; }, CancellationToken.None);
        }
        GC.KeepAlive(reference);
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, double> { ["peakMb"] = peak / 1048576.0, ["items"] = items }));
        return 0;
    }
}
