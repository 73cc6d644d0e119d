using System.Globalization;
using System.Runtime.InteropServices;
using CopilotSeats.Simulator;

// dotnet run --project src/CopilotSeats.Simulator -- --urls http://127.0.0.1:5055 [--seats N] [--lab-seats N] [--teams N]
//   [--seed N] [--org NAME] [--lab-org NAME] [--enterprise NAME] [--latency-ms N] [--error-rate F] [--drop-rate F]
//   [--drop-mid-body-rate F] [--rate-limit KIND[:TIMES[:SECONDS]]] [--enforce-limits] [--download-urls URL] [--link-lifetime SECONDS]
//   [--gzip-reports] [--metrics-policy-off NAME]   (see README.md)
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
            case "--drop-mid-body-rate": faults.DropMidBodyRate = NextDouble(); break;
            case "--enforce-limits": faults.EnforceConcurrency = 100; faults.EnforcePointsPerMinute = 900; break;
            case "--org": options.Organization = Next(); break;
            case "--lab-org": options.LabOrganization = Next(); break;
            case "--enterprise": options.Enterprise = Next(); break;
            case "--download-urls": options.DownloadUrl = Next(); break;
            case "--link-lifetime": faults.Usage.LinkLifetimeSeconds = NextDouble(); break;
            case "--gzip-reports": faults.Usage.Gzip = true; break;
            case "--metrics-policy-off": faults.Usage.PolicyOff = faults.Usage.PolicyOff.Append(Next()).ToArray(); break;
            case "--rate-limit":
            {
                // KIND[:TIMES[:SECONDS]]: SECONDS is retry-after for retry-after kinds, the reset delay for primary.
                string[] parts = Next().Split(':');
                var limit = new RateLimitFault { Kind = parts[0] };
                if (limit.Kind is not ("none" or "retry-after-429" or "retry-after-403" or "secondary-403" or "secondary-429" or "primary"))
                    throw new ArgumentException($"Unknown rate-limit kind '{limit.Kind}'.");
                if (parts.Length > 1) limit.Times = int.Parse(parts[1], CultureInfo.InvariantCulture);
                if (parts.Length > 2)
                {
                    int seconds = int.Parse(parts[2], CultureInfo.InvariantCulture);
                    limit.RetryAfterSeconds = seconds;
                    limit.ResetInSeconds = seconds;
                }
                faults.RateLimit = limit;
                break;
            }
            case "--help" or "-h":
                Console.WriteLine("CopilotSeats.Simulator [--urls http://127.0.0.1:5055] [--seats N] [--lab-seats N] [--teams N] [--seed N] [--org NAME] [--lab-org NAME] [--enterprise NAME] [--latency-ms N] [--error-rate F] [--drop-rate F] [--drop-mid-body-rate F] [--rate-limit KIND[:TIMES[:SECONDS]]] [--enforce-limits] [--download-urls URL] [--link-lifetime SECONDS] [--gzip-reports] [--metrics-policy-off NAME]");
                return 0;
            default: throw new ArgumentException($"Unknown option '{args[i]}' (see --help).");
        }
    }
    options.Faults = faults;
    options.LogWarningsToStderr = true;
    SimulatorHost.EnsureLoopback(urls);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine("CopilotSeats.Simulator: " + ex.Message);
    return 2;
}

SimulatorHost host;
try
{
    host = await SimulatorHost.StartAsync(options, urls);
}
catch (IOException ex) // e.g. the port is in use
{
    Console.Error.WriteLine("CopilotSeats.Simulator: cannot listen on " + urls + ": " + ex.Message);
    return 1;
}
await using var _ = host;
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
