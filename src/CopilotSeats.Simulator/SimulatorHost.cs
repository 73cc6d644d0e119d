using System.Net;
using CopilotSeats.Simulator.Control;
using CopilotSeats.Simulator.Middleware;
using CopilotSeats.Simulator.Routing;
using CopilotSeats.Simulator.Usage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CopilotSeats.Simulator;

/// <summary>The simulator on Kestrel, bound to loopback only. Start it in-process from tests or from Program.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatorOptions _options;
    private readonly LimitTracker _limits = new();
    private readonly ApiRouter _router;
    private readonly FaultStep _faults;
    private readonly RateWindows _rates;
    private readonly MiddlewareChain _middleware;
    private readonly ControlApi _control;
    private readonly ReportStore _reports = new();
    private DownloadOrigin? _downloads;

    /// <summary>API requests being answered right now (what the concurrency limit counts).</summary>
    public int InFlight => _limits.InFlight;

    private SimulatorHost(WebApplication app, SimulatorOptions options)
    {
        _app = app;
        _options = options;
        State = new SimulatorState(options);
        _faults = new FaultStep(options.Faults, options.Seed, _limits, State);
        _rates = new RateWindows(State);
        _router = RouteTable.Create(State, new UsageReports(State, _reports, UsageSettings, () => _downloads?.BaseUri), () => _faults.Settings.Budgets ?? new Budgets.BudgetSettings());
        // Every API request goes through these steps, outermost first (README.md, "Request middleware").
        _middleware = new MiddlewareChain(new IStep[]
        {
            new LogStep(Log, _limits),  // log entry, in-flight count, duration, status and fault
            new ResponseStep(),         // writes the answer below (or drops the connection)
            new RateHeadersStep(_rates), // x-ratelimit-* on every written answer
            new ScopeHeadersStep(State), // X-OAuth-Scopes, X-Accepted-OAuth-Scopes on every written answer
            _faults,                    // concurrency, latency, points, rate-limit, scripted and random faults
            new AuthStep(State),        // User-Agent, token (JWT, installation, tagged, prefix), API version
            new ScopeStep(),            // classic scopes: 404 without any, 403 without an accepted one; App and fine-grained permissions
        }, call => Task.FromResult(_router.Dispatch(call.Match, call.Method, call.Http.Request.Query, call.Body, call.BaseUrl, call.Identity, call.ApiVersion, call.Http.Request.Headers)));
        _control = new ControlApi(this, options);
    }

    public Uri BaseUri { get; private set; } = null!;
    public SimulatorState State { get; }
    public RequestLog Log { get; } = new();

    /// <summary>Fault settings in force; setting them resets their counters (times).</summary>
    public FaultSettings Faults
    {
        get => _faults.Settings;
        set => _faults.Settings = value;
    }

    public SimulatorStats Stats() => _limits.Stats();

    /// <summary>The usage report settings in force (part of <see cref="Faults"/>).</summary>
    private UsageSettings UsageSettings() => _faults.Settings.Usage ?? new UsageSettings();

    /// <summary>The origin that serves usage report files (signed links point there).</summary>
    public Uri DownloadBaseUri => _downloads!.BaseUri;

    /// <summary>Requests to the download origin, and how many carried an Authorization header.</summary>
    public DownloadLog Downloads => _downloads!.Log;

    /// <summary>Restores the seeded state and clears the log, faults and statistics.</summary>
    public void Reset(SimulatorOptions? options = null)
    {
        var seed = options ?? _options;
        State.Reset(seed);
        _reports.Clear();
        _downloads?.Log.Clear();
        Log.Clear();
        _limits.Reset();
        _faults.Reset(seed.Seed);
        _rates.Reset();
    }

    public static async Task<SimulatorHost> StartAsync(SimulatorOptions? options = null, string url = "http://127.0.0.1:0", CancellationToken ct = default)
    {
        options ??= new SimulatorOptions();
        EnsureLoopback(url);
        url = DynamicLocalhost(url);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (options.LogWarningsToStderr)
        {
            // Standard output carries only the "listening on" line; warnings go to standard error.
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }
        builder.WebHost.UseUrls(url);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxConcurrentConnections = null);
        // Idle keep-alive connections would otherwise hold a stop for the default 30 s.
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        var app = builder.Build();
        var host = new SimulatorHost(app, options);
        app.Run(host.HandleAsync);
        await app.StartAsync(ct).ConfigureAwait(false);
        string address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/'));
        EnsureLoopback(options.DownloadUrl);
        host._downloads = await DownloadOrigin.StartAsync(DynamicLocalhost(options.DownloadUrl), host._reports, host.State, host.UsageSettings, ct).ConfigureAwait(false);
        return host;
    }

    /// <summary>Kestrel cannot bind a dynamic port on "localhost": bind 127.0.0.1 instead.</summary>
    private static string DynamicLocalhost(string urls) => string.Join(';', urls.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(u =>
        Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) && uri.Port == 0
            ? $"{uri.Scheme}://127.0.0.1:0" : u));

    /// <summary>Refuses any URL whose host is not loopback.</summary>
    public static void EnsureLoopback(string urls)
    {
        foreach (string url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Uri.TryCreate(url.Replace("*", "invalid-wildcard", StringComparison.Ordinal).Replace("+", "invalid-wildcard", StringComparison.Ordinal), UriKind.Absolute, out var uri))
                throw new ArgumentException($"'{url}' is not a URL.");
            bool loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
            if (!loopback) throw new ArgumentException($"The simulator only listens on loopback addresses; '{url}' is refused.");
        }
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        if (_downloads != null) await _downloads.DisposeAsync().ConfigureAwait(false);
        try { await _app.StopAsync().ConfigureAwait(false); } catch (OperationCanceledException) { }
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        string rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToString();
        string rawPath = rawTarget.Split('?')[0];
        if (ControlApi.Owns(rawPath))
        {
            await _control.HandleAsync(context, rawPath).ConfigureAwait(false);
            return;
        }
        var call = await ApiCall.ReadAsync(context, rawPath, _router).ConfigureAwait(false);
        await _middleware.RunAsync(call).ConfigureAwait(false);
    }
}
