using System.Management.Automation;
using System.Reflection;

namespace CopilotSeats.Runspace.Tests;

/// <summary>
/// `Select-FirstObject N`: passes the first N objects on, then stops every upstream command the way
/// Select-Object -First does, by throwing System.Management.Automation.StopUpstreamCommandsException
/// (internal to the engine, so created by reflection).
/// </summary>
[Cmdlet("Select", "FirstObject")]
public sealed class SelectFirstObjectCommand : PSCmdlet
{
    private static readonly Type s_stopUpstream =
        typeof(PSCmdlet).Assembly.GetType("System.Management.Automation.StopUpstreamCommandsException", throwOnError: true)!;

    private int _seen;

    /// <summary>Number of objects to pass on.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public int First { get; set; }

    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>Objects that reached this command (all of them were passed on unless past First).</summary>
    public static int LastSeen { get; private set; }

    protected override void BeginProcessing() => LastSeen = 0;

    protected override void ProcessRecord()
    {
        _seen++;
        LastSeen = _seen;
        if (_seen > First) return;
        WriteObject(InputObject);
        if (_seen == First) throw NewStopUpstream();
    }

    private Exception NewStopUpstream()
    {
        // public StopUpstreamCommandsException(InternalCommand requestingCommand)
        object instance = Activator.CreateInstance(s_stopUpstream, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, null, new object[] { this }, null)!;
        return (Exception)instance;
    }
}
