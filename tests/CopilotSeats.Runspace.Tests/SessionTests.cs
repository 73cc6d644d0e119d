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

    /// <summary>
    /// Asserts an error record: its FullyQualifiedErrorId starts with <paramref name="id"/> and, when given, its category
    /// and target object are these. Returns it for further checks.
    /// </summary>
    protected static ErrorRecord AssertError(ErrorRecord? error, string id, ErrorCategory? category = null, object? target = null)
    {
        Assert.NotNull(error);
        Assert.StartsWith(id, error.FullyQualifiedErrorId);
        if (category != null) Assert.Equal(category, error.CategoryInfo.Category);
        if (target != null) Assert.Equal(target, error.TargetObject);
        return error;
    }

    /// <summary>Asserts a parameter-validation error raised while binding a parameter of the cmdlet class <paramref name="cmdletClass"/>, when given.</summary>
    protected static ErrorRecord AssertValidationError(ErrorRecord? error, string? cmdletClass = null)
    {
        AssertError(error, "ParameterArgumentValidationError");
        if (cmdletClass != null) Assert.EndsWith(",CopilotSeats.Commands." + cmdletClass, error!.FullyQualifiedErrorId);
        return error!;
    }
}
