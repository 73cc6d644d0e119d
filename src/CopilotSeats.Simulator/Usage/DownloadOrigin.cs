using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CopilotSeats.Simulator.Usage;

/// <summary>
/// The second loopback origin that serves report files, like a blob store behind signed URLs: GET
/// /copilot-usage/{report}/report-{n}.ndjson?sv&amp;sp&amp;se&amp;sig. A request carrying an Authorization header
/// gets 401 and is recorded (a token must never come here); a bad or expired signature gets 403
/// (AuthenticationFailed); a download still running when its link expires is cut off. Files are streamed as they
/// are generated (never held whole), optionally gzip-compressed, slowly (drip), or with a malformed line.
/// </summary>
internal sealed class DownloadOrigin : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ReportStore _store;
    private readonly SimulatorState _state;
    private readonly Func<UsageSettings> _settings;

    private DownloadOrigin(WebApplication app, ReportStore store, SimulatorState state, Func<UsageSettings> settings)
    {
        _app = app; _store = store; _state = state; _settings = settings;
    }

    public Uri BaseUri { get; private set; } = null!;
    public DownloadLog Log { get; } = new();

    public static async Task<DownloadOrigin> StartAsync(string url, ReportStore store, SimulatorState state, Func<UsageSettings> settings, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        var app = builder.Build();
        var origin = new DownloadOrigin(app, store, state, settings);
        app.Run(origin.HandleAsync);
        await app.StartAsync(ct).ConfigureAwait(false);
        string address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        origin.BaseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/'));
        return origin;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string path = request.Path.Value ?? "";
        bool hadAuthorization = request.Headers.ContainsKey("Authorization");
        var entry = Log.Add(path, hadAuthorization);
        if (hadAuthorization)
        {
            // A signed URL carries its own credential; a token sent here has leaked.
            await Refuse(context, entry, 401, "InvalidAuthenticationInfo", "An Authorization header is not accepted with a signed URL.").ConfigureAwait(false);
            return;
        }
        string[] parts = path.Trim('/').Split('/');
        if (!HttpMethods.IsGet(request.Method) || parts.Length != 3 || parts[0] != "copilot-usage" || !parts[2].StartsWith("report-", StringComparison.Ordinal)
            || !parts[2].EndsWith(".ndjson", StringComparison.Ordinal)
            || !int.TryParse(parts[2]["report-".Length..^".ndjson".Length], NumberStyles.None, CultureInfo.InvariantCulture, out int file))
        {
            await Refuse(context, entry, 404, "BlobNotFound", "The specified blob does not exist.").ConfigureAwait(false);
            return;
        }
        entry.File = file;
        string id = parts[1];
        if (!long.TryParse(request.Query["se"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out long expires)
            || !_store.Verify(id, file, expires, request.Query["sig"].FirstOrDefault()))
        {
            await Refuse(context, entry, 403, "AuthenticationFailed", "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.").ConfigureAwait(false);
            return;
        }
        if (Now() >= expires)
        {
            await Refuse(context, entry, 403, "AuthenticationFailed", "Signed expiry time has passed.").ConfigureAwait(false);
            return;
        }
        var report = _store.Find(id);
        if (report is null || file < 1 || file > report.Files)
        {
            await Refuse(context, entry, 404, "BlobNotFound", "The specified blob does not exist.").ConfigureAwait(false);
            return;
        }
        await ServeAsync(context, entry, report, file, expires).ConfigureAwait(false);
    }

    private long Now() => _state.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static async Task Refuse(HttpContext context, DownloadEntry entry, int status, string code, string message)
    {
        entry.Status = status;
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        await context.Response.WriteAsync($"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{code}</Code><Message>{message}</Message></Error>").ConfigureAwait(false);
        entry.Completed = true;
    }

    private async Task ServeAsync(HttpContext context, DownloadEntry entry, ReportSnapshot report, int file, long expires)
    {
        UsageSettings settings = _settings();
        var response = context.Response;
        entry.Status = 200;
        response.StatusCode = 200;
        response.ContentType = "application/x-ndjson";
        Stream output = response.Body;
        if (settings.Gzip)
        {
            response.Headers.ContentEncoding = "gzip";
            entry.Gzip = true;
            output = new GZipStream(response.Body, CompressionLevel.Fastest, leaveOpen: true);
        }
        int chunk = settings.DripChunkBytes > 0 ? settings.DripChunkBytes : 64 * 1024;
        var buffer = new ArrayBufferWriter<byte>(chunk + 4096);
        using var writer = new Utf8JsonWriter(buffer);
        var (first, count) = report.FileRange(file);
        long line = 0;
        var token = context.RequestAborted;
        try
        {
            for (long i = 0; i < count; i++)
            {
                line++;
                if (settings.MalformedLine is { } bad && bad.File == file && bad.Line == line)
                {
                    buffer.Write("{\"day\":\"2026-01-01\",\"user_login\":\n"u8);
                    line++;
                }
                report.Write(first + i, writer);
                writer.Flush();
                writer.Reset();
                buffer.Write("\n"u8);
                if (buffer.WrittenCount >= chunk && !await SendAsync(context, output, buffer, entry, settings, expires, token).ConfigureAwait(false)) return;
            }
            if (settings.MalformedLine is { } last && last.File == file && last.Line == line + 1)
                buffer.Write("{\"day\":\"2026-01-01\",\"user_login\":\n"u8);
            if (buffer.WrittenCount > 0 && !await SendAsync(context, output, buffer, entry, settings, expires, token).ConfigureAwait(false)) return;
            if (output != response.Body) await output.DisposeAsync().ConfigureAwait(false);
            entry.Completed = true;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            entry.Aborted = true; // the client went away (Select-Object -First, Ctrl+C)
        }
    }

    /// <summary>Writes the buffered lines; cuts the connection instead when the link has expired meanwhile.</summary>
    private async Task<bool> SendAsync(HttpContext context, Stream output, ArrayBufferWriter<byte> buffer, DownloadEntry entry, UsageSettings settings, long expires, CancellationToken token)
    {
        if (Now() >= expires)
        {
            entry.Aborted = true;
            entry.Expired = true;
            context.Abort();
            return false;
        }
        await output.WriteAsync(buffer.WrittenMemory, token).ConfigureAwait(false);
        await output.FlushAsync(token).ConfigureAwait(false);
        entry.AddBytes(buffer.WrittenCount);
        buffer.Clear();
        if (settings.DripDelayMs > 0) await Task.Delay(settings.DripDelayMs, token).ConfigureAwait(false);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        try { await _app.StopAsync().ConfigureAwait(false); } catch (OperationCanceledException) { }
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>One request to the download origin (never its query string: the signature).</summary>
public sealed class DownloadEntry
{
    private long _bytes;
    public long Sequence { get; init; }
    public string Path { get; init; } = "";
    public int File { get; set; }
    public int Status { get; set; }
    public bool HadAuthorization { get; init; }
    public bool Gzip { get; set; }
    /// <summary>NDJSON bytes written to the response so far (before compression).</summary>
    public long BytesSent => Interlocked.Read(ref _bytes);
    public bool Completed { get; set; }
    public bool Aborted { get; set; }
    /// <summary>Cut off because the link expired while the file was sent.</summary>
    public bool Expired { get; set; }
    public DateTimeOffset StartedAt { get; init; } = DateTimeOffset.UtcNow;
    internal void AddBytes(long n) => Interlocked.Add(ref _bytes, n);
}

/// <summary>
/// The download origin's request log, and how many requests carried an Authorization header since the simulator
/// started (a reset or clearing the log does not forget a leak).
/// </summary>
public sealed class DownloadLog
{
    private readonly List<DownloadEntry> _entries = new();
    private long _sequence;
    private int _authorizationSeen;

    public int AuthorizationSeen => Volatile.Read(ref _authorizationSeen);

    public IReadOnlyList<DownloadEntry> Snapshot()
    {
        lock (_entries) return _entries.ToList();
    }

    public void Clear()
    {
        lock (_entries) _entries.Clear();
    }

    internal DownloadEntry Add(string path, bool hadAuthorization)
    {
        if (hadAuthorization) Interlocked.Increment(ref _authorizationSeen);
        lock (_entries)
        {
            var entry = new DownloadEntry { Sequence = ++_sequence, Path = path, HadAuthorization = hadAuthorization };
            _entries.Add(entry);
            return entry;
        }
    }
}
