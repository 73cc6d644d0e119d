using System.Text;

namespace CopilotSeats.Http
{
    /// <summary>Turns a GitHub error answer into a CopilotApiException: a category, GitHub's words and the hint of <see cref="ErrorHints"/>.</summary>
    public static class ErrorMapper
    {
        public static CopilotErrorCategory CategoryFor(int status) => status switch
        {
            400 => CopilotErrorCategory.InvalidArgument,
            401 => CopilotErrorCategory.AuthenticationError,
            403 => CopilotErrorCategory.PermissionDenied,
            404 => CopilotErrorCategory.ObjectNotFound,
            409 => CopilotErrorCategory.InvalidOperation,
            410 => CopilotErrorCategory.InvalidOperation,
            422 => CopilotErrorCategory.InvalidOperation,
            429 => CopilotErrorCategory.LimitsExceeded,
            >= 400 and <= 499 => CopilotErrorCategory.InvalidOperation,
            >= 500 and <= 599 => CopilotErrorCategory.ResourceUnavailable,
            _ => CopilotErrorCategory.NotSpecified,
        };

        /// <param name="credential">The token or JWT sent on the request: redacted from GitHub's words wherever they echo it.</param>
        public static CopilotApiException FromResponse(ApiRequest request, ApiResponse response, string? credential = null)
        {
            var answer = new ErrorAnswer(request, response, credential);
            string? gitHubMessage = answer.GitHubMessage;
            ErrorHint? hint = ErrorHints.Find(answer);
            string cause = hint?.Cause(answer) ?? string.Empty;
            var text = new StringBuilder();
            string reason = Reason(response.Status);
            text.Append("GitHub answered ").Append(response.Status).Append(reason.Length > 0 ? " " + reason : string.Empty)
                .Append(" to ").Append(request.Method.Method).Append(' ').Append(response.Uri.AbsolutePath);
            // GitHub's words, unless they only repeat the status ("Not Found").
            if (!string.IsNullOrWhiteSpace(gitHubMessage) && !string.Equals(gitHubMessage!.Trim().TrimEnd('.'), reason, StringComparison.OrdinalIgnoreCase))
                text.Append(": ").Append(gitHubMessage.Trim().TrimEnd('.')).Append('.');
            else text.Append('.');
            if (cause.Length > 0) text.Append(' ').Append(cause);
            return new CopilotApiException(response.Status, CategoryFor(response.Status), request.Target, text.ToString(), gitHubMessage, answer.DocumentationUrl)
            {
                Method = request.Method.Method,
                RequestUri = response.Uri.ToString(),
                RecommendedAction = hint?.Action(answer) ?? FallbackAction(request),
                // A version GitHub does not support fails every request alike: stop at the first.
                IsTerminating = ErrorHints.IsUnsupportedVersion(answer),
            };
        }

        /// <summary>The step for a status no hint row covers (a 4xx GitHub does not document here): retry, then look at the target.</summary>
        private static string FallbackAction(ApiRequest request) => request.Kind.StateCommand() is { } check
            ? $"Run the command again; if GitHub refuses it again, check the target's state with {check}."
            : "Run the command again; if GitHub refuses it again, check the names and parameters passed.";

        internal static string Reason(int status) => status switch
        {
            400 => "Bad Request",
            401 => "Unauthorized",
            403 => "Forbidden",
            404 => "Not Found",
            409 => "Conflict",
            410 => "Gone",
            422 => "Unprocessable Entity",
            429 => "Too Many Requests",
            500 => "Internal Server Error",
            502 => "Bad Gateway",
            503 => "Service Unavailable",
            504 => "Gateway Timeout",
            _ => string.Empty,
        };
    }
}
