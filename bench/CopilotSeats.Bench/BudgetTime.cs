// Set-CopilotBudget's Core path on the simulator: budgets for 1,000 users (none exist yet, so 1,000 creates), 100 ms
// of latency per request, the simulator enforcing GitHub's documented limits (at most 100 requests in flight, at most
// 900 points per minute per endpoint, a change costing 5). GitHub's documented budget allows 180 creates in any
// minute on the one create endpoint, so the last of N creates can go out at the earliest 60 s x floor((N - 1) / 180)
// after the first; with the listing before them and the last answer's latency that is the ideal time the run is
// compared with (budget 1.2x). Then the same run again: every budget is unchanged and only the listing is sent.
using System.Diagnostics;
using CopilotSeats;
using CopilotSeats.Auth;
using CopilotSeats.Budgets;
using CopilotSeats.Http;
using CopilotSeats.Seats;
using CopilotSeats.Simulator;

static class BudgetTime
{
    public readonly record struct Result(int Users, int LatencyMs, int ThrottleLimit, double Seconds, double IdealSeconds, int Created,
        int MaxConcurrent, int MaxPoints, double SecondRunSeconds, int SecondRunChanges, long SecondRunRequests);

    public static async Task<Result> MeasureAsync(int users, int latencyMs, int throttleLimit)
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Seats = users + 20 });
        var connection = new ResolvedConnection(ConnectionResolver.ValidateApiUrl(sim.BaseUri), CopilotDefaults.ApiVersion, CopilotToken.FromPlainText("sim_bench_token", "bench"));
        using var client = new CopilotClient(connection, new CopilotClientOptions { ThrottleLimit = throttleLimit });
        var owner = SeatScope.ForOrganization("octo-org");
        var logins = new List<string>();
        await client.ListSeatsAsync(owner, (page, _) => { lock (logins) logins.AddRange(page.Select(s => s.Login!)); return Task.CompletedTask; });
        logins = logins.Distinct(StringComparer.OrdinalIgnoreCase).Take(users).ToList();
        sim.Faults = new FaultSettings { LatencyMs = latencyMs, EnforceConcurrency = 100, EnforcePointsPerMinute = 900 };

        async Task<(double Seconds, int Changed)> SetAll()
        {
            int changed = 0;
            var watch = Stopwatch.StartNew();
            var existing = await client.Budgets().ListAiCreditBudgetsAsync(owner, "user", default);
            var plan = logins.Select(u => new BudgetPlanItem(u, BudgetRules.OwnBudget(existing, u), 10)).ToList();
            await client.Budgets().ApplyAsync(owner, plan, c => { if (c.Result != "Unchanged") Interlocked.Increment(ref changed); return Task.CompletedTask; },
                ex => throw ex, null, default);
            return (watch.Elapsed.TotalSeconds, changed);
        }

        var first = await SetAll();
        var stats = sim.Stats();
        long before = stats.TotalRequests;
        var second = await SetAll();
        double ideal = 60.0 * ((users - 1) / 180) + 2 * latencyMs / 1000.0;
        return new Result(users, latencyMs, throttleLimit, first.Seconds, ideal, first.Changed, stats.MaxConcurrent,
            stats.MaxPointsPerMinute.Values.DefaultIfEmpty(0).Max(), second.Seconds, second.Changed, sim.Stats().TotalRequests - before);
    }
}
