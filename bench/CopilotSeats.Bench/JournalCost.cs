// What the change journal costs a 10,000-name removal (100 DELETE requests of 100 names), journal on against
// -NoJournal, two ways:
// - the cmdlet as a user runs it: in one pwsh (module imported and warmed up), Remove-CopilotUser -UserName
//   <10,000 names> -Force, alternating -NoJournal and -JournalPath, the simulator reset before each; wall clock and
//   pwsh CPU time. GitHub's one-mutation-at-a-time, 1 s apart rule paces both (about 100 s each).
// - the worst case, Core alone: JournaledSend with and without a journal, mutation spacing 0, in this process
//   against the in-process simulator (client and simulator work only), medians of the turns.
using System.Diagnostics;
using System.Security;
using CopilotSeats;
using CopilotSeats.Auth;
using CopilotSeats.Http;
using CopilotSeats.Journal;
using CopilotSeats.Seats;
using CopilotSeats.Simulator;

static class JournalCost
{
    public const int Names = 10_000;

    public readonly record struct Result(double OffMs, double OnMs, double OffCpuMs, double OnCpuMs, int OffSeats, int OnSeats, long Lines, int Turns);

    public static async Task<Result?> CmdletAsync(Uri simulator, int turns)
    {
        if (PwshRun.Find() is not { } found) { Console.WriteLine("No pwsh or no built module: skipping the journal figures."); return null; }
        var (manifest, pwsh) = found;
        string script = $$"""
            $ErrorActionPreference = 'Stop'
            Import-Module '{{manifest}}'
            $c = @{ ApiUrl = '{{simulator}}'; Token = (ConvertTo-SecureString sim_bench_token -AsPlainText -Force) }
            $names = 1..{{Names}} | ForEach-Object { 'user-{0:0000}' -f $_ }
            $journal = Join-Path ([IO.Path]::GetTempPath()) "copilotseats-bench-$PID.jsonl"
            $me = [Diagnostics.Process]::GetCurrentProcess()
            $null = Remove-CopilotUser -Organization octo-org -UserName user-0001 -Force -JournalPath $journal @c
            function Time-Removal([bool] $journaled) {
                $null = Invoke-RestMethod -Method Post -Uri '{{simulator.ToString().TrimEnd('/')}}/_simulator/reset'
                [GC]::Collect(); $me.Refresh(); $cpu = $me.TotalProcessorTime
                $w = [Diagnostics.Stopwatch]::StartNew()
                $changes = if ($journaled) { Remove-CopilotUser -Organization octo-org -UserName $names -Force -JournalPath $journal @c }
                           else { Remove-CopilotUser -Organization octo-org -UserName $names -Force -NoJournal @c }
                $w.Stop(); $me.Refresh()
                return @($w.Elapsed.TotalMilliseconds, ($me.TotalProcessorTime - $cpu).TotalMilliseconds, ($changes | Measure-Object SeatsChanged -Sum).Sum)
            }
            $off = @(); $on = @(); $offCpu = @(); $onCpu = @(); $offSeats = 0; $onSeats = 0
            for ($i = 0; $i -lt {{turns}}; $i++) {
                $a = Time-Removal $false; $off += $a[0]; $offCpu += $a[1]; $offSeats = $a[2]
                $b = Time-Removal $true; $on += $b[0]; $onCpu += $b[1]; $onSeats = $b[2]
            }
            $lines = @(Get-Content $journal).Count
            Remove-Item $journal, "$journal.lock"
            @{ off = $off; on = $on; offCpu = $offCpu; onCpu = $onCpu; offSeats = $offSeats; onSeats = $onSeats; lines = $lines } | ConvertTo-Json -Compress
            """;
        using var doc = await PwshRun.JsonAsync(pwsh, script, "the journal cost");
        var r = doc.RootElement;
        List<double> Times(string name) => PwshRun.Numbers(r, name);
        return new Result(ImportTime.Median(Times("off")), ImportTime.Median(Times("on")), ImportTime.Median(Times("offCpu")), ImportTime.Median(Times("onCpu")),
            (int)r.GetProperty("offSeats").GetDouble(), (int)r.GetProperty("onSeats").GetDouble(), (long)r.GetProperty("lines").GetDouble(), turns);
    }

    public static async Task<Result> CoreAsync(SimulatorHost sim, int turns)
    {
        var token = new SecureString();
        foreach (char ch in "sim_bench_token") token.AppendChar(ch);
        var connection = new ResolvedConnection(ConnectionResolver.ValidateApiUrl(sim.BaseUri), CopilotDefaults.ApiVersion, CopilotToken.FromSecureString(token, "Parameter"));
        using var client = new CopilotClient(connection, new CopilotClientOptions { MutationSpacing = TimeSpan.Zero, PointsPerMinute = 1_000_000 });
        string[] names = Enumerable.Range(1, Names).Select(i => $"user-{i:0000}").ToArray();
        var scope = SeatScope.ForOrganization("octo-org");
        string file = Path.Combine(Path.GetTempPath(), $"copilotseats-bench-core-{Environment.ProcessId}.jsonl");
        var off = new List<double>(); var on = new List<double>();
        int offSeats = 0, onSeats = 0;
        async Task<(double Ms, int Seats)> Run(bool journaled)
        {
            sim.Reset();
            using ChangeJournal? journal = journaled ? ChangeJournal.Open(file, "Remove-CopilotUser") : null;
            var clock = Stopwatch.StartNew();
            int seats = 0;
            foreach (string[] batch in BatchPlanner.Plan(names))
                seats += (await JournaledSend.SendAsync(client, journal, scope, SeatAction.Remove, AssigneeKind.User, batch, CancellationToken.None)).Changes.Sum(c => c.SeatsChanged);
            return (clock.Elapsed.TotalMilliseconds, seats);
        }
        await Run(false); await Run(true); // warm-up
        for (int i = 0; i < turns; i++)
        {
            var a = await Run(false); off.Add(a.Ms); offSeats = a.Seats;
            var b = await Run(true); on.Add(b.Ms); onSeats = b.Seats;
        }
        long lines = File.ReadLines(file).LongCount();
        File.Delete(file);
        File.Delete(file + ".lock");
        return new Result(ImportTime.Median(off), ImportTime.Median(on), 0, 0, offSeats, onSeats, lines, turns);
    }
}
