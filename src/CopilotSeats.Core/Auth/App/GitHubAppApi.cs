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
        /// GET /orgs/{org}/installation, or GET /enterprises/{enterprise}/installation (GHEC,
        /// apps/get-enterprise-installation). 404: not installed there.
        /// </summary>
        public async Task<long> FindInstallationAsync(SeatScope target, CancellationToken cancellationToken)
        {
            string escaped = Uri.EscapeDataString(target.Name);
            var request = target.Kind == ScopeKind.Organization
                ? new ApiRequest(HttpMethod.Get, Build("orgs/" + escaped + "/installation"),
                    "GET /orgs/{org}/installation", RequestKind.AppInstallation, target, target.Name)
                : new ApiRequest(HttpMethod.Get, Build("enterprises/" + escaped + "/installation"),
                    "GET /enterprises/{enterprise}/installation", RequestKind.AppInstallation, target, target.Name);
            ApiResponse response;
            try
            {
                response = await _engine.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (CopilotApiException ex) when (ex.StatusCode == 404)
            {
                throw GitHubAppErrors.NotInstalled(ClientId, target);
            }
            catch (CopilotApiException ex) when (ex.StatusCode == 401 || ex.StatusCode == 403)
            {
                throw GitHubAppErrors.AuthFailed(ClientId, target, ex);
            }
            long? id;
            try
            {
                using JsonDocument doc = JsonDocument.Parse(response.Body);
                id = IdOf(doc.RootElement);
            }
            catch (JsonException ex)
            {
                throw InvalidResponses.From(request, response, ex);
            }
            return id ?? throw GitHubAppErrors.NotInstalled(ClientId, target);
        }

        /// <summary>POST /app/installations/{id}/access_tokens: a new installation token and its expiry.</summary>
        public async Task<InstallationToken> CreateTokenAsync(long installationId, SeatScope target, CancellationToken cancellationToken)
        {
            var request = new ApiRequest(HttpMethod.Post,
                Build("app/installations/" + installationId.ToString(CultureInfo.InvariantCulture) + "/access_tokens"),
                "POST /app/installations/{installation_id}/access_tokens", RequestKind.InstallationToken, target, target.Name);
            ApiResponse response;
            try
            {
                response = await _engine.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (CopilotApiException ex) when (ex.StatusCode == 404)
            {
                throw GitHubAppErrors.InstallationGone(ClientId, installationId, target);
            }
            catch (CopilotApiException ex) when (ex.StatusCode == 401 || ex.StatusCode == 403)
            {
                throw GitHubAppErrors.AuthFailed(ClientId, target, ex);
            }
            return InstallationToken.Read(response.Body, InstallationTokenProvider.SourceName);
        }

        private Uri Build(string relative) => new Uri(_engine.Connection.ApiUrl, relative);

        private static long? IdOf(JsonElement installation) =>
            installation.ValueKind == JsonValueKind.Object && installation.TryGetProperty("id", out JsonElement id) && id.TryGetInt64(out long value) ? value : (long?)null;

        public void Dispose() => _engine.Dispose();
    }
}
