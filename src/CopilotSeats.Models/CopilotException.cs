namespace CopilotSeats
{
    /// <summary>
    /// Every failure Core reports. Carries what the cmdlet layer needs for an ErrorRecord:
    /// a stable ErrorId, a category and the target (org, enterprise, user or team), never a token.
    /// </summary>
    public class CopilotException : Exception
    {
        public CopilotException(string errorId, CopilotErrorCategory category, object? targetObject, string message, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Category = category;
            TargetObject = targetObject;
        }

        public string ErrorId { get; }
        public CopilotErrorCategory Category { get; }
        public object? TargetObject { get; }
        /// <summary>Remedy text for ErrorDetails.RecommendedAction.</summary>
        public string? RecommendedAction { get; set; }
        /// <summary>True when nothing else in the command can proceed (no token, bad URL, rate-limit exhausted).</summary>
        public bool IsTerminating { get; set; }
    }

    /// <summary>A non-success answer from GitHub.</summary>
    public sealed class CopilotApiException : CopilotException
    {
        public CopilotApiException(int statusCode, CopilotErrorCategory category, object? targetObject, string message, string? gitHubMessage, string? documentationUrl)
            : base("CopilotSeats.Http" + statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), category, targetObject, message)
        {
            StatusCode = statusCode;
            GitHubMessage = gitHubMessage;
            DocumentationUrl = documentationUrl;
        }

        public int StatusCode { get; }
        public string? GitHubMessage { get; }
        public string? DocumentationUrl { get; }
        public string? Method { get; set; }
        public string? RequestUri { get; set; }
        /// <summary>The answer to a resend (after a 5xx or a dropped connection): a change's earlier attempt may have been applied.</summary>
        public bool Retried { get; set; }
    }

    /// <summary>A rate limit that the module stops waiting out (too long a wait, or too many waits); says when the limit resets.</summary>
    public sealed class CopilotRateLimitException : CopilotException
    {
        public CopilotRateLimitException(object? targetObject, DateTimeOffset resetsAt, TimeSpan wait, TimeSpan maxWait)
            : this(targetObject, resetsAt,
                  $"GitHub's rate limit requires waiting {Math.Ceiling(wait.TotalSeconds):0} s, longer than MaxRateLimitWait ({maxWait.TotalSeconds:0} s). The limit resets at {Utc(resetsAt)}.",
                  $"Retry after {Utc(resetsAt)}, or raise -MaxRateLimitWait.")
        {
        }

        private CopilotRateLimitException(object? targetObject, DateTimeOffset resetsAt, string message, string recommendedAction)
            : base("CopilotSeats.RateLimited", CopilotErrorCategory.LimitsExceeded, targetObject, message)
        {
            ResetsAt = resetsAt;
            IsTerminating = true;
            RecommendedAction = recommendedAction;
        }

        /// <summary>GitHub still answered with a rate limit after every wait the module allows (MaxRateLimitRetries).</summary>
        internal static CopilotRateLimitException KeptLimiting(object? targetObject, DateTimeOffset resetsAt, int waits) =>
            new CopilotRateLimitException(targetObject, resetsAt,
                $"GitHub kept answering with a rate limit after {waits} waits; the limit resets at {Utc(resetsAt)}.",
                $"Try again after {Utc(resetsAt)}, or lower -ThrottleLimit.");

        public DateTimeOffset ResetsAt { get; }

        private static string Utc(DateTimeOffset at) => $"{at.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC";
    }
}
