namespace CopilotSeats.Simulator;

/// <summary>Seed of the simulated world (see README.md for what each name means).</summary>
public sealed class SimulatorOptions
{
    public int Seats { get; set; } = 120;
    public int LabSeats { get; set; } = 30;
    public int Teams { get; set; } = 5;
    public int Seed { get; set; } = 42;
    /// <summary>Name of the main organization (seeded with <see cref="Seats"/> seats).</summary>
    public string Organization { get; set; } = "octo-org";
    /// <summary>Name of the second organization (seeded with <see cref="LabSeats"/> seats).</summary>
    public string LabOrganization { get; set; } = "octo-lab";
    /// <summary>Name of the enterprise that holds the organizations.</summary>
    public string Enterprise { get; set; } = "octo-ent";
    /// <summary>
    /// A fixed "now" for seeded dates, new seats and cancellation dates. When null the simulator's clock
    /// (<see cref="TimeProvider"/>) is read: seeded dates relative to the time of seeding, changes at the time they happen.
    /// </summary>
    public DateTimeOffset? Now { get; set; }
    /// <summary>The simulator's clock (dates, the x-ratelimit hour, the 60-second points window); null means the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }
    /// <summary>Write the host's warnings and errors to standard error (the command line does; in-process hosts stay silent).</summary>
    public bool LogWarningsToStderr { get; set; }
    /// <summary>Where the download origin of usage report files listens (loopback only; port 0 picks a free one).</summary>
    public string DownloadUrl { get; set; } = "http://127.0.0.1:0";
    /// <summary>Faults in force at start.</summary>
    public FaultSettings Faults { get; set; } = new();

    /// <summary>A copy (the fault settings object is shared).</summary>
    public SimulatorOptions Clone() => (SimulatorOptions)MemberwiseClone();
}
