using System.Security.Cryptography;
using CopilotSeats.Http;

namespace CopilotSeats.Auth.App
{
    /// <summary>
    /// A GitHub App installation's token for every request of the session: renewed before a request when less
    /// than <see cref="RefreshBefore"/> remains (5 minutes by default; half the token's lifetime when that is
    /// shorter, so that a short-lived token is not renewed on every request), and once more when GitHub refuses it
    /// (401, e.g. revoked). One renewal at a time: requests that arrive meanwhile wait for it and share its
    /// token (single flight). Holds the App's key as an RSA object until it closes: when the session has let go of it
    /// (Disconnect-Copilot or a new Connect-Copilot) and so has every command that holds it (<see cref="Acquire"/>);
    /// tokens live only as <see cref="CopilotToken"/>s.
    /// </summary>
    public sealed class InstallationTokenProvider : IAppSignIn
    {
        public const string SourceName = "GitHubApp";
        public static readonly TimeSpan DefaultRefreshBefore = TimeSpan.FromMinutes(5);

        private readonly RSA _key;
        private readonly GitHubAppApi _api;
        private readonly SeatScope _target;
        private readonly IClock _clock;
        private readonly SemaphoreSlim _renewal = new SemaphoreSlim(1, 1);
        private volatile InstallationToken? _current;
        private long _marginTicks; // the current token's renewal margin, written before _current
        private int _tokensIssued;
        private volatile bool _disposed;
        private int _holds = 1; // the session's, let go by Dispose; one more per command (Acquire)
        private int _sessionLetGo;

        internal InstallationTokenProvider(RSA key, GitHubAppApi api, long installationId, SeatScope target, IClock clock, TimeSpan refreshBefore)
        {
            _key = key; _api = api; InstallationId = installationId; _target = target; _clock = clock; RefreshBefore = refreshBefore;
        }

        public string Source => SourceName;
        public bool CanRenew => true;
        public string ClientId => _api.ClientId;
        public long InstallationId { get; }
        public SeatScope Installation => _target;
        public TimeSpan RefreshBefore { get; }
        /// <summary>When the current token expires (GitHub's expires_at), or null before the first one.</summary>
        public DateTimeOffset? TokenExpiresAt => _current?.ExpiresAt;
        public IReadOnlyDictionary<string, string> Permissions => _current?.Permissions ?? new Dictionary<string, string>();
        /// <summary>How many installation tokens this provider has obtained.</summary>
        public int TokensIssued => Volatile.Read(ref _tokensIssued);

        public Task<CopilotToken> GetAsync(Action<string>? verbose, CancellationToken cancellationToken)
        {
            InstallationToken? current = _current;
            if (current != null && !ExpiresSoon(current)) return Task.FromResult(current.Token);
            return RenewWhenAsync(t => t is null || ExpiresSoon(t), "expires within " + Minutes(RefreshBefore), verbose, cancellationToken)!;
        }

        public Task<CopilotToken?> RenewAsync(CopilotToken rejected, Action<string>? verbose, CancellationToken cancellationToken) =>
            RenewWhenAsync(t => t is null || ReferenceEquals(t.Token, rejected), "was refused", verbose, cancellationToken)!;

        private bool ExpiresSoon(InstallationToken token) => token.ExpiresAt - _clock.UtcNow <= TimeSpan.FromTicks(Volatile.Read(ref _marginTicks));

        /// <summary>The renewal margin of a token obtained at <paramref name="obtainedAt"/>: the lesser of <paramref name="refreshBefore"/> and half its lifetime.</summary>
        internal static TimeSpan MarginFor(DateTimeOffset obtainedAt, DateTimeOffset expiresAt, TimeSpan refreshBefore)
        {
            TimeSpan half = TimeSpan.FromTicks(Math.Max(0, (expiresAt - obtainedAt).Ticks / 2));
            return half < refreshBefore ? half : refreshBefore;
        }

