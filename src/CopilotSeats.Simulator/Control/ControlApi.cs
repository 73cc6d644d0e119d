using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CopilotSeats.Simulator.Control;

/// <summary>
/// The control API under /_simulator/ (no auth, not logged, no faults): the request log, reset, fault
/// settings and statistics (README.md, "Control API").
/// </summary>
internal sealed class ControlApi
{
    public const string Prefix = "/_simulator";

    private static readonly JsonSerializerOptions ControlJson = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly SimulatorHost _host;
    private readonly SimulatorOptions _options;

    public ControlApi(SimulatorHost host, SimulatorOptions options)
    {
        _host = host;
        _options = options;
    }

    /// <summary>Whether a raw path belongs to the control API.</summary>
    public static bool Owns(string rawPath) => rawPath == Prefix || rawPath.StartsWith(Prefix + "/", StringComparison.Ordinal);

    public async Task HandleAsync(HttpContext context, string rawPath)
    {
        string method = context.Request.Method.ToUpperInvariant();
        object? result = null;
        int status = 200;
        switch ((method, rawPath.TrimEnd('/')))
        {
            case ("GET", "/_simulator/requests"): result = _host.Log.Snapshot(); break;
            case ("DELETE", "/_simulator/requests"): _host.Log.Clear(); status = 204; break;
            case ("POST", "/_simulator/reset"):
                _host.Reset(await ReadResetAsync(context).ConfigureAwait(false));
                status = 204;
                break;
            case ("GET", "/_simulator/faults"): result = _host.Faults; break;
            case ("PUT", "/_simulator/faults"):
            {
                try
                {
                    _host.Faults = await JsonSerializer.DeserializeAsync<FaultSettings>(context.Request.Body, ControlJson).ConfigureAwait(false) ?? new FaultSettings();
                    result = _host.Faults;
                }
                catch (JsonException ex)
                {
                    status = 400;
                    result = new { message = "Invalid fault settings: " + ex.Message };
                }
                break;
            }
            case ("GET", "/_simulator/stats"): result = _host.Stats(); break;
            case ("PATCH", "/_simulator/seats"):
            {
                SeatEdit? edit = null;
                try { edit = await JsonSerializer.DeserializeAsync<SeatEdit>(context.Request.Body, ControlJson).ConfigureAwait(false); }
                catch (JsonException) { /* answered below */ }
                if (edit?.Logins is not { Length: > 0 }) { status = 400; result = new { message = "Name the seats' logins: {\"logins\": [...]}." }; break; }
                result = new { seats = _host.State.EditSeats(edit.Logins, edit.AccountDeleted, edit.PlanType) };
                break;
            }
            case ("GET", "/_simulator/downloads"):
                result = new { downloadOrigin = _host.DownloadBaseUri.ToString().TrimEnd('/'), authorizationSeen = _host.Downloads.AuthorizationSeen, requests = _host.Downloads.Snapshot() };
                break;
            case ("DELETE", "/_simulator/downloads"): _host.Downloads.Clear(); status = 204; break;
            case ("POST", "/_simulator/apps"):
            case ("POST", "/_simulator/tokens"):
            {
                try
                {
                    if (rawPath.TrimEnd('/') == "/_simulator/apps")
                    {
                        var app = await JsonSerializer.DeserializeAsync<AppControl.AppBody>(context.Request.Body, ControlJson).ConfigureAwait(false);
                        result = AppControl.RegisterApp(_host.State, app ?? new AppControl.AppBody());
                        status = 201;
                    }
                    else
                    {
                        var tag = await JsonSerializer.DeserializeAsync<AppControl.TokenBody>(context.Request.Body, ControlJson).ConfigureAwait(false);
                        AppControl.TagToken(_host.State, tag ?? new AppControl.TokenBody());
                        status = 204;
                    }
                }
                catch (Exception ex) when (ex is JsonException or ArgumentException)
                {
                    status = 400;
                    result = new { message = ex.Message };
                }
                break;
            }
            case ("DELETE", "/_simulator/installation-tokens"):
                result = new { revoked = _host.State.Apps.RevokeInstallationTokens() };
                break;
            default: status = 404; result = new { message = "Unknown simulator control endpoint." }; break;
        }
        context.Response.StatusCode = status;
        if (result != null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(context.Response.Body, result, result.GetType(), ControlJson).ConfigureAwait(false);
        }
    }

    /// <summary>The seed a reset body asks for ({"seats","labSeats","teams","seed"}, each optional); null without a body.</summary>
    private async Task<SimulatorOptions?> ReadResetAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        string text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text)) return null;
        var o = JsonSerializer.Deserialize<ResetBody>(text, ControlJson);
        if (o is null) return null;
        var seed = _options.Clone();
        seed.Seats = o.Seats ?? _options.Seats;
        seed.LabSeats = o.LabSeats ?? _options.LabSeats;
        seed.Teams = o.Teams ?? _options.Teams;
        seed.Seed = o.Seed ?? _options.Seed;
        return seed;
    }

    /// <summary>PATCH /_simulator/seats: {"logins": [...], "accountDeleted"?: true, "planType"?: "unknown"}.</summary>
    private sealed class SeatEdit
    {
        public string[]? Logins { get; set; }
        public bool? AccountDeleted { get; set; }
        public string? PlanType { get; set; }
    }

    private sealed class ResetBody
    {
        public int? Seats { get; set; }
        public int? LabSeats { get; set; }
        public int? Teams { get; set; }
        public int? Seed { get; set; }
    }
}
