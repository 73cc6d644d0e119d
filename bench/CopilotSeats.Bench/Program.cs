// CopilotSeats benchmark: lists seats through CopilotSeats.Core from the simulator with injected
// latency and prints the figures the README quotes. Not a test: it prints numbers.
//
//   dotnet run -c Release --project bench/CopilotSeats.Bench                  (full run, ~4 minutes)
//   dotnet run -c Release --project bench/CopilotSeats.Bench -- --quick       (smaller, ~40 s)
//   dotnet run -c Release --project bench/CopilotSeats.Bench -- --import-only (import time only, ~30 s)
//   dotnet run -c Release --project bench/CopilotSeats.Bench -- --measure-only (Measure-CopilotSeat vs counting, 100,000 seats)
//   dotnet run -c Release --project bench/CopilotSeats.Bench -- --usage-only   (Get-CopilotUsage: 10,000-user 28-day report vs 100 users vs a script)
//   dotnet run -c Release --project bench/CopilotSeats.Bench -- --progress-only (a 20,000-seat listing with and without Write-Progress)
//   dotnet run -c Release --project bench/CopilotSeats.Bench -- --sync-only    (Compare-CopilotSeat: 100,000 logins against 100,000 seats vs the listing)
//   dotnet run -c Release --project bench/CopilotSeats.Bench -- --journal-only  (a 10,000-name removal with and without the change journal)
//   dotnet run -c Release --project bench/CopilotSeats.Bench -- --budgets-only  (budgets for 1,000 users at 100 ms latency, ~5 minutes)
//   dotnet run -c Release --project bench/CopilotSeats.Bench -- --credits-only  (Get-CopilotCreditUsage per user: 100, 1,000 and 2,000 users at 100 ms, ~4 minutes)
//
// The simulator runs in this process; each client measurement runs in a child process (this same
// program with `child`), so its peak memory is the client's alone.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CopilotSeats.Http;
using CopilotSeats;
using CopilotSeats.Seats;
using CopilotSeats.Auth;
using CopilotSeats.Simulator;

if (args.Length > 0 && args[0] == "child") return await Child.RunAsync(args);
if (args.Length > 0 && args[0] == "syncchild") return await SyncTime.ChildAsync(args);

bool quick = args.Contains("--quick");
bool skipOctokit = args.Contains("--no-octokit");
bool importOnly = args.Contains("--import-only");
bool measureOnly = args.Contains("--measure-only");
bool usageOnly = args.Contains("--usage-only");
bool progressOnly = args.Contains("--progress-only");
bool syncOnly = args.Contains("--sync-only");
bool journalOnly = args.Contains("--journal-only");
bool budgetsOnly = args.Contains("--budgets-only");
bool creditsOnly = args.Contains("--credits-only");
int seats = quick ? 5_000 : 20_000;
int latencyMs = 300;
var rows = new List<string[]>();
var culture = CultureInfo.InvariantCulture;

Console.WriteLine($"CopilotSeats benchmark — {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");

// Compare-CopilotSeat: a reference of N logins planned against N seats, against counting the listing (budget: at most
// 1.2x its time); memory beyond the two login sets against the listing's, at N and at N / 10.
if (syncOnly)
{
    int n = quick ? 20_000 : 100_000;
    await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Seats = n });
    if (await SyncTime.MeasureAsync(sim.BaseUri, "octo-org", n, quick ? 1 : 2) is { } t)
    {
        double ratio = t.CompareMs / t.CountMs;
        rows.Add(new[] { "(Get-CopilotSeat \\| Measure-Object).Count", t.Seats.ToString(culture), "0 ms", $"{t.CountMs / 1000:0.00} s",
            $"median of {t.Turns} in one pwsh; pwsh CPU {t.CountCpuMs / 1000:0.00} s", "" });
        rows.Add(new[] { $"Compare-CopilotSeat -ReferenceUser ({n:N0} logins)", t.Seats.ToString(culture), "0 ms", $"{t.CompareMs / 1000:0.00} s",
            $"{ratio:0.00}x the listing's time (budget 1.2x); pwsh CPU {t.CompareCpuMs / 1000:0.00} s ({t.CompareCpuMs / t.CountCpuMs:0.00}x); {t.Items} plan items",
            ratio <= 1.2 ? "within budget" : "OVER BUDGET" });
    }
    foreach (int size in new[] { n / 10, n })
    {
        await using var s = await SimulatorHost.StartAsync(new SimulatorOptions { Seats = size });
        var m = await SyncTime.MemoryAsync(s.BaseUri, "octo-org", size);
        rows.Add(new[] { $"plan memory, {size:N0} logins x {size:N0} seats", size.ToString(culture), "0 ms", "",
            $"live GC heap peak: listing {m.ListMb:0.0} MB, plan {m.PlanMb:0.0} MB, the two login sets alone {m.SetsMb:0.0} MB: plan beyond the sets {m.PlanMb - m.SetsMb:0.0} MB", "" });
    }
    return PrintTable(rows);
}

