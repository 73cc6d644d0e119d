namespace CopilotSeats.Auth
{
    /// <summary>
    /// Classic OAuth scopes as GitHub names them in X-OAuth-Scopes and X-Accepted-OAuth-Scopes, and the rule
    /// by which a granted scope covers a needed one: admin:X covers every scope on X (admin:org covers
    /// write:org and read:org), and write:X covers read:X. Used by Core's ErrorMapper and by the simulator,
    /// which compiles this very file in as an internal class (see CopilotSeats.Simulator.csproj).
    /// </summary>
#if COPILOTSEATS_SIMULATOR
    internal
#else
    public
#endif
    static class OAuthScopes
    {
        private static readonly char[] Separators = { ',', ' ' };

        /// <summary>The scopes of a header value such as "admin:org, manage_billing:copilot"; empty for null or blank.</summary>
        public static List<string> Parse(string? scopes) =>
            scopes is null
                ? new List<string>()
                : scopes.Split(Separators, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).ToList();

        /// <summary>Whether the granted scopes include <paramref name="needed"/> or a scope that implies it (case-insensitive).</summary>
        public static bool Covers(IEnumerable<string> granted, string needed)
        {
            if (granted is null) throw new ArgumentNullException(nameof(granted));
            if (string.IsNullOrEmpty(needed)) return false;
            var have = granted as ICollection<string> ?? granted.ToList();
            if (have.Contains(needed, StringComparer.OrdinalIgnoreCase)) return true;
            int colon = needed.IndexOf(':');
            if (colon < 0) return false;
            string resource = needed.Substring(colon + 1);
            return have.Contains("admin:" + resource, StringComparer.OrdinalIgnoreCase)
                || (needed.StartsWith("read:", StringComparison.OrdinalIgnoreCase) && have.Contains("write:" + resource, StringComparer.OrdinalIgnoreCase));
        }

        /// <summary>Whether the granted scopes cover at least one of the accepted scopes (GitHub accepts any one of them).</summary>
        public static bool AnyCovered(IEnumerable<string> granted, IEnumerable<string> accepted)
        {
            if (accepted is null) throw new ArgumentNullException(nameof(accepted));
            var have = granted as ICollection<string> ?? granted?.ToList() ?? throw new ArgumentNullException(nameof(granted));
            return accepted.Any(a => Covers(have, a));
        }
    }
}
