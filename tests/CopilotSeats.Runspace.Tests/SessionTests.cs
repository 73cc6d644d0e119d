using System.Management.Automation;
using CopilotSeats.Simulator;
using Xunit;

namespace CopilotSeats.Runspace.Tests;

/// <summary>
/// Base of every runspace test class: one <see cref="PowerShellSession"/> (simulator plus imported module) per
/// class, reset before each test.
/// </summary>
public abstract class SessionTests : IClassFixture<PowerShellSession>
{
    protected SessionTests(PowerShellSession ps)
    {
        Ps = ps;
        Ps.Reset();
    }

    protected PowerShellSession Ps { get; }

    /// <summary>Every request the simulator has answered since the reset.</summary>
    protected List<LoggedRequest> Requests => Ps.Sim.Log.Snapshot().ToList();
}
