namespace CopilotSeats.Diagnostics
{
    /// <summary>A GitHub token's kind from its documented prefix; only the prefix is ever looked at.</summary>
    public static class TokenKinds
    {
        public const string Unknown = "Unknown";

        /// <summary>The documented prefixes, each with its kind (github_pat_ before the shorter ones).</summary>
        private static readonly (string Prefix, string Kind)[] Prefixes =
        {
            ("github_pat_", "FineGrained"),
            ("ghp_", "Classic"),
            ("ghs_", "GitHubApp"), // an App installation token
            ("gho_", "OAuthApp"),
            ("ghu_", "UserToServer"),
        };

        /// <summary>ghp_ Classic, github_pat_ FineGrained, ghs_ GitHubApp (installation), gho_ OAuthApp, ghu_ UserToServer; else Unknown.</summary>
        public static string FromPrefix(string? token)
        {
            if (string.IsNullOrEmpty(token)) return Unknown;
            foreach (var (prefix, kind) in Prefixes)
                if (token!.StartsWith(prefix, StringComparison.Ordinal)) return kind;
            return Unknown;
        }

        public static string Of(Auth.CopilotToken token) => FromPrefix(token.Prefix(11));
    }
}
