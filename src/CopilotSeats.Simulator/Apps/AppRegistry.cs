using System.Security.Cryptography;
using CopilotSeats.Simulator.Middleware;

namespace CopilotSeats.Simulator.Apps;

/// <summary>
/// The simulator's credentials beyond its prefix tokens: registered GitHub Apps (public keys, installations),
/// the installation tokens issued to them (ghs_, with their expiry), and tokens tagged classic, OAuth or
/// fine-grained with chosen scopes or permissions (README.md, "GitHub Apps and token kinds"). Thread-safe.
/// </summary>
public sealed class AppRegistry
{
    private readonly object _lock = new();
    private readonly List<RegisteredApp> _apps = new();
    private readonly Dictionary<string, (long InstallationId, DateTimeOffset ExpiresAt)> _issued = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Identity> _tagged = new(StringComparer.Ordinal);
    private long _nextInstallationId = 40_000_001;
    private long _nextAppId = 900_001;

    public void Clear()
    {
        lock (_lock)
        {
            foreach (var app in _apps) app.PublicKey.Dispose();
            _apps.Clear();
            _issued.Clear();
            _tagged.Clear();
        }
    }

    /// <summary>Registers (or replaces, by client ID) an App; installation IDs are given or assigned.</summary>
    public RegisteredApp Register(string clientId, long? appId, string publicKeyPem, TimeSpan tokenLifetime,
        IEnumerable<(OwnerKind Kind, string Account, long? Id, Dictionary<string, string> Permissions)> installations, DateTimeOffset now)
    {
        var key = RSA.Create();
        key.ImportFromPem(publicKeyPem);
        lock (_lock)
        {
            _apps.RemoveAll(a => string.Equals(a.ClientId, clientId, StringComparison.Ordinal));
            var app = new RegisteredApp
            {
                AppId = appId ?? _nextAppId++, ClientId = clientId, Slug = "app-" + clientId.ToLowerInvariant(), PublicKey = key, TokenLifetime = tokenLifetime,
            };
            foreach (var (kind, account, id, permissions) in installations)
                app.Installations.Add(new AppInstallation
                {
                    Id = id ?? _nextInstallationId++, TargetKind = kind, Account = account,
                    Permissions = new Dictionary<string, string>(permissions, StringComparer.Ordinal), CreatedAt = now,
                });
            _apps.Add(app);
            return app;
        }
    }

    /// <summary>The App whose client ID or App ID is <paramref name="issuer"/>.</summary>
    public RegisteredApp? FindApp(string issuer)
    {
        lock (_lock)
            return _apps.FirstOrDefault(a => string.Equals(a.ClientId, issuer, StringComparison.Ordinal)
                || a.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture) == issuer);
    }

    /// <summary>Tags a token: its kind and scopes (classic, OAuth) or permissions (fine-grained).</summary>
    public void Tag(string token, TokenKind kind, IEnumerable<string> scopes, IDictionary<string, string> permissions)
    {
        lock (_lock)
            _tagged[SimulatorState.TokenKey(token)] = new Identity
            {
                Kind = kind, Scopes = scopes.ToArray(), Permissions = new Dictionary<string, string>(permissions, StringComparer.Ordinal),
            };
    }

    /// <summary>
    /// A new ghs_ token for the installation, valid for the App's token lifetime from <paramref name="now"/>. Stateless
    /// (GitHub's format since 2026-04-27): <c>ghs_APPID_</c> and a JWT-like opaque tail, about 520 characters, varying
    /// in length, with '.', '_' and '-'; else the classic 40 characters (X-GitHub-Stateless-S2S-Token: disabled).
    /// </summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue(AppInstallation installation, RegisteredApp app, DateTimeOffset now, bool stateless = true)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        const string base64Url = alphabet + "-_";
        string token = stateless
            ? "ghs_" + app.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_eyJ"
                + new string(RandomNumberGenerator.GetItems<char>(base64Url, 33)) + "."
                + new string(RandomNumberGenerator.GetItems<char>(base64Url, 280 + RandomNumberGenerator.GetInt32(0, 24))) + "."
                + new string(RandomNumberGenerator.GetItems<char>(base64Url, 190))
            : "ghs_" + new string(RandomNumberGenerator.GetItems<char>(alphabet, 36));
        DateTimeOffset expiresAt = now + app.TokenLifetime;
        lock (_lock) _issued[token] = (installation.Id, expiresAt);
        return (token, expiresAt);
    }

    /// <summary>Revokes every installation token issued so far (they answer 401 from now on).</summary>
    public int RevokeInstallationTokens()
    {
        lock (_lock)
        {
            int count = _issued.Count;
            _issued.Clear();
            return count;
        }
    }

    public int IssuedCount { get { lock (_lock) return _issued.Count; } }

    /// <summary>
    /// Who <paramref name="token"/> is, or GitHub's 401 message: a JWT is verified, an installation token must be
    /// issued and unexpired, a tagged token has its tag; any other token is untagged (classic scopes by prefix).
    /// </summary>
    public (Identity? Identity, string? Refusal) Identify(string token, DateTimeOffset now)
    {
        if (SimTokens.IsBad(token)) return (null, "Bad credentials");
        if (JwtVerifier.LooksLikeJwt(token))
        {
            var (app, refusal) = JwtVerifier.Verify(token, FindApp, now);
            return app is null ? (null, refusal) : (new Identity { Kind = TokenKind.AppJwt, App = app }, null);
        }
        lock (_lock)
        {
            if (token.StartsWith("ghs_", StringComparison.Ordinal))
            {
                if (!_issued.TryGetValue(token, out var issued) || issued.ExpiresAt <= now) return (null, "Bad credentials");
                foreach (var app in _apps)
                    foreach (var installation in app.Installations)
                        if (installation.Id == issued.InstallationId)
                            return (new Identity { Kind = TokenKind.Installation, App = app, Installation = installation, Permissions = installation.Permissions }, null);
                return (null, "Bad credentials");
            }
            if (_tagged.TryGetValue(SimulatorState.TokenKey(token), out var tagged)) return (tagged, null);
        }
        return (new Identity { Kind = TokenKind.Untagged, Scopes = SimTokens.ScopesOf(token) }, null);
    }
}
