namespace CopilotSeats.Simulator.Apps;

/// <summary>What kind of credential a request carried (GitHub tells them apart by their prefix and form).</summary>
public enum TokenKind
{
    /// <summary>A token not tagged through the control API: classic scopes by prefix (README.md, "Authentication").</summary>
    Untagged,
    /// <summary>Classic personal access token (ghp_): OAuth scopes, X-OAuth-Scopes on every answer.</summary>
    Classic,
    /// <summary>OAuth app token (gho_): OAuth scopes like a classic token.</summary>
    OAuth,
    /// <summary>Fine-grained personal access token (github_pat_): permissions, no X-OAuth-Scopes.</summary>
    FineGrained,
    /// <summary>GitHub App installation token (ghs_): the installation's permissions on its account.</summary>
    Installation,
    /// <summary>A GitHub App's JWT: only the /app endpoints and /orgs/{org}/installation.</summary>
    AppJwt,
}

/// <summary>Who a request is: its token's kind, scopes or permissions, and (installations, JWTs) which App and account.</summary>
public sealed class Identity
{
    public required TokenKind Kind { get; init; }
    /// <summary>Classic scopes (Untagged, Classic, OAuth); empty otherwise.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = Array.Empty<string>();
    /// <summary>Fine-grained or App permissions, name → read/write (FineGrained, Installation).</summary>
    public IReadOnlyDictionary<string, string> Permissions { get; init; } = new Dictionary<string, string>();
    /// <summary>The App of a JWT or an installation token.</summary>
    public RegisteredApp? App { get; init; }
    /// <summary>The installation of an installation token.</summary>
    public AppInstallation? Installation { get; init; }

    /// <summary>Whether GitHub reports the token's scopes in X-OAuth-Scopes (classic and OAuth tokens).</summary>
    public bool HasScopes => Kind is TokenKind.Untagged or TokenKind.Classic or TokenKind.OAuth;

    /// <summary>GitHub's 403 message for a token of this kind that may not do something.</summary>
    public string NotAccessible => Kind is TokenKind.Installation or TokenKind.AppJwt
        ? "Resource not accessible by integration"
        : "Resource not accessible by personal access token";
}

/// <summary>A registered GitHub App: IDs, its public key (PEM) and installations.</summary>
public sealed class RegisteredApp
{
    public required long AppId { get; init; }
    public required string ClientId { get; init; }
    public required string Slug { get; init; }
    public required System.Security.Cryptography.RSA PublicKey { get; init; }
    /// <summary>Lifetime of the installation tokens it is issued (GitHub: one hour).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);
    public List<AppInstallation> Installations { get; } = new();
}

/// <summary>One installation of an App on an organization or an enterprise, with the permissions granted to it.</summary>
public sealed class AppInstallation
{
    public required long Id { get; init; }
    public required OwnerKind TargetKind { get; init; }
    public required string Account { get; init; }
    public required Dictionary<string, string> Permissions { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