        /// <summary>Renews under the lock when <paramref name="needed"/> still holds once the lock is ours; else hands out the token another request just obtained.</summary>
        private async Task<CopilotToken> RenewWhenAsync(Func<InstallationToken?, bool> needed, string why, Action<string>? verbose, CancellationToken cancellationToken)
        {
            if (_disposed) throw Disconnected();
            await _renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_disposed) throw Disconnected();
                InstallationToken? current = _current;
                if (current != null && !needed(current)) return current.Token;
                _api.Verbose = verbose;
                DateTimeOffset asked = _clock.UtcNow;
                InstallationToken fresh = await _api.CreateTokenAsync(InstallationId, _target, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _marginTicks, MarginFor(asked, fresh.ExpiresAt, RefreshBefore).Ticks);
                _current = fresh;
                int count = Interlocked.Increment(ref _tokensIssued);
                verbose?.Invoke(count == 1
                    ? $"GitHub App '{ClientId}': installation {InstallationId} token obtained (expires {fresh.ExpiresAt:HH:mm:ss} UTC)."
                    : $"GitHub App '{ClientId}': installation token {why}; renewed (expires {fresh.ExpiresAt:HH:mm:ss} UTC).");
                return fresh.Token;
            }
            finally
            {
                _api.Verbose = null;
                _renewal.Release();
            }
        }

        /// <summary>Signs in: finds the installation unless given, then obtains the first token. Takes ownership of <paramref name="key"/>.</summary>
        public static async Task<InstallationTokenProvider> SignInAsync(RSA key, string clientId, long? installationId, SeatScope target,
            ResolvedEndpoint endpoint, CopilotClientOptions options, CancellationToken cancellationToken, TimeSpan? refreshBefore = null)
        {
            if (string.IsNullOrWhiteSpace(clientId))
                throw new CopilotException("CopilotSeats.InvalidClientId", CopilotErrorCategory.InvalidArgument, clientId, "The GitHub App client ID is empty.")
                {
                    IsTerminating = true,
                    RecommendedAction = "Pass the App's client ID (on its settings page) to Connect-Copilot -ClientId.",
                };
            GitHubAppApi? api = null;
            InstallationTokenProvider? provider = null;
            try
            {
                api = new GitHubAppApi(key, clientId.Trim(), endpoint.ApiUrl, endpoint.ApiVersion, options) { Verbose = options.Verbose };
                long id = installationId ?? await api.FindInstallationAsync(target, cancellationToken).ConfigureAwait(false);
                provider = new InstallationTokenProvider(key, api, id, target, options.Clock, refreshBefore ?? DefaultRefreshBefore);
                await provider.GetAsync(options.Verbose, cancellationToken).ConfigureAwait(false);
                return provider;
            }
            catch
            {
                if (provider != null) provider.Dispose();
                else { api?.Dispose(); key.Dispose(); }
                throw;
            }
        }

        private static string Minutes(TimeSpan span) => span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0} min" : $"{span.TotalSeconds:0} s";

        private CopilotException Disconnected() => ConnectionResolver.Disconnected(_target.Name);

        /// <summary>Whether the sign-in has closed (every hold let go): it serves no token any more.</summary>
        public bool IsClosed => _disposed;

        public IDisposable? Acquire()
        {
            while (true)
            {
                int holds = Volatile.Read(ref _holds);
                if (holds == 0) return null;
                if (Interlocked.CompareExchange(ref _holds, holds + 1, holds) == holds) return new Hold(this);
            }
        }

        /// <summary>Lets go of the session's hold (once): the sign-in closes now if no command holds it, else when the last one ends.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _sessionLetGo, 1) == 0) LetGo();
        }

        private void LetGo()
        {
            if (Interlocked.Decrement(ref _holds) == 0) Close();
        }

        private sealed class Hold(InstallationTokenProvider provider) : IDisposable
        {
            private int _letGo;
            public void Dispose()
            {
                if (Interlocked.Exchange(ref _letGo, 1) == 0) provider.LetGo();
            }
        }

        private void Close()
        {
            if (_disposed) return;
            _disposed = true;
            _current = null;
            _api.Dispose();
            _key.Dispose();
        }

        public override string ToString() => $"GitHub App {ClientId}, installation {InstallationId}";
    }

    /// <summary>The API URL and version a sign-in talks to.</summary>
    public sealed class ResolvedEndpoint
    {
        public ResolvedEndpoint(Uri apiUrl, string apiVersion) { ApiUrl = apiUrl; ApiVersion = apiVersion; }
        public Uri ApiUrl { get; }
        public string ApiVersion { get; }
    }
}