// The change journal: a 10,000-name removal with the journal against -NoJournal (budget: under 2 %).
if (journalOnly || !(importOnly || measureOnly || usageOnly || progressOnly || syncOnly || budgetsOnly || creditsOnly))
{
    await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Seats = JournalCost.Names + 100 });
    var core = await JournalCost.CoreAsync(sim, quick ? 3 : 5);
    double coreCost = (core.OnMs / core.OffMs - 1) * 100;
    rows.Add(new[] { "Core: 100 DELETEs of 100 names, no journal, mutation spacing 0", core.OffSeats.ToString(culture), "0 ms", $"{core.OffMs / 1000:0.00} s",
        $"median of {core.Turns}; client and simulator work only", "" });
    rows.Add(new[] { "Core: the same, journaled", core.OnSeats.ToString(culture), "0 ms", $"{core.OnMs / 1000:0.00} s",
        $"{coreCost:+0.0;-0.0}% ({core.Lines / (core.Turns + 1):N0} lines a run, each request's Sent and Applied lines); worst case, no GitHub latency", "no spacing: client work only" });
    Console.WriteLine(string.Join(" | ", rows[^1]));
    var c = quick ? null : await JournalCost.CmdletAsync(sim.BaseUri, 1);
    if (c is { } r)
    {
        double wall = (r.OnMs / r.OffMs - 1) * 100;
        rows.Add(new[] { "Remove-CopilotUser -UserName <10,000 names> -Force -NoJournal", r.OffSeats.ToString(culture), "0 ms", $"{r.OffMs / 1000:0.00} s",
            $"in one pwsh; GitHub's 1 s between mutations paces it; pwsh CPU {r.OffCpuMs / 1000:0.00} s", "" });
        rows.Add(new[] { "Remove-CopilotUser -UserName <10,000 names> -Force -JournalPath j.jsonl", r.OnSeats.ToString(culture), "0 ms", $"{r.OnMs / 1000:0.00} s",
            $"{wall:+0.00;-0.00}% wall clock (budget 2 %); pwsh CPU {r.OnCpuMs / 1000:0.00} s (the first, -NoJournal, run also pays the JIT)", wall < 2 ? "within budget" : "OVER BUDGET" });
        if (r.OffSeats != JournalCost.Names || r.OnSeats != JournalCost.Names) Console.WriteLine($"!! the removals cancelled {r.OffSeats} and {r.OnSeats} seats, expected {JournalCost.Names}");
    }
}

if (journalOnly) return PrintTable(rows);

