namespace CopilotSeats
{
    /// <summary>
    /// What Connect-Copilot outputs: the connection later calls will use (API URL and version, default
    /// organization or enterprise) and where the token comes from. Never the token itself.
    /// </summary>
    public sealed class CopilotConnection
    {
        public string ApiUrl { get; set; } = CopilotDefaults.ApiUrl;
        public string ApiVersion { get; set; } = CopilotDefaults.ApiVersion;
        public string? Organization { get; set; }
        public string? Enterprise { get; set; }
        /// <summary>Where the token comes from (Parameter, Connect-Copilot, GitHubApp, GH_TOKEN, GITHUB_TOKEN, gh auth token, None). Never the token.</summary>
        public string TokenSource { get; set; } = "None";
        /// <summary>The GitHub App's client ID (or App ID) when signed in as an App (TokenSource GitHubApp).</summary>
        public string? AppClientId { get; set; }
        /// <summary>The App installation whose tokens the session uses.</summary>
        public long? InstallationId { get; set; }
        /// <summary>When the installation token in use expires (it is renewed 5 minutes before).</summary>
        public System.DateTimeOffset? TokenExpiresAt { get; set; }

        public override string ToString() => $"{ApiUrl} (token: {TokenSource})";
    }
}
