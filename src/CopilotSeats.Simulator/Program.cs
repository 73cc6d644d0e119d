using System.Globalization;
using System.Runtime.InteropServices;
using CopilotSeats.Simulator;

// dotnet run --project src/CopilotSeats.Simulator -- --urls http://127.0.0.1:5055 [--seats N] [--lab-seats N] [--teams N]
//   [--seed N] [--latency-ms N] [--error-rate F] [--drop-rate F] [--enforce-limits]
string urls = "http://127.0.0.1:5055";
var options = new SimulatorOptions();
var faults = new FaultSettings();
try
{
    for (int i = 0; i < args.Length; i++)
    {
        string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
        int NextInt() => int.Parse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture);
        double NextDouble() => double.Parse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture);
        switch (args[i])
        {
            case "--urls": urls = Next(); break;
            case "--seats": options.Seats = NextInt(); break;
            case "--lab-seats": options.LabSeats = NextInt(); break;
            case "--teams": options.Teams = NextInt(); break;
            case "--seed": options.Seed = NextInt(); break;
            case "--latency-ms": faults.LatencyMs = NextInt(); break;
            case "--error-rate": faults.ErrorRate = NextDouble(); break;
            case "--drop-rate": faults.DropRate = NextDouble(); break;
            case "--enforce-limits": faults.EnforceConcurrency = 100; faults.EnforcePointsPerMinute = 900; break;
            case "--help" or "-h":
                Console.WriteLine("CopilotSeats.Simulator [--urls http://127.0.0.1:5055] [--seats N] [--lab-seats N] [--teams N] [--seed N] [--latency-ms N] [--error-rate F] [--drop-rate F] [--enforce-limits]");
                return 0;
            default: throw new ArgumentException($"Unknown option '{args[i]}' (see --help).");
        }
    }
    options.Faults = faults;
    SimulatorHost.EnsureLoopback(urls);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine("CopilotSeats.Simulator: " + ex.Message);
    return 2;
}

await using var host = await SimulatorHost.StartAsync(options, urls);
Console.WriteLine($"CopilotSeats.Simulator listening on {host.BaseUri.ToString().TrimEnd('/')}");
Console.Out.Flush();
// Ctrl+C, SIGTERM (kill) and SIGQUIT all stop the server cleanly.
var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
void Stop(PosixSignalContext context) { context.Cancel = true; done.TrySetResult(); }
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
await done.Task;
return 0;