// Set-CopilotBudget for 1,000 users at 100 ms latency within GitHub's documented limits (BudgetTime.cs; budget 1.2x of the ideal).
if (budgetsOnly)
{
    var b = await BudgetTime.MeasureAsync(quick ? 200 : 1_000, 100, 16);
    double ratio = b.Seconds / b.IdealSeconds;
    rows.Add(new[] { $"Set-CopilotBudget core, {b.Users:N0} new user budgets, ThrottleLimit {b.ThrottleLimit}", b.Created.ToString(culture), $"{b.LatencyMs} ms", $"{b.Seconds:0.00} s",
        $"{ratio:0.00}x the {b.IdealSeconds:0.0} s GitHub's 900 points per minute allow (budget 1.2x); at most {b.MaxConcurrent} in flight (limit 100), at most {b.MaxPoints} points in any minute",
        ratio <= 1.2 && b.MaxConcurrent <= 100 && b.MaxPoints <= 900 ? "within budget" : "OVER BUDGET" });
    rows.Add(new[] { "the same run again (every budget unchanged)", b.SecondRunChanges.ToString(culture), $"{b.LatencyMs} ms", $"{b.SecondRunSeconds:0.00} s",
        $"{b.SecondRunRequests} requests, all GET (the listing)", b.SecondRunChanges == 0 ? "nothing sent" : "CHANGES SENT" });
    return PrintTable(rows);
}
// Get-CopilotCreditUsage per user: 100, 1,000 and 2,000 users at 100 ms latency under GitHub's enforced limits, against the
// time GitHub's documented budget allows (budget: within 1.2x), and peak memory against the 100-user run's (flat).
if (creditsOnly || (!importOnly && !measureOnly && !usageOnly && !progressOnly && !journalOnly))
{
    var runs = new List<CreditTime.Run>();
    foreach (int users in new[] { 100, 1_000, 2_000 })
        if (await CreditTime.MeasureAsync(users) is { } run) runs.Add(run);
    for (int i = 0; i < runs.Count; i++)
    {
        CreditTime.Run r = runs[i], before = runs[Math.Max(0, i - 1)];
        double floor = CreditTime.BudgetSeconds(r.Requests), ratio = r.Seconds / floor, memoryRatio = r.PeakWorkingSetMb / before.PeakWorkingSetMb;
        bool baseline = i == 0;
        rows.Add(new[] { $"Get-CopilotCreditUsage -UserName ({r.Users:N0} users of 1,000 seats), ThrottleLimit 16", r.Users.ToString(culture), $"{CreditTime.LatencyMs} ms", $"{r.Seconds:0.00} s",
            $"{r.Requests:N0} requests, {r.Items:N0} items, {ratio:0.00}x GitHub's budget floor of {floor:0.0} s; max {r.MaxPointsPerMinute} points/min, {r.MaxConcurrent} concurrent; pwsh peak working set {r.PeakWorkingSetMb:0} MB"
                + (baseline ? string.Empty : $" = {memoryRatio:0.00}x the {before.Users:N0}-user run's (budget: time 1.2x, memory flat)"),
            baseline ? "baseline" : ratio <= 1.2 && r.MaxPointsPerMinute <= 900 ? "within budget" : "OVER BUDGET" });
        if (r.Requests != r.Users) Console.WriteLine($"!! {r.Users} users took {r.Requests} requests");
    }
}
if (creditsOnly) return PrintTable(rows);

// Get-CopilotUsage: records per second and peak memory of a 10,000-user 28-day report against a 100-user one
// (budget: peak within 1.5x), and against counting the records the way a script would (budget: at least 5x faster).
if (!importOnly && !measureOnly && !progressOnly)
{
    int largeUsers = quick ? 2_000 : 10_000;
    var u = await UsageTime.MeasureAsync(100, largeUsers);
    if (u is { } r)
    {
        double memoryRatio = r.Large.PeakWorkingSetMb / r.Small.PeakWorkingSetMb;
        double speedup = r.Large.RecordsPerSecond / r.Script.RecordsPerSecond;
        rows.Add(new[] { $"Get-CopilotUsage \\| Measure-Object, {r.SmallUsers} users x 28 days", r.Small.Records.ToString(culture), "0 ms", $"{r.Small.Seconds:0.00} s",
            $"{r.Small.RecordsPerSecond:N0} records/s; pwsh peak working set {r.Small.PeakWorkingSetMb:0} MB", "" });
        rows.Add(new[] { $"Get-CopilotUsage \\| Measure-Object, {r.LargeUsers:N0} users x 28 days", r.Large.Records.ToString(culture), "0 ms", $"{r.Large.Seconds:0.00} s",
            $"{r.Large.RecordsPerSecond:N0} records/s; pwsh peak working set {r.Large.PeakWorkingSetMb:0} MB = {memoryRatio:0.00}x the {r.SmallUsers}-user report's (budget 1.5x)",
            memoryRatio <= 1.5 ? "within budget" : "OVER BUDGET" });
        rows.Add(new[] { $"script: Invoke-RestMethod + Invoke-WebRequest per file + ConvertFrom-Json per line, first {r.Script.Records:N0} records of the {r.LargeUsers:N0}-user report", r.Script.Records.ToString(culture), "0 ms",
            $"{r.Script.Seconds:0.00} s", $"{r.Script.RecordsPerSecond:N0} records/s; pwsh peak working set {r.Script.PeakWorkingSetMb:0} MB; Get-CopilotUsage is {speedup:0.0}x faster (budget 5x)",
            speedup >= 5 ? "within budget" : "UNDER BUDGET" });
        if (r.Large.Records != (long)largeUsers * 28 || r.Script.Records != UsageTime.ScriptSample)
            Console.WriteLine($"!! Get-CopilotUsage counted {r.Large.Records} records (expected {(long)largeUsers * 28}), the script {r.Script.Records} (expected {UsageTime.ScriptSample})");
    }
}

