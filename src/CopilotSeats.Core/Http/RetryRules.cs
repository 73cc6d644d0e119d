namespace CopilotSeats.Http
{
    /// <summary>What one send produced: GitHub's answer, or the failure that stopped it; and how long it took.</summary>
    internal sealed class SendOutcome
    {
        private SendOutcome(ApiResponse? response, Exception? failure, bool timedOut, TimeSpan elapsed)
        {
            Response = response; Failure = failure; TimedOut = timedOut; Elapsed = elapsed;
        }

        public static SendOutcome Answered(ApiResponse response, TimeSpan elapsed) => new SendOutcome(response, null, false, elapsed);

        public static SendOutcome Failed(Exception failure, bool timedOut, TimeSpan elapsed) => new SendOutcome(null, failure, timedOut, elapsed);

        /// <summary>Null when the request failed before an answer came (connection failure or timeout).</summary>
        public ApiResponse? Response { get; }
        public Exception? Failure { get; }
        public bool TimedOut { get; }
        public TimeSpan Elapsed { get; }
    }

    /// <summary>How the engine treats an outcome.</summary>
    internal enum AnswerClass
    {
        /// <summary>2xx: hand the answer back.</summary>
        Success,
        /// <summary>301/302/303/307/308: see <see cref="Redirects"/>.</summary>
        Redirect,
        /// <summary>GitHub asked us to wait (see <see cref="RateLimitReader"/>): waited out, not retried blindly.</summary>
        RateLimited,
        /// <summary>Safe to send again after a backoff, while retries remain.</summary>
        RetryableFailure,
        /// <summary>Reported at once.</summary>
        FinalFailure,
    }

    /// <summary>The retry policy of <see cref="RequestEngine"/>, as one decision per outcome.</summary>
    /// <remarks>
    /// GET is retried on 500/502/503/504, connection failures and timeouts. POST/DELETE seat changes are retried only on
    /// 502/503/504 and connection failures: both are idempotent at GitHub (re-adding a seat refreshes it, re-cancelling
    /// changes nothing), and those answers come from GitHub's edge before or without a change, so a retry cannot
    /// double-bill. A 500 or a timeout on a mutation may have been applied and is reported instead. No other 4xx is ever
    /// retried (octokit's rule); rate limits are waited out, not retried blindly.
    /// </remarks>
    internal static class RetryRules
    {
        internal static AnswerClass Classify(ApiRequest request, SendOutcome outcome, RateLimitHit? limit)
        {
            ApiResponse? response = outcome.Response;
            if (response is null)
                // Connection failures are retried for every method; a timed-out mutation may have been applied.
                return request.IsMutation && outcome.TimedOut ? AnswerClass.FinalFailure : AnswerClass.RetryableFailure;
            if (response.Status >= 200 && response.Status < 300) return AnswerClass.Success;
            if (Redirects.IsRedirect(response.Status)) return AnswerClass.Redirect;
            if (limit != null) return AnswerClass.RateLimited;
            return IsRetryableStatus(request, response.Status) ? AnswerClass.RetryableFailure : AnswerClass.FinalFailure;
        }

        /// <summary>GET: 500/502/503/504. Seat changes: 502/503/504 only (a 500 may have been applied). No other status.</summary>
        internal static bool IsRetryableStatus(ApiRequest request, int status) => request.IsMutation
            ? status is 502 or 503 or 504
            : status is 500 or 502 or 503 or 504;
    }
}
