namespace CopilotSeats
{
    /// <summary>Session defaults stored by Connect-Copilot. Never carries the token itself.</summary>
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

    public static class CopilotDefaults
    {
        public const string ApiUrl = "https://api.github.com";
        public const string ApiVersion = "2022-11-28";
        public const int PageSize = 100;
        public const int MaxPageSize = 100;
        public const int BatchSize = 100;
        public const int ThrottleLimit = 4;
        public const int MaxThrottleLimit = 16;
        public const int MaxRetries = 4;
        public static readonly System.TimeSpan RequestTimeout = System.TimeSpan.FromSeconds(100);
        public static readonly System.TimeSpan MaxRateLimitWait = System.TimeSpan.FromMinutes(15);
    }
}