if (usageOnly) return PrintTable(rows);
// Write-Progress against none, in one pwsh: the 20,000-seat listing of the listing benchmark (300 ms latency,
// ThrottleLimit 4) and, the worst case, the same listing without latency (budget: under 2 %).
if (!importOnly && !measureOnly && !usageOnly)
{
    await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Seats = seats });
    foreach (var (latency, turns) in new[] { (latencyMs, quick ? 1 : 3), (0, quick ? 5 : 15) })
    {
        sim.Faults = new FaultSettings { LatencyMs = latency };
        var pc = await ProgressCost.MeasureAsync(sim.BaseUri, "octo-org", turns);
        if (pc is not { } r) break;
        double wall = (r.ShownMs / r.SilentMs - 1) * 100, cpu = (r.ShownCpuMs / r.SilentCpuMs - 1) * 100;
        rows.Add(new[] { "Get-CopilotSeat, $ProgressPreference SilentlyContinue", r.SilentSeats.ToString(culture), $"{latency} ms", $"{r.SilentMs / 1000:0.00} s",
            $"median of {r.Turns} in one pwsh; pwsh CPU {r.SilentCpuMs / 1000:0.00} s", "" });
        rows.Add(new[] { "Get-CopilotSeat, $ProgressPreference Continue", r.ShownSeats.ToString(culture), $"{latency} ms", $"{r.ShownMs / 1000:0.00} s",
            $"{wall:+0.0;-0.0}% wall clock, {cpu:+0.0;-0.0}% pwsh CPU" + (latency > 0 ? " (budget 2 %)" : ""),
            latency == 0 ? "no latency: client work only" : wall < 2 ? "within budget" : "OVER BUDGET" });
        if (r.SilentSeats != seats || r.ShownSeats != seats) Console.WriteLine($"!! the progress runs saw {r.SilentSeats} and {r.ShownSeats} seats, expected {seats}");
    }
}

if (progressOnly) return PrintTable(rows);

// Measure-CopilotSeat against counting the listing, in one run of 100,000 seats without latency (budget: at most 1.2x).
if (!importOnly)
{
    int measureSeats = quick ? 20_000 : 100_000;
    await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Seats = measureSeats });
    var m = await MeasureTime.MeasureAsync(sim.BaseUri, "octo-org", 3);
    if (m is { } r)
    {
        double ratio = r.MeasureMs / r.CountMs;
        rows.Add(new[] { "(Get-CopilotSeat \\| Measure-Object).Count", r.CountSeats.ToString(culture), "0 ms", $"{r.CountMs / 1000:0.00} s",
            $"median of {r.Turns} in one pwsh; pwsh CPU {r.CountCpuMs / 1000:0.00} s", "" });
        rows.Add(new[] { "Measure-CopilotSeat -Organization", r.MeasureSeats.ToString(culture), "0 ms", $"{r.MeasureMs / 1000:0.00} s",
            $"{ratio:0.00}x the count's time (budget 1.2x); pwsh CPU {r.MeasureCpuMs / 1000:0.00} s ({r.MeasureCpuMs / r.CountCpuMs:0.00}x)", ratio <= 1.2 ? "within budget" : "OVER BUDGET" });
        if (r.MeasureSeats != measureSeats || r.CountSeats != measureSeats) Console.WriteLine($"!! Measure-CopilotSeat saw {r.MeasureSeats} seats, the count {r.CountSeats}, expected {measureSeats}");
    }
}

if (measureOnly) return PrintTable(rows);

// Import time: bare pwsh vs pwsh + Import-Module vs + the first Get-CopilotSeat (loads Core's context).
await using (var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Seats = 100 }))
{
    var t = await ImportTime.MeasureAsync(sim.BaseUri, quick ? 5 : 11);
    if (t is { } r)
    {
        rows.Add(new[] { $"bare pwsh start ({r.Pwsh})", "", "", $"{r.BareMs:0} ms", "median of fresh processes", "" });
        rows.Add(new[] { "pwsh + Import-Module of an empty manifest", "", "", $"{r.EmptyModuleMs:0} ms", $"+{r.EmptyModuleMs - r.BareMs:0} ms over bare start (PowerShell's module machinery)", "" });
        rows.Add(new[] { "pwsh + Import-Module CopilotSeats", "", "", $"{r.ImportMs:0} ms", $"+{r.ImportMs - r.BareMs:0} ms over bare start (budget 150 ms), +{r.ImportMs - r.EmptyModuleMs:0} ms over the empty module", "" });
        rows.Add(new[] { "pwsh + Import-Module + first Get-CopilotSeat", "1", "0 ms", $"{r.FirstCommandMs:0} ms", $"+{r.FirstCommandMs - r.ImportMs:0} ms over import", "" });
    }
}

