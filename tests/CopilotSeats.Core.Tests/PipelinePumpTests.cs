using CopilotSeats.Pipeline;

namespace CopilotSeats.Core.Tests;

public class PipelinePumpTests
{
    [Fact]
    public void Posted_actions_run_on_the_pumping_thread()
    {
        var pump = new PipelinePump();
        int pipelineThread = Environment.CurrentManagedThreadId;
        var threads = new List<int>();
        pump.Run(async ct =>
        {
            await Task.Yield();
            for (int i = 0; i < 5; i++)
            {
                await pump.Post(() => threads.Add(Environment.CurrentManagedThreadId)).ConfigureAwait(false);
                pump.PostNoWait(() => threads.Add(Environment.CurrentManagedThreadId));
            }
        }, CancellationToken.None);
        Assert.Equal(10, threads.Count);
        Assert.All(threads, t => Assert.Equal(pipelineThread, t));
    }

    [Fact]
    public void A_throwing_action_cancels_the_work_and_is_rethrown()
    {
        var pump = new PipelinePump();
        bool cancelled = false;
        var ex = Assert.Throws<InvalidOperationException>(() => pump.Run(async ct =>
        {
            try
            {
                await pump.Post(() => throw new InvalidOperationException("pipeline stopped"));
            }
            catch (InvalidOperationException) { }
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { cancelled = true; throw; }
        }, CancellationToken.None));
        Assert.Equal("pipeline stopped", ex.Message);
        Assert.True(cancelled);
    }

    [Fact]
    public void Work_exceptions_surface_on_the_pipeline_thread()
    {
        var pump = new PipelinePump();
        var ex = Assert.Throws<CopilotException>(() => pump.Run(_ => throw new CopilotException("X", CopilotErrorCategory.NotSpecified, null, "bad"), CancellationToken.None));
        Assert.Equal("X", ex.ErrorId);
    }

    [Fact]
    public void External_cancellation_ends_the_run()
    {
        var pump = new PipelinePump();
        using var cts = new CancellationTokenSource(100);
        Assert.ThrowsAny<OperationCanceledException>(() => pump.Run(ct => Task.Delay(Timeout.Infinite, ct), cts.Token));
    }

    [Fact]
    public async Task An_ordered_window_hands_on_the_answers_already_in_without_waiting_for_it_to_fill()
    {
        var seen = new List<string>();
        var window = new Seats.OrderedWindow<string>(8, (answer, _) => { seen.Add(answer); return Task.CompletedTask; });
        var late = new TaskCompletionSource<string>();
        foreach (var work in new Func<Task<string>>[] { () => Task.FromResult("first"), () => late.Task, () => Task.FromResult("third") })
            await window.AddAsync(work, default);
        await window.HandOnReadyAsync(default).WaitAsync(TimeSpan.FromSeconds(5)); // never waits for the second
        Assert.Equal(new[] { "first" }, seen);
    }

    [Fact]
    public async Task An_ordered_window_starts_a_key_once_whatever_its_case_and_hands_on_what_is_in_after_each_add()
    {
        var seen = new List<string>();
        int started = 0;
        var window = new Seats.OrderedWindow<string>(8, (answer, _) => { seen.Add(answer); return Task.CompletedTask; });
        var late = new TaskCompletionSource<string>();
        await window.AddOnceAsync("alice", () => { started++; return Task.FromResult("alice"); }, default);
        Assert.Equal(new[] { "alice" }, seen); // handed on at once, the window far from full
        await window.AddOnceAsync("bob", () => { started++; return late.Task; }, default);
        await window.AddOnceAsync("ALICE", () => { started++; return Task.FromResult("ALICE"); }, default);
        await window.AddOnceAsync("carol", () => { started++; return Task.FromResult("carol"); }, default);
        Assert.Equal("3 started: alice", $"{started} started: {string.Join(",", seen)}");
        late.SetResult("bob");
        await window.CompleteAsync(default);
        Assert.Equal(new[] { "alice", "bob", "carol" }, seen);
    }
}
