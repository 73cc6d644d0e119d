namespace CopilotSeats
{
    /// <summary>Defaults shared by the connection, the client and the cmdlets.</summary>
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