if (importOnly) return PrintTable(rows);

await using (var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Seats = seats }))
{
    sim.Faults = new FaultSettings { LatencyMs = latencyMs };
    int pages = (int)Math.Ceiling(seats / 100.0);
    double octokitSeconds = double.NaN;
    if (!skipOctokit)
    {
        var o = await Octokit.RunAsync(sim.BaseUri, "octo-org");
        if (o is not null)
        {
            octokitSeconds = o.Value.Seconds;
            rows.Add(new[] { "octokit.paginate (sequential)", o.Value.Seats.ToString(culture), $"{latencyMs} ms", $"{o.Value.Seconds:0.00} s",
                $"{o.Value.Seconds / Ideal(latencyMs, pages, 1):0.00}x of T1 ideal", "1.00x" });
        }
    }
    foreach (int throttle in new[] { 1, 4, 16 })
    {
        var r = await Child.MeasureAsync(sim.BaseUri, "octo-org", throttle);
        double ideal = Ideal(latencyMs, pages, throttle);
        string vsOctokit = double.IsNaN(octokitSeconds) ? "n/a" : $"{octokitSeconds / r.Seconds:0.00}x faster";
        rows.Add(new[] { $"Get-CopilotSeat core, ThrottleLimit {throttle}", r.Seats.ToString(culture), $"{latencyMs} ms", $"{r.Seconds:0.00} s",
            $"+{(r.Seconds / ideal - 1) * 100:0.0}% vs ideal {ideal:0.0} s", vsOctokit });
        if (r.Seats != seats || r.Unique != seats) Console.WriteLine($"!! ThrottleLimit {throttle}: {r.Seats} seats ({r.Unique} unique), expected {seats}");
    }
}

// Budget: a 1,000-page listing at ThrottleLimit 16 must keep every endpoint under 900 points per minute.
int budgetPages = quick ? 950 : 1_000;
await using (var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Seats = budgetPages * 100 }))
{
    sim.Faults = new FaultSettings { LatencyMs = 20, EnforcePointsPerMinute = 900, EnforceConcurrency = 100 };
    var r = await Child.MeasureAsync(sim.BaseUri, "octo-org", 16);
    var stats = await new HttpClient().GetStringAsync(new Uri(sim.BaseUri, "/_simulator/stats"));
    using var doc = JsonDocument.Parse(stats);
    int maxPoints = doc.RootElement.GetProperty("maxPointsPerMinute").EnumerateObject().Select(p => p.Value.GetInt32()).DefaultIfEmpty(0).Max();
    int maxConcurrent = doc.RootElement.GetProperty("maxConcurrent").GetInt32();
    rows.Add(new[] { $"budget check: {budgetPages} pages, ThrottleLimit 16", r.Seats.ToString(culture), "20 ms", $"{r.Seconds:0.00} s",
        $"max {maxPoints} points/min, {maxConcurrent} concurrent", maxPoints <= 900 ? "within 900/min" : "OVER BUDGET" });
}

// Memory: peak working set of the client process for 1,000 vs 100,000 seats (ThrottleLimit 4).
long[] sizes = quick ? new long[] { 1_000, 20_000 } : new long[] { 1_000, 100_000 };
var memory = new List<(long Seats, ChildResult R)>();
foreach (long n in sizes)
{
    await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Seats = (int)n });
    memory.Add((n, await Child.MeasureAsync(sim.BaseUri, "octo-org", 4, verify: false)));
}
foreach (var (n, r) in memory)
    rows.Add(new[] { $"peak memory, {n:N0} seats", r.Seats.ToString(culture), "0 ms", $"{r.Seconds:0.00} s",
        $"peak working set {r.PeakWorkingSetMb:0.0} MB, GC heap peak {r.PeakHeapMb:0.0} MB", $"{r.PeakWorkingSetMb / memory[0].R.PeakWorkingSetMb:0.00}x of {memory[0].Seats:N0}" });

