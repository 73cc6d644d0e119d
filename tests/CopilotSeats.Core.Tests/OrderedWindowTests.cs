namespace CopilotSeats.Core.Tests;

/// <summary>
/// OrderedWindow's holdErrors (a caller whose first error ends it, -ErrorAction Stop): A fails while B is in flight.
/// Held, B's result comes before A's error and C starts only after it; not held, the order of the items and C starts at once.
/// </summary>
public sealed class OrderedWindowTests
{
    [Theory]
    [InlineData(true, false, "start A,start B,result B,error A,start C,result C")]
    [InlineData(true, true, "start A,start B,result B,error A")]
    [InlineData(false, false, "start A,start B,error A,start C,result B,result C")]
    public async Task A_held_error_comes_after_the_work_in_flight_and_nothing_starts_before_it(bool hold, bool errorEnds, string expected)
    {
        var log = new List<string>();
        var window = new OrderedWindow<string>(2, (result, _) => { lock (log) log.Add("result " + result); return Task.CompletedTask; },
            error =>
            {
                lock (log) log.Add("error " + error.TargetObject);
                return errorEnds ? Task.FromException(new InvalidOperationException("stopped")) : Task.CompletedTask;
            }, hold);
        Func<Task<string>> Item(string name, int delayMs, bool fails) => async () =>
        {
            lock (log) log.Add("start " + name);
            await Task.Delay(delayMs);
            if (fails) throw new CopilotException("CopilotSeats.Http422", CopilotErrorCategory.InvalidOperation, name, "refused");
            return name;
        };
        try
        {
            await window.AddAsync(Item("A", 50, fails: true), CancellationToken.None);
            await window.AddAsync(Item("B", 300, fails: false), CancellationToken.None);
            await window.AddAsync(Item("C", 0, fails: false), CancellationToken.None);
            await window.CompleteAsync(CancellationToken.None);
        }
        catch (InvalidOperationException) when (errorEnds) { }
        Assert.Equal(expected, string.Join(",", log));
    }
}
