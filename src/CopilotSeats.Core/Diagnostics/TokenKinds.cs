namespace CopilotSeats.Diagnostics
{
    /// <summary>A GitHub token's kind from its documented prefix; only the prefix is ever looked at.</summary>
    public static class TokenKinds
    {
        public const string Classic = "Classic";
        public const string FineGrained = "FineGrained";
        public const string GitHubApp = "GitHubApp";
        public const string OAuthApp = "OAuthApp";
        public const string UserToServer = "UserToServer";
        public const string Unknown = "Unknown";

        /// <summary>ghp_ Classic, github_pat_ FineGrained, ghs_ GitHubApp (installation), gho_ OAuthApp, ghu_ UserToServer; else Unknown.</summary>
        public static string FromPrefix(string? token)
        {
            if (string.IsNullOrEmpty(token)) return Unknown;
            if (token!.StartsWith("github_pat_", StringComparison.Ordinal)) return FineGrained;
            if (token.StartsWith("ghp_", StringComparison.Ordinal)) return Classic;
            if (token.StartsWith("ghs_", StringComparison.Ordinal)) return GitHubApp;
            if (token.StartsWith("gho_", StringComparison.Ordinal)) return OAuthApp;
            if (token.StartsWith("ghu_", StringComparison.Ordinal)) return UserToServer;
            return Unknown;
        }

        public static string Of(Auth.CopilotToken token) => FromPrefix(token.Prefix(11));

        /// <summary>Whether GitHub reports the kind's scopes in X-OAuth-Scopes (classic and OAuth tokens).</summary>
        internal static bool HasScopes(string kind) => kind == Classic || kind == OAuthApp;
    }
}