return PrintTable(rows);

static int PrintTable(List<string[]> rows)
{
    Console.WriteLine();
    Console.WriteLine("| scenario | seats | latency | time | vs ideal / detail | vs octokit |");
    Console.WriteLine("|---|---|---|---|---|---|");
    foreach (var row in rows) Console.WriteLine("| " + string.Join(" | ", row) + " |");
    return 0;
}

static double Ideal(int latencyMs, int pages, int throttle) => latencyMs / 1000.0 * (1 + Math.Ceiling((pages - 1) / (double)throttle));

readonly record struct ChildResult(double Seconds, int Seats, int Unique, double PeakWorkingSetMb, double PeakHeapMb);

static class Child
{
    public static async Task<int> RunAsync(string[] args)
    {
        var api = new Uri(args[1]);
        string org = args[2];
        int throttle = int.Parse(args[3], CultureInfo.InvariantCulture);
        bool verify = args.Length > 4 && args[4] == "verify";
        var connection = new ResolvedConnection(api, CopilotDefaults.ApiVersion, CopilotToken.FromPlainText("sim_bench_token", "bench"));
        using var client = new CopilotClient(connection, new CopilotClientOptions { ThrottleLimit = throttle });
        long peakHeap = 0;
        int count = 0;
        var keys = new HashSet<string>();
        var watch = Stopwatch.StartNew();
        // Like a pipeline into Export-Csv: each seat is looked at and let go.
        await client.ListSeatsAsync(SeatScope.ForOrganization(org), (page, _) =>
        {
            count += page.Count;
            if (verify) foreach (var s in page) keys.Add(s.Login + "|" + s.AssigningTeam);
            peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
            return Task.CompletedTask;
        }, 100, CancellationToken.None);
        watch.Stop();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, double>
        {
            ["seconds"] = watch.Elapsed.TotalSeconds,
            ["seats"] = count,
            ["unique"] = verify ? keys.Count : count,
            ["peakWorkingSetMb"] = self.PeakWorkingSet64 / 1048576.0,
            ["peakHeapMb"] = peakHeap / 1048576.0,
        }));
        return 0;
    }

    public static async Task<ChildResult> MeasureAsync(Uri api, string org, int throttle, bool verify = true)
    {
        string self = Environment.ProcessPath!;
        var psi = new ProcessStartInfo();
        string dll = typeof(Child).Assembly.Location;
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) { psi.FileName = self; psi.ArgumentList.Add(dll); }
        else psi.FileName = self;
        foreach (string a in new[] { "child", api.ToString(), org, throttle.ToString(CultureInfo.InvariantCulture), verify ? "verify" : "count" }) psi.ArgumentList.Add(a);
        psi.RedirectStandardOutput = true;
        psi.Environment["DOTNET_gcServer"] = "0";
        using var p = Process.Start(psi)!;
        string output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        string line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        return new ChildResult(root.GetProperty("seconds").GetDouble(), (int)root.GetProperty("seats").GetDouble(), (int)root.GetProperty("unique").GetDouble(),
            root.GetProperty("peakWorkingSetMb").GetDouble(), root.GetProperty("peakHeapMb").GetDouble());
    }
}

static class Octokit
{
    public static async Task<(double Seconds, int Seats)?> RunAsync(Uri api, string org)
    {
        string dir = FindOctokitDir();
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "@octokit", "rest")))
        {
            Console.WriteLine("Installing @octokit/rest in bench/octokit (npm install) ...");
            var install = Process.Start(new ProcessStartInfo("npm", "install --no-audit --no-fund --silent") { WorkingDirectory = dir });
            install!.WaitForExit();
            if (install.ExitCode != 0) { Console.WriteLine("npm install failed; skipping the octokit baseline."); return null; }
        }
        var psi = new ProcessStartInfo("node") { WorkingDirectory = dir, RedirectStandardOutput = true };
        foreach (string a in new[] { "paginate.mjs", api.ToString().TrimEnd('/'), org, "sim_bench_token" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) { Console.WriteLine("octokit run failed; skipping the baseline."); return null; }
        using var doc = JsonDocument.Parse(output.Trim().Split('\n').Last());
        return (doc.RootElement.GetProperty("seconds").GetDouble(), doc.RootElement.GetProperty("seats").GetInt32());
    }

    private static string FindOctokitDir()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "CopilotSeats.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? ".", "bench", "octokit");
    }
}
