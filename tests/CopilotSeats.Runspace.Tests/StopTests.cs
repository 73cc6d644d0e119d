using System.Management.Automation;
using CopilotSeats.Simulator;
using Xunit;

namespace CopilotSeats.Runspace.Tests;

/// <summary>PowerShell.Stop() (Ctrl+C) reaches StopProcessing, which cancels Core's work promptly.</summary>
public sealed class StopTests : SessionTests
{
    public StopTests(PowerShellSession ps) : base(ps) { }

    [Fact]
    public void Stop_during_a_rate_limit_wait_ends_the_command_at_once_with_no_further_request()
    {
        Ps.Sim.Faults = new FaultSettings { RateLimit = new RateLimitFault { Kind = "retry-after-429", Times = 1, RetryAfterSeconds = 3 } };
        var (took, ended, output) = Ps.RunAndStop(
            "Get-CopilotSeat -Organization octo-org -MaxRateLimitWait 60 -Token $tok -ApiUrl $api",
            () => Ps.Sim.Log.Snapshot().Any(q => q.Status == 429), // answered: the client is now waiting
            TimeSpan.FromSeconds(10));
        Assert.True(took < TimeSpan.FromSeconds(1), $"stopping took {took}");
        Assert.IsType<PipelineStoppedException>(ended);
        Assert.Equal(0, output);
        Thread.Sleep(300);
        Assert.Equal(429, Assert.Single(Ps.Sim.Log.Snapshot()).Status);
        // The runspace works afterwards (after what is left of the pause, which is the process's: hence a short one).
        Ps.Sim.Faults = new FaultSettings();
        Assert.Equal(120, Convert.ToInt32(Assert.Single(Ps.Run("Get-CopilotOrgDetail -Organization octo-org -Token $tok -ApiUrl $api").Ok()).Prop("TotalSeats")));
    }

    [Fact]
    public void Stop_during_a_slow_change_request_cancels_it()
    {
        Ps.Sim.Faults = new FaultSettings { LatencyMs = 20_000 };
        var (took, ended, _) = Ps.RunAndStop(
            "Remove-CopilotUser -Organization octo-org -UserName user-0001 -Force -Token $tok -ApiUrl $api",
            () => Ps.Sim.Log.Snapshot().Count == 1, // logged on arrival, answered after 20 s
            TimeSpan.FromSeconds(10));
        Assert.True(took < TimeSpan.FromSeconds(3), $"stopping took {took}");
        Assert.IsType<PipelineStoppedException>(ended);
        // The HTTP request itself was cancelled (the simulator saw the client go away), not left to finish.
        LoggedRequest delete = Assert.Single(Ps.Sim.Log.Snapshot());
        Assert.True(SpinWait.SpinUntil(() => delete.Fault == "client aborted", TimeSpan.FromSeconds(3)), $"fault: {delete.Fault}, status {delete.Status}");
        Assert.Null(Ps.Sim.State.SeatFor("octo-org", "user-0001")!.PendingCancellationDate);
        // The runspace is usable afterwards.
        Ps.Sim.Faults = new FaultSettings();
        Assert.Equal(120, Ps.Run("Get-CopilotSeat -Organization octo-org -Token $tok -ApiUrl $api").Ok().Count);
    }
}
