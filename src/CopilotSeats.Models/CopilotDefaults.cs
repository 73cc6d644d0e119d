namespace CopilotSeats
{
    /// <summary>Defaults shared by the connection, the client and the cmdlets.</summary>
    public static class CopilotDefaults
    {
        public const string ApiUrl = "https://api.github.com";
        /// <summary>The REST API version sent when none is given (GitHub supports it until at least 2028-03-10).</summary>
        public const string ApiVersion = "2022-11-28";
        /// <summary>The newest REST API version the module knows (the first with breaking changes; see the README).</summary>
        public const string LatestApiVersion = "2026-03-10";
        /// <summary>The REST API versions the module is tested with, oldest first (what -ApiVersion completes).</summary>
        public static readonly System.Collections.Generic.IReadOnlyList<string> ApiVersions = new[] { ApiVersion, LatestApiVersion };
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
