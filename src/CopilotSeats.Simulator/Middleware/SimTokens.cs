namespace CopilotSeats.Simulator.Middleware;

/// <summary>The simulator's tokens (README.md, "Authentication"): what a token is and which scopes it has.</summary>
internal static class SimTokens
{
    public static string? TokenOf(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization)) return null;
        foreach (string scheme in new[] { "Bearer ", "token " })
            if (authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && authorization.Length > scheme.Length)
                return authorization[scheme.Length..].Trim();
        return null;
    }

    /// <summary>A token GitHub would refuse with 401 Bad credentials.</summary>
    public static bool IsBad(string token) => token.StartsWith("sim_bad", StringComparison.Ordinal);

    /// <summary>An organization member who is neither an admin nor a billing manager (<c>sim_member</c>): billing endpoints refuse it.</summary>
    public static bool IsPlainMember(string token) => token.StartsWith("sim_member", StringComparison.Ordinal);

    /// <summary>A billing manager who is not an admin (<c>sim_billing</c>): reports that only admins may read refuse it.</summary>
    public static bool IsBillingManager(string token) => token.StartsWith("sim_billing", StringComparison.Ordinal);

    /// <summary>The classic scopes of a token (X-OAuth-Scopes).</summary>
    public static string[] ScopesOf(string token) =>
        token.StartsWith("sim_readonly", StringComparison.Ordinal) ? new[] { "read:org", "read:enterprise" }
        : token.StartsWith("sim_noscope", StringComparison.Ordinal) ? Array.Empty<string>()
        : new[] { "admin:org", "manage_billing:copilot", "read:enterprise" };
}
