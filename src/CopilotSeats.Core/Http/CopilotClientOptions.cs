namespace CopilotSeats.Http
{
    /// <summary>Knobs of the request engine; the cmdlets map their parameters and streams onto these.</summary>
    public sealed class CopilotClientOptions
    {
        /// <summary>Concurrent requests when listing (1 = sequential, at most 16).</summary>
        public int ThrottleLimit { get; set; } = CopilotDefaults.ThrottleLimit;
        public int MaxRetries { get; set; } = CopilotDefaults.MaxRetries;
        public TimeSpan RequestTimeout { get; set; } = CopilotDefaults.RequestTimeout;
        public TimeSpan MaxRateLimitWait { get; set; } = CopilotDefaults.MaxRateLimitWait;

        /// <summary>CopilotSeats.InvalidMaxRateLimitWait for a negative -MaxRateLimitWait.</summary>
        public static void CheckMaxRateLimitWait(TimeSpan wait)
        {
            if (wait < TimeSpan.Zero)
                throw new CopilotException("CopilotSeats.InvalidMaxRateLimitWait", CopilotErrorCategory.InvalidArgument, wait, "-MaxRateLimitWait is negative.")
                {
                    RecommendedAction = "Pass -MaxRateLimitWait 0 or more (seconds).",
                };
        }

        /// <summary>Client-side budget per endpoint per minute (GitHub's secondary limit is 900 points).</summary>
        public int PointsPerMinute { get; set; } = 900;
        /// <summary>The budget to spend from; null (the default) is the process's, shared by every command on the same API and credential (<see cref="ConnectionLimits"/>).</summary>
        public EndpointBudget? Budget { get; set; }
        public int GetPoints { get; set; } = 1;
        public int MutationPoints { get; set; } = 5;
        /// <summary>Minimum spacing between mutations (GitHub: one at a time, at least 1 s apart).</summary>
        public TimeSpan MutationSpacing { get; set; } = TimeSpan.FromSeconds(1);
        /// <summary>First wait for a secondary limit that gives neither retry-after nor a reset.</summary>
        public TimeSpan SecondaryLimitWait { get; set; } = TimeSpan.FromSeconds(60);
        public int MaxRateLimitRetries { get; set; } = 6;
        /// <summary>Retry backoff: full jitter over min(cap, base * 2^attempt).</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
        public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        public IClock Clock { get; set; } = SystemClock.Instance;
        /// <summary>Uniform [0,1) source for jitter.</summary>
        public Func<double>? Random { get; set; }

        public Action<string>? Verbose { get; set; }
        public Action<string>? Debug { get; set; }
        public Action<string>? Warning { get; set; }
        public Action<RateLimitWaitInfo>? RateLimitWait { get; set; }
        /// <summary>After each page of a listing that spans more than one page: seats so far of total_seats.</summary>
        public Action<SeatListingProgress>? ListingProgress { get; set; }

        /// <summary>While a usage report downloads: file k of n, records so far; once more, completed, at the end.</summary>
        public Action<UsageDownloadProgress>? UsageProgress { get; set; }

        /// <summary>Replaces the primary handler of report downloads (tests); null means <see cref="PrimaryHandlerFactory"/>, else IHttpClientFactory's.</summary>
        public Func<HttpMessageHandler>? DownloadHandlerFactory { get; set; }

        /// <summary>Replaces the primary handler (tests). Normally null: the handler comes from IHttpClientFactory.</summary>
        public Func<HttpMessageHandler>? PrimaryHandlerFactory { get; set; }

        internal void Validate()
        {
            if (ThrottleLimit < 1 || ThrottleLimit > CopilotDefaults.MaxThrottleLimit)
                throw new CopilotException("CopilotSeats.InvalidThrottleLimit", CopilotErrorCategory.InvalidArgument, ThrottleLimit,
                    $"ThrottleLimit must be between 1 and {CopilotDefaults.MaxThrottleLimit}.") { IsTerminating = true };
            if (MaxRetries < 0 || MaxRetries > 20)
                throw new CopilotException("CopilotSeats.InvalidMaxRetries", CopilotErrorCategory.InvalidArgument, MaxRetries, "MaxRetries must be between 0 and 20.") { IsTerminating = true };
        }
    }
}
