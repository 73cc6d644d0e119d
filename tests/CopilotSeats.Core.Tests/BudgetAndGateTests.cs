namespace CopilotSeats.Core.Tests;

public class BudgetAndGateTests
{
    [Fact]
    public async Task Budget_allows_900_points_a_minute_per_endpoint()
    {
        var clock = new FakeClock();
        var budget = new EndpointBudget(900, clock);
        for (int i = 0; i < 900; i++) await budget.AcquireAsync("GET /a", 1, default);
        Assert.Equal(TimeSpan.Zero, clock.TotalDelay);
        await budget.AcquireAsync("GET /b", 1, default); // another endpoint is separate
        Assert.Equal(TimeSpan.Zero, clock.TotalDelay);
        await budget.AcquireAsync("GET /a", 1, default);
        Assert.Equal(TimeSpan.FromSeconds(61), clock.TotalDelay); // GitHub's minute plus a second of margin
    }

    [Fact]
    public async Task Spends_leave_the_window_one_by_one()
    {
        var clock = new FakeClock();
        var budget = new EndpointBudget(10, clock);
        for (int i = 0; i < 10; i++) { await budget.AcquireAsync("GET /a", 1, default); clock.Advance(TimeSpan.FromSeconds(1)); }
        // 10 spends at t=0..9 s; now t=10 s: the next waits until the first leaves (t=61 s).
        await budget.AcquireAsync("GET /a", 1, default);
        Assert.Equal(TimeSpan.FromSeconds(51), clock.TotalDelay);
        await budget.AcquireAsync("GET /a", 1, default);
        Assert.Equal(TimeSpan.FromSeconds(52), clock.TotalDelay);
    }

    [Fact]
    public async Task Mutation_points_count_five()
    {
        var clock = new FakeClock();
        var budget = new EndpointBudget(900, clock);
        for (int i = 0; i < 180; i++) await budget.AcquireAsync("POST /a", 5, default);
        Assert.Equal(TimeSpan.Zero, clock.TotalDelay);
        await budget.AcquireAsync("POST /a", 5, default);
        Assert.Equal(TimeSpan.FromSeconds(61), clock.TotalDelay);
    }

    [Fact]
    public async Task Gate_holds_everyone_until_the_pause_ends()
    {
        var clock = new FakeClock();
        var gate = new RateLimitGate(clock);
        gate.PauseUntil(clock.UtcNow.AddSeconds(30));
        gate.PauseUntil(clock.UtcNow.AddSeconds(10)); // an earlier end never shortens the pause
        // Each waiter decides with its own maximum: a shorter one is not waited but stopped.
        var ex = await Assert.ThrowsAsync<CopilotRateLimitException>(() => gate.WaitAsync(TimeSpan.FromSeconds(29), "octo-org", default));
        Assert.Equal(("octo-org", clock.UtcNow.AddSeconds(30)), (ex.TargetObject, ex.ResetsAt));
        await gate.WaitAsync(TimeSpan.FromSeconds(30), "octo-org", default);
        Assert.Equal(TimeSpan.FromSeconds(30), clock.TotalDelay);
    }
}
