using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using CopilotSeats.Http;

namespace CopilotSeats.Auth.App
{
    /// <summary>
    /// The App's own endpoints, signed with its JWT, through a request engine of their own (same retries,
    /// rate-limit waits and redirect rules as every other request): find the installation, and create an
    /// installation token. A 401 is <c>CopilotSeats.AppAuthFailed</c>; a missing installation
    /// <c>CopilotSeats.AppNotInstalled</c>.
    /// </summary>
    internal sealed class GitHubAppApi : IDisposable
    {
        private readonly RequestEngine _engine;
        private Action<string>? _verbose;

        public GitHubAppApi(RSA key, string clientId, Uri apiUrl, string apiVersion, CopilotClientOptions options)
        {
            ClientId = clientId;
            var ownOptions = new CopilotClientOptions
            {
                Clock = options.Clock,
                PrimaryHandlerFactory = options.PrimaryHandlerFactory,
                RequestTimeout = options.RequestTimeout,
                MaxRetries = options.MaxRetries,
                MaxRateLimitWait = options.MaxRateLimitWait,
                Random = options.Random,
                ThrottleLimit = 1,
                MutationSpacing = TimeSpan.Zero,
                Verbose = message => _verbose?.Invoke(message),
            };
            _engine = new RequestEngine(new ResolvedConnection(apiUrl, apiVersion, new AppJwtProvider(key, clientId, options.Clock)), ownOptions);
        }

        public string ClientId { get; }

        /// <summary>Where the engine's verbose lines go for the calls that follow (set by the one caller at a time).</summary>
        public Action<string>? Verbose { set => _verbose = value; }

        /// <summary>
        /// The installation's ID, as GitHub documents it for each kind of account (with the JWT):
        /// GET /orgs/{org}/installation; for an enterprise GET /enterprises/{enterprise}/installation (GHEC,
        /// apps/get-enterprise-installation) or, where that answers 404, the Enterprise installation among
        /// GET /app/installations (paged; APPS-ENTERPRISE.md documents both). Not found by either: not installed there.
        /// </summary>
        public async Task<long> FindInstallationAsync(SeatScope target, CancellationToken cancellationToken)
        {
            string escaped = Uri.EscapeDataString(target.Name);
            var request = target.Kind == ScopeKind.Organization
                ? new ApiRequest(HttpMethod.Get, Build("orgs/" + escaped + "/installation"),
                    "GET /orgs/{org}/installation", RequestKind.AppInstallation, target, target.Name)
                : new ApiRequest(HttpMethod.Get, Build("enterprises/" + escaped + "/installation"),
                    "GET /enterprises/{enterprise}/installation", RequestKind.AppInstallation, target, target.Name);
            ApiResponse? response = await SendAsync(request, target, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                if (target.Kind == ScopeKind.Organization) throw GitHubAppErrors.NotInstalled(ClientId, target);
                return await FindEnterpriseInListAsync(target, cancellationToken).ConfigureAwait(false)
                    ?? throw GitHubAppErrors.NotInstalled(ClientId, target, listed: true);
            }
            using JsonDocument doc = Parse(request, response);
            return IdOf(doc.RootElement) ?? throw GitHubAppErrors.NotInstalled(ClientId, target);
        }

        /// <summary>The ID of the installation with target_type Enterprise whose account is the enterprise, among every page of GET /app/installations; else null.</summary>
        private async Task<long?> FindEnterpriseInListAsync(SeatScope target, CancellationToken cancellationToken)
        {
            var links = new LinkFollower(_engine.Connection.ApiUrl, _verbose);
            Uri? next = Build("app/installations?per_page=100");
            while (next is not null)
            {
                var request = new ApiRequest(HttpMethod.Get, next, "GET /app/installations", RequestKind.AppInstallation, target, target.Name);
                ApiResponse response = await SendAsync(request, target, cancellationToken).ConfigureAwait(false)
                    ?? throw GitHubAppErrors.NotInstalled(ClientId, target, listed: true);
                using JsonDocument doc = Parse(request, response);
                if (doc.RootElement.ValueKind != JsonValueKind.Array)
                    throw InvalidResponses.From(request, response, new JsonException("GET /app/installations did not answer an array."));
                foreach (JsonElement installation in doc.RootElement.EnumerateArray())
                    if (IsEnterpriseInstallation(installation, target.Name)) return IdOf(installation);
                next = links.Next(response.Header("Link"));
            }
            return null;
        }

        private static bool IsEnterpriseInstallation(JsonElement installation, string enterprise)
        {
            if (installation.ValueKind != JsonValueKind.Object
                || !installation.TryGetProperty("target_type", out JsonElement kind) || kind.ValueKind != JsonValueKind.String
                || !string.Equals(kind.GetString(), "Enterprise", StringComparison.OrdinalIgnoreCase)
                || !installation.TryGetProperty("account", out JsonElement account) || account.ValueKind != JsonValueKind.Object) return false;
            foreach (string name in new[] { "slug", "login" })
                if (account.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
                    && string.Equals(value.GetString(), enterprise, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }

        /// <summary>One App request: its answer, or null for a 404; a 401 or 403 is AppAuthFailed.</summary>
        private async Task<ApiResponse?> SendAsync(ApiRequest request, SeatScope target, CancellationToken cancellationToken)
        {
            try
            {
                return await _engine.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (CopilotApiException ex) when (ex.StatusCode == 404)
            {
                return null;
            }
            catch (CopilotApiException ex) when (ex.StatusCode == 401 || ex.StatusCode == 403)
            {
                throw GitHubAppErrors.AuthFailed(ClientId, target, ex);
            }
        }

        private static JsonDocument Parse(ApiRequest request, ApiResponse response)
        {
            try
            {
                return JsonDocument.Parse(response.Body);
            }
            catch (JsonException ex)
            {
                throw InvalidResponses.From(request, response, ex);
            }
        }

        /// <summary>POST /app/installations/{id}/access_tokens: a new installation token and its expiry.</summary>
        public async Task<InstallationToken> CreateTokenAsync(long installationId, SeatScope target, CancellationToken cancellationToken)
        {
            var request = new ApiRequest(HttpMethod.Post,
                Build("app/installations/" + installationId.ToString(CultureInfo.InvariantCulture) + "/access_tokens"),
                "POST /app/installations/{installation_id}/access_tokens", RequestKind.InstallationToken, target, target.Name);
            ApiResponse response = await SendAsync(request, target, cancellationToken).ConfigureAwait(false)
                ?? throw GitHubAppErrors.InstallationGone(ClientId, installationId, target);
            return InstallationToken.Read(response.Body, InstallationTokenProvider.SourceName);
        }

        private Uri Build(string relative) => new Uri(_engine.Connection.ApiUrl, relative);

        private static long? IdOf(JsonElement installation) =>
            installation.ValueKind == JsonValueKind.Object && installation.TryGetProperty("id", out JsonElement id) && id.TryGetInt64(out long value) ? value : (long?)null;

        public void Dispose() => _engine.Dispose();
    }
}
