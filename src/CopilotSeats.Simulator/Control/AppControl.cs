using System.Text.Json;
using CopilotSeats.Simulator.Apps;

namespace CopilotSeats.Simulator.Control;

/// <summary>
/// The control API's App and token endpoints (README.md, "GitHub Apps and token kinds"):
/// POST /_simulator/apps registers an App, POST /_simulator/tokens tags a token,
/// DELETE /_simulator/installation-tokens revokes every installation token issued.
/// </summary>
internal static class AppControl
{
    /// <summary>Registers the App in <paramref name="body"/>; the result names its IDs and installations.</summary>
    public static object RegisterApp(SimulatorState state, AppBody body)
    {
        if (string.IsNullOrWhiteSpace(body.ClientId) || string.IsNullOrWhiteSpace(body.PublicKey))
            throw new ArgumentException("An App needs a clientId and a publicKey (PEM).");
        var installations = (body.Installations ?? new List<InstallationBody>()).Select(i =>
        {
            bool enterprise = !string.IsNullOrEmpty(i.Enterprise);
            string account = (enterprise ? i.Enterprise : i.Organization) ?? throw new ArgumentException("An installation names an organization or an enterprise.");
            var permissions = i.Permissions ?? (enterprise
                ? new Dictionary<string, string> { ["enterprise_copilot_license_management"] = "write", ["enterprise_copilot_metrics"] = "read" }
                : new Dictionary<string, string> { ["organization_copilot_seat_management"] = "write", ["organization_copilot_metrics"] = "read", ["members"] = "read" });
            return (enterprise ? OwnerKind.Enterprise : OwnerKind.Organization, account, i.Id, permissions);
        }).ToList();
        var lifetime = TimeSpan.FromSeconds(body.TokenLifetimeSeconds is > 0 ? body.TokenLifetimeSeconds.Value : 3600);
        RegisteredApp app;
        try
        {
            app = state.Apps.Register(body.ClientId!, body.AppId, body.PublicKey!, lifetime, installations, state.Clock.GetUtcNow());
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new ArgumentException("publicKey is not a PEM public key: " + ex.Message);
        }
        return new
        {
            appId = app.AppId,
            clientId = app.ClientId,
            tokenLifetimeSeconds = (int)app.TokenLifetime.TotalSeconds,
            installations = app.Installations.Select(i => new
            {
                id = i.Id,
                account = i.Account,
                targetType = i.TargetKind == OwnerKind.Enterprise ? "Enterprise" : "Organization",
                permissions = i.Permissions,
            }),
        };
    }

    /// <summary>Tags a token classic, oauth or fine-grained with its scopes or permissions.</summary>
    public static void TagToken(SimulatorState state, TokenBody body)
    {
        if (string.IsNullOrEmpty(body.Token)) throw new ArgumentException("A tag names the token.");
        TokenKind kind = (body.Kind ?? "").ToLowerInvariant() switch
        {
            "classic" => TokenKind.Classic,
            "oauth" => TokenKind.OAuth,
            "fine-grained" or "finegrained" => TokenKind.FineGrained,
            _ => throw new ArgumentException("kind is classic, oauth or fine-grained."),
        };
        state.Apps.Tag(body.Token!, kind, body.Scopes ?? new List<string>(), body.Permissions ?? new Dictionary<string, string>());
    }

    internal sealed class AppBody
    {
        public string? ClientId { get; set; }
        public long? AppId { get; set; }
        public string? PublicKey { get; set; }
        public int? TokenLifetimeSeconds { get; set; }
        public List<InstallationBody>? Installations { get; set; }
    }

    internal sealed class InstallationBody
    {
        public long? Id { get; set; }
        public string? Organization { get; set; }
        public string? Enterprise { get; set; }
        public Dictionary<string, string>? Permissions { get; set; }
    }

    internal sealed class TokenBody
    {
        public string? Token { get; set; }
        public string? Kind { get; set; }
        public List<string>? Scopes { get; set; }
        public Dictionary<string, string>? Permissions { get; set; }
    }
}
