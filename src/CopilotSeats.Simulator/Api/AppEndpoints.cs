using System.Globalization;
using System.Text.Json.Nodes;
using CopilotSeats.Simulator.Apps;
using CopilotSeats.Simulator.Routing;

namespace CopilotSeats.Simulator.Api;

/// <summary>
/// The GitHub App endpoints, called with the App's JWT (AuthStep checked it): the App's installations
/// (GET /app/installations, paged), an organization's installation of the App (GET /orgs/{org}/installation,
/// 404 when not installed there) and a new installation token (POST /app/installations/{id}/access_tokens,
/// 201 {token, expires_at, permissions, repository_selection}; 404 for another App's installation), and an
/// enterprise's installation (GET /enterprises/{enterprise}/installation, 404 when not installed there).
/// </summary>
internal sealed class AppEndpoints(SimulatorState state)
{
    public Answer Installations(RouteRequest request)
    {
        var app = request.Caller!.App!;
        var items = app.Installations.OrderBy(i => i.Id).Select(i => (JsonNode)Installation(app, i, request.BaseUrl)).ToList();
        return DirectoryReads.Paged(items, request);
    }

    public Answer OrgInstallation(RouteRequest request)
    {
        var app = request.Caller!.App!;
        var installation = app.Installations.FirstOrDefault(i => i.TargetKind == OwnerKind.Organization
            && string.Equals(i.Account, request.Owner!.Name, StringComparison.OrdinalIgnoreCase));
        return installation is null ? Answer.Error(404, "Not Found") : new Answer(200, Installation(app, installation, request.BaseUrl));
    }

    /// <summary>GET /enterprises/{enterprise}/installation (GHEC, apps/get-enterprise-installation): the App's installation on the enterprise, else 404.</summary>
    public Answer EnterpriseInstallation(RouteRequest request)
    {
        var app = request.Caller!.App!;
        var installation = app.Installations.FirstOrDefault(i => i.TargetKind == OwnerKind.Enterprise
            && string.Equals(i.Account, request.Owner!.Name, StringComparison.OrdinalIgnoreCase));
        return installation is null ? Answer.Error(404, "Not Found") : new Answer(200, Installation(app, installation, request.BaseUrl));
    }

    public Answer CreateToken(RouteRequest request)
    {
        var app = request.Caller!.App!;
        if (!long.TryParse(request["installation_id"], NumberStyles.None, CultureInfo.InvariantCulture, out long id)) return Answer.Error(404, "Not Found");
        var installation = app.Installations.FirstOrDefault(i => i.Id == id);
        if (installation is null) return Answer.Error(404, "Not Found");
        // GitHub's stateless tokens (since 2026-04-27) unless the request asks for the classic form.
        bool stateless = !string.Equals(request.Headers?["X-GitHub-Stateless-S2S-Token"].FirstOrDefault(), "disabled", StringComparison.OrdinalIgnoreCase);
        var (token, expiresAt) = state.Apps.Issue(installation, app, state.Clock.GetUtcNow(), stateless);
        // GitHub writes whole seconds; rounding down keeps the reported expiry at or before the real one.
        var reported = new DateTimeOffset(expiresAt.UtcTicks - expiresAt.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        return new Answer(201, new JsonObject
        {
            ["token"] = token,
            ["expires_at"] = reported.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["permissions"] = Permissions(installation),
            ["repository_selection"] = "all",
        });
    }

    private static JsonObject Permissions(AppInstallation installation)
    {
        var permissions = new JsonObject();
        foreach (var (name, level) in installation.Permissions.OrderBy(p => p.Key, StringComparer.Ordinal)) permissions[name] = level;
        return permissions;
    }

    private JsonObject Installation(RegisteredApp app, AppInstallation i, string baseUrl)
    {
        bool enterprise = i.TargetKind == OwnerKind.Enterprise;
        long accountId = enterprise ? 7_000_000 + Math.Abs(i.Account.GetHashCode(StringComparison.OrdinalIgnoreCase) % 100_000)
            : state.Orgs.TryGetValue(i.Account, out var org) ? org.Id : 0;
        JsonObject account = enterprise
            ? new JsonObject { ["id"] = accountId, ["slug"] = i.Account, ["name"] = i.Account, ["html_url"] = $"https://github.com/enterprises/{i.Account}" }
            : new JsonObject { ["login"] = i.Account, ["id"] = accountId, ["type"] = "Organization", ["url"] = $"{baseUrl}/orgs/{i.Account}" };
        string created = i.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["id"] = i.Id,
            ["account"] = account,
            ["repository_selection"] = "all",
            ["access_tokens_url"] = $"{baseUrl}/app/installations/{i.Id}/access_tokens",
            ["repositories_url"] = $"{baseUrl}/installation/repositories",
            ["html_url"] = enterprise ? $"https://github.com/enterprises/{i.Account}/settings/installations/{i.Id}" : $"https://github.com/organizations/{i.Account}/settings/installations/{i.Id}",
            ["app_id"] = app.AppId,
            ["client_id"] = app.ClientId,
            ["app_slug"] = app.Slug,
            ["target_id"] = accountId,
            ["target_type"] = enterprise ? "Enterprise" : "Organization",
            ["permissions"] = Permissions(i),
            ["events"] = new JsonArray(),
            ["created_at"] = created,
            ["updated_at"] = created,
            ["single_file_name"] = null,
            ["suspended_by"] = null,
            ["suspended_at"] = null,
        };
    }
}
