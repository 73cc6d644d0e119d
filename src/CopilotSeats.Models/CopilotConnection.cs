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
        /// <summary>Where the token comes from (Parameter, Connect-Copilot, GH_TOKEN, GITHUB_TOKEN, gh auth token, None). Never the token.</summary>
        public string TokenSource { get; set; } = "None";

        public override string ToString() => $"{ApiUrl} (token: {TokenSource})";
    }
}
