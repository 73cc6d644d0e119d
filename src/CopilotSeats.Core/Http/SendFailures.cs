using System.Globalization;

namespace CopilotSeats.Http
{
    /// <summary>What the request engine reports when a request's outcome is final or no retry is left.</summary>
    internal static class SendFailures
    {
        /// <summary>The status, or what went wrong before an answer came.</summary>
        public static string Describe(SendOutcome outcome, TimeSpan timeout)
        {
            if (outcome.Response != null) return outcome.Response.Status.ToString(CultureInfo.InvariantCulture);
            return outcome.TimedOut ? $"timed out after {timeout.TotalSeconds:0} s" : "connection failed (" + Innermost(outcome.Failure!) + ")";
        }

        /// <summary>The error to report when the outcome is final or no retry is left; <paramref name="credential"/> is the token or JWT sent, redacted from GitHub's words.</summary>
        public static Exception Failure(ApiRequest request, TimeSpan timeout, Uri apiUrl, SendOutcome outcome, int attempt, string? credential = null)
        {
            if (outcome.Response != null)
            {
                CopilotApiException answer = ErrorMapper.FromResponse(request, outcome.Response, credential);
                answer.Retried = attempt > 0;
                return answer;
            }
            bool timedOut = outcome.TimedOut;
            // A change whose answer never came may have been applied: say what shows it.
            string? check = request.IsMutation ? request.Kind.StateCommand() : null;
            string message = $"{request.Method.Method} {request.Uri.GetLeftPart(UriPartial.Path)} {Describe(outcome, timeout)}" + (attempt > 0 ? $" after {attempt + 1} attempts." : ".")
                + (check != null ? $" The change may or may not have been applied: check with {check}." : string.Empty);
            string network = $"Check the network (and any proxy), and that -ApiUrl {apiUrl.ToString().TrimEnd('/')} is right; then ";
            string action = check != null
                ? (timedOut ? $"Check with {check}, then run the command again if needed (-TimeoutSec gives GitHub longer)." : network + $"check with {check} and run the command again if needed.")
                : timedOut ? "Run the command again later; -TimeoutSec gives GitHub longer to answer."
                : network + "run the command again.";
            return new CopilotException(timedOut ? "CopilotSeats.Timeout" : "CopilotSeats.ConnectionFailed",
                timedOut ? CopilotErrorCategory.OperationTimeout : CopilotErrorCategory.ConnectionError, request.Target, message, outcome.Failure)
            {
                RecommendedAction = action,
            };
        }

        /// <summary>The innermost exception's words, without the trailing period the message around them adds.</summary>
        private static string Innermost(Exception ex)
        {
            Exception inner = ex;
            while (inner.InnerException != null) inner = inner.InnerException;
            return inner.Message.TrimEnd('.', ' ');
        }
    }
}
