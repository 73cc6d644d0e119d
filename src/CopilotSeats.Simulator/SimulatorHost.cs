using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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
    private static readonly JsonSerializerOptions ControlJson = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions WireJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly WebApplication _app;
    private readonly SimulatorOptions _options;
    private readonly CopilotApi _api;
    private readonly LimitTracker _limits = new();
    private readonly Dictionary<string, (long WindowStart, int Used)> _rateCounters = new();
    private readonly object _faultLock = new();
    private FaultSettings _faults;
    private Random _faultRandom;
    private int _rateLimitLeft;
    private int[] _scriptLeft = Array.Empty<int>();

    private SimulatorHost(WebApplication app, SimulatorOptions options)
    {
        _app = app;
        _options = options;
        State = new SimulatorState(options);
        _api = new CopilotApi(State);
        _faults = options.Faults;
        _faultRandom = new Random(options.Seed);
        ApplyCounters(_faults);
    }

    public Uri BaseUri { get; private set; } = null!;
    public SimulatorState State { get; }
    public RequestLog Log { get; } = new();

    /// <summary>Fault settings in force; setting them resets their counters (times).</summary>
    public FaultSettings Faults
    {
        get { lock (_faultLock) return _faults; }
        set { lock (_faultLock) { _faults = value ?? new FaultSettings(); ApplyCounters(_faults); } }
    }

    public SimulatorStats Stats() => _limits.Stats();

    /// <summary>Restores the seeded state and clears the log, faults and statistics.</summary>
    public void Reset(SimulatorOptions? options = null)
    {
        var seed = options ?? _options;
        State.Reset(seed);
        Log.Clear();
        _limits.Reset();
        lock (_faultLock)
        {
            _faults = new FaultSettings();
            _faultRandom = new Random(seed.Seed);
            ApplyCounters(_faults);
            _rateCounters.Clear();
        }
    }

    private void ApplyCounters(FaultSettings faults)
    {
        _rateLimitLeft = faults.RateLimit?.Kind is null or "none" ? 0 : Math.Max(0, faults.RateLimit.Times);
        _scriptLeft = (faults.Script ?? Array.Empty<ScriptedFault>()).Select(s => Math.Max(0, s.Times)).ToArray();
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
        try { await _app.StopAsync().ConfigureAwait(false); } catch (OperationCanceledException) { }
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    // ---- request handling ----------------------------------------------------------------------

    private async Task HandleAsync(HttpContext context)
    {
        string rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToString();
        string rawPath = rawTarget.Split('?')[0];
        if (rawPath.StartsWith("/_simulator/", StringComparison.Ordinal) || rawPath == "/_simulator")
        {
            await ControlAsync(context, rawPath).ConfigureAwait(false);
            return;
        }
        await ApiAsync(context, rawPath).ConfigureAwait(false);
    }

    private async Task ApiAsync(HttpContext context, string rawPath)
    {
        var started = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        string method = context.Request.Method.ToUpperInvariant();
        string? body = null;
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }
        string? auth = context.Request.Headers.Authorization.FirstOrDefault();
        var entry = Log.Add(seq => new LoggedRequest
        {
            Sequence = seq,
            Method = method,
            Path = rawPath,
            Query = RedactQuery(context.Request.QueryString.HasValue ? context.Request.QueryString.Value!.TrimStart('?') : ""),
            Body = body,
            StartedAt = started,
            HadAuthorization = !string.IsNullOrEmpty(auth),
            UserAgent = context.Request.Headers.UserAgent.FirstOrDefault(),
            ApiVersion = context.Request.Headers["X-GitHub-Api-Version"].FirstOrDefault(),
        });
        int inFlight = _limits.Enter();
        try
        {
            Answer answer = await DecideAsync(context, method, rawPath, body, auth, inFlight).ConfigureAwait(false);
            entry.Status = answer.Status;
            entry.Fault = answer.Fault;
            if (answer.Fault is "drop")
            {
                entry.Status = 0;
                context.Abort();
                return;
            }
            await WriteAsync(context, answer, auth, method, rawPath).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            entry.Fault ??= "client aborted";
        }
        finally
        {
            _limits.Leave();
            entry.DurationMs = watch.Elapsed.TotalMilliseconds;
        }
    }

    private const string SecondaryMessage = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.";

    private async Task<Answer> DecideAsync(HttpContext context, string method, string rawPath, string? body, string? auth, int inFlight)
    {
        FaultSettings faults;
        lock (_faultLock) faults = _faults;
        var secondary = new Dictionary<string, string> { ["retry-after"] = "60" };
        // GitHub counts concurrent requests as they arrive: the excess is refused at once.
        if (faults.EnforceConcurrency > 0 && inFlight > faults.EnforceConcurrency)
            return Answer.Error(403, SecondaryMessage, "concurrency limit", secondary);

        if (faults.LatencyMs > 0 || faults.LatencyJitterMs > 0)
        {
            int jitter;
            lock (_faultLock) jitter = faults.LatencyJitterMs > 0 ? _faultRandom.Next(faults.LatencyJitterMs + 1) : 0;
            await Task.Delay(faults.LatencyMs + jitter, context.RequestAborted).ConfigureAwait(false);
        }

        // Route first: the endpoint key is what GitHub's per-endpoint limit counts.
        string[]? segments = Segments(rawPath);
        var route = segments is null ? null : CopilotApi.Route(method, segments);
        string endpoint = route is null ? method + " " + rawPath : method + " " + route.Value.Template;
        if (!_limits.Spend(endpoint, method == "GET" ? 1 : 5, faults.EnforcePointsPerMinute, State.Clock.GetUtcNow()))
            return Answer.Error(403, SecondaryMessage, "points limit", secondary);

        string? rateKind = null;
        int scriptIndex = -1;
        bool randomError = false, drop = false, dropMid = false;
        int randomStatus = 502;
        lock (_faultLock)
        {
            // The settings may have been replaced during the latency: read them with their counters.
            faults = _faults;
            if (_rateLimitLeft > 0) { _rateLimitLeft--; rateKind = faults.RateLimit.Kind; }
            var script = faults.Script ?? Array.Empty<ScriptedFault>();
            for (int i = 0; i < script.Length && rateKind is null; i++)
            {
                if (_scriptLeft[i] <= 0) continue;
                if (script[i].Method != null && !string.Equals(script[i].Method, method, StringComparison.OrdinalIgnoreCase)) continue;
                if (script[i].PathContains != null && !rawPath.Contains(script[i].PathContains!, StringComparison.OrdinalIgnoreCase)) continue;
                _scriptLeft[i]--;
                scriptIndex = i;
                break;
            }
            if (rateKind is null && scriptIndex < 0)
            {
                if (faults.ErrorRate > 0 && _faultRandom.NextDouble() < faults.ErrorRate)
                {
                    randomError = true;
                    var statuses = faults.ErrorStatuses is { Length: > 0 } s ? s : new[] { 502, 503 };
                    randomStatus = statuses[_faultRandom.Next(statuses.Length)];
                }
                else if (faults.DropRate > 0 && _faultRandom.NextDouble() < faults.DropRate) drop = true;
                else if (faults.DropMidBodyRate > 0 && _faultRandom.NextDouble() < faults.DropMidBodyRate) dropMid = true;
            }
        }

        if (rateKind != null)
        {
            var f = faults.RateLimit;
            return rateKind switch
            {
                "retry-after-429" => Answer.Error(429, SecondaryMessage, rateKind, new() { ["retry-after"] = f.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture) }),
                "retry-after-403" => Answer.Error(403, SecondaryMessage, rateKind, new() { ["retry-after"] = f.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture) }),
                "secondary-429" => Answer.Error(429, SecondaryMessage, rateKind),
                "secondary-403" => Answer.Error(403, SecondaryMessage, rateKind),
                _ => Answer.Error(403, "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.", "primary",
                    new() { ["x-ratelimit-remaining"] = "0", ["x-ratelimit-reset"] = State.Clock.GetUtcNow().AddSeconds(f.ResetInSeconds).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) }),
            };
        }
        if (scriptIndex >= 0)
        {
            int status = faults.Script![scriptIndex].Status;
            return status == 0 ? new Answer(0, null, null, "drop") : Answer.Error(status, StatusMessage(status), "script " + status);
        }
        if (randomError) return Answer.Error(randomStatus, StatusMessage(randomStatus), "random " + randomStatus);
        if (drop) return new Answer(0, null, null, "drop");

        Answer real = Serve(context, method, segments, route, body, auth);
        return dropMid && real.Body != null ? real with { Fault = "drop mid-body" } : real;
    }

    private Answer Serve(HttpContext context, string method, string[]? segments, (string Template, string Accepted, bool Enterprise)? route, string? body, string? auth)
    {
        if (string.IsNullOrEmpty(context.Request.Headers.UserAgent.FirstOrDefault()))
            return Answer.Error(403, "Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required).");
        string? token = TokenOf(auth);
        if (token is null) return Answer.Error(401, "Requires authentication");
        if (token.StartsWith("sim_bad", StringComparison.Ordinal)) return Answer.Error(401, "Bad credentials");
        string? version = context.Request.Headers["X-GitHub-Api-Version"].FirstOrDefault();
        if (version != null && version != "2022-11-28" && version != "2026-03-10")
            return Answer.Error(400, $"API version '{version}' is not supported.");
        if (segments is null || route is null) return Answer.Error(404, "Not Found");
        var (template, accepted, _) = route.Value;
        string[] scopes = ScopesOf(token);
        var headers = new Dictionary<string, string> { ["X-OAuth-Scopes"] = string.Join(", ", scopes), ["X-Accepted-OAuth-Scopes"] = accepted };
        if (scopes.Length == 0) return Answer.Error(404, "Not Found", null, headers);
        var acceptedList = accepted.Split(", ");
        bool covered = acceptedList.Any(a => scopes.Contains(a) || (a.StartsWith("read:", StringComparison.Ordinal) && scopes.Contains("admin:" + a[5..])));
        if (!covered) return Answer.Error(403, "Resource not accessible by personal access token", null, headers);
        string baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
        Answer answer = _api.Handle(method, segments, context.Request.Query, body, baseUrl, template);
        var merged = new Dictionary<string, string>(headers);
        if (answer.Headers != null) foreach (var h in answer.Headers) merged[h.Key] = h.Value;
        return answer with { Headers = merged };
    }

    private static string? TokenOf(string? auth)
    {
        if (string.IsNullOrWhiteSpace(auth)) return null;
        foreach (string scheme in new[] { "Bearer ", "token " })
            if (auth.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && auth.Length > scheme.Length) return auth[scheme.Length..].Trim();
        return null;
    }

    /// <summary>GitHub's message for an error status (scripted and random faults).</summary>
    internal static string StatusMessage(int status) => status switch
    {
        400 => "Problems parsing JSON",
        401 => "Bad credentials",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        410 => "Gone",
        422 => "Validation Failed",
        429 => SecondaryMessage,
        500 => "Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => status >= 500 ? "Server Error" : "Error",
    };

    /// <summary>Query text for the log, with any credential-looking parameter's value removed.</summary>
    internal static string RedactQuery(string query)
    {
        if (query.Length == 0) return query;
        return string.Join('&', query.Split('&').Select(pair =>
        {
            int eq = pair.IndexOf('=');
            string name = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' ')).ToLowerInvariant();
            bool secret = name.Contains("token") || name.Contains("secret") || name.Contains("password") || name is "key" or "access_key" or "auth" or "authorization";
            return secret && eq >= 0 ? pair[..eq] + "=[REDACTED]" : pair;
        }));
    }

    private static string[] ScopesOf(string token) =>
        token.StartsWith("sim_readonly", StringComparison.Ordinal) ? new[] { "read:org", "read:enterprise" }
        : token.StartsWith("sim_noscope", StringComparison.Ordinal) ? Array.Empty<string>()
        : new[] { "admin:org", "manage_billing:copilot", "read:enterprise" };

    /// <summary>Decoded path segments, or null when a segment is empty, encodes a slash, or is a dot segment.</summary>
    internal static string[]? Segments(string rawPath)
    {
        string[] parts = rawPath.Trim('/').Split('/');
        var decoded = new string[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            string d;
            try { d = Uri.UnescapeDataString(parts[i]); } catch (UriFormatException) { return null; }
            if (d.Length == 0 || d.Contains('/') || d.Contains('\\') || d == "." || d == ".." || d.Any(char.IsControl)) return null;
            decoded[i] = d;
        }
        return decoded;
    }

    private async Task WriteAsync(HttpContext context, Answer answer, string? auth, string method, string rawPath)
    {
        var response = context.Response;
        response.StatusCode = answer.Status;
        var headers = response.Headers;
        headers["X-GitHub-Request-Id"] = $"SIM:{Guid.NewGuid():N}".ToUpperInvariant()[..24];
        headers["X-GitHub-Media-Type"] = "github.v3; format=json";
        string? token = TokenOf(auth);
        string key = token is null ? "anonymous" : SimulatorState.TokenKey(token);
        long windowStart;
        int used;
        lock (_faultLock)
        {
            long now = State.Clock.GetUtcNow().ToUnixTimeSeconds();
            (long WindowStart, int Used) counter = _rateCounters.TryGetValue(key, out var c) && now - c.WindowStart < 3600 ? c : (now, 0);
            counter.Used++;
            _rateCounters[key] = counter;
            (windowStart, used) = counter;
        }
        int limit = token is null ? 60 : 5000;
        headers["x-ratelimit-limit"] = limit.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining"] = Math.Max(0, limit - used).ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-used"] = used.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset"] = (windowStart + 3600).ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-resource"] = "core";
        // Every API response names the token's scopes and the scopes the route accepts (empty when unknown).
        bool knownToken = token != null && !token.StartsWith("sim_bad", StringComparison.Ordinal);
        headers["X-OAuth-Scopes"] = knownToken ? string.Join(", ", ScopesOf(token!)) : "";
        string[]? segments = Segments(rawPath);
        headers["X-Accepted-OAuth-Scopes"] = (segments is null ? null : CopilotApi.Route(method, segments))?.Accepted ?? "";
        if (answer.Headers != null) foreach (var h in answer.Headers) headers[h.Key] = h.Value;
        if (answer.Body is null) return;
        byte[] bytes = Encoding.UTF8.GetBytes(answer.Body.ToJsonString(WireJson));
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = bytes.Length;
        if (answer.Fault == "drop mid-body")
        {
            await response.Body.WriteAsync(bytes.AsMemory(0, Math.Max(1, bytes.Length / 2)), context.RequestAborted).ConfigureAwait(false);
            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            context.Abort();
            return;
        }
        await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    // ---- control API ---------------------------------------------------------------------------

    private async Task ControlAsync(HttpContext context, string rawPath)
    {
        string method = context.Request.Method.ToUpperInvariant();
        object? result = null;
        int status = 200;
        switch ((method, rawPath.TrimEnd('/')))
        {
            case ("GET", "/_simulator/requests"): result = Log.Snapshot(); break;
            case ("DELETE", "/_simulator/requests"): Log.Clear(); status = 204; break;
            case ("POST", "/_simulator/reset"):
            {
                SimulatorOptions? seed = null;
                using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
                string text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
                if (!string.IsNullOrWhiteSpace(text))
                {
                    var o = JsonSerializer.Deserialize<ResetBody>(text, ControlJson);
                    if (o != null)
                    {
                        seed = _options.Clone();
                        seed.Seats = o.Seats ?? _options.Seats;
                        seed.LabSeats = o.LabSeats ?? _options.LabSeats;
                        seed.Teams = o.Teams ?? _options.Teams;
                        seed.Seed = o.Seed ?? _options.Seed;
                    }
                }
                Reset(seed);
                status = 204;
                break;
            }
            case ("GET", "/_simulator/faults"): result = Faults; break;
            case ("PUT", "/_simulator/faults"):
            {
                try
                {
                    Faults = await JsonSerializer.DeserializeAsync<FaultSettings>(context.Request.Body, ControlJson).ConfigureAwait(false) ?? new FaultSettings();
                    result = Faults;
                }
                catch (JsonException ex)
                {
                    status = 400;
                    result = new { message = "Invalid fault settings: " + ex.Message };
                }
                break;
            }
            case ("GET", "/_simulator/stats"): result = Stats(); break;
            default: status = 404; result = new { message = "Unknown simulator control endpoint." }; break;
        }
        context.Response.StatusCode = status;
        if (result != null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(context.Response.Body, result, result.GetType(), ControlJson).ConfigureAwait(false);
        }
    }

    private sealed class ResetBody
    {
        public int? Seats { get; set; }
        public int? LabSeats { get; set; }
        public int? Teams { get; set; }
        public int? Seed { get; set; }
    }
}
