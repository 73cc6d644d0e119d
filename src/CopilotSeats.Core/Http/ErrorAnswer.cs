using System.Text.Json;
using CopilotSeats.Auth;
using CopilotSeats.Json;
using CopilotSeats.Validation;

namespace CopilotSeats.Http
{
    /// <summary>
    /// What the hint rows look at: the request, GitHub's answer (its error body read once) and the scopes it says are missing.
    /// GitHub's words are redacted here, where they are read (<see cref="SecretText.Redact"/>, also of the constructor's credential,
    /// the token or JWT sent on the request): an answer that echoes the request's Authorization header never reaches a message.
    /// </summary>
    internal sealed class ErrorAnswer
    {
        public ErrorAnswer(ApiRequest request, ApiResponse response, string? credential = null)
        {
            Request = request;
            Response = response;
            ErrorDto? error = ReadError(response);
            GitHubMessage = SecretText.Redact(WithReasons(error), credential);
            DocumentationUrl = SecretText.Redact(error?.DocumentationUrl, credential);
            Missing = AccessHints.MissingScopes(response);
        }

        public ApiRequest Request { get; }
        public ApiResponse Response { get; }
        /// <summary>GitHub's message with the reasons its errors[] give ("Validation Failed: User mona is not a member"), redacted.</summary>
        public string? GitHubMessage { get; }
        /// <summary>GitHub's documentation_url, redacted.</summary>
        public string? DocumentationUrl { get; }
        public List<string>? Missing { get; }
        public string Subject => Request.Scope.ToString();
        public string Where => (Request.Scope.Kind == ScopeKind.Enterprise ? "-Enterprise " : "-Organization ") + Request.Scope.Name;

        /// <summary>GitHub names the token's scopes and its accepted ones, and they overlap: the token may read this.</summary>
        public bool ScopesAccepted => Missing is null && Response.Header("X-OAuth-Scopes") is not null
            && OAuthScopes.Parse(Response.Header("X-Accepted-OAuth-Scopes") ?? string.Empty).Count > 0;

        /// <summary>Whether GitHub's own message says any of these words (case-insensitive).</summary>
        public bool Says(params string[] words) => Said(GitHubMessage, words);

        /// <summary>Whether <paramref name="message"/> says any of these words (case-insensitive).</summary>
        internal static bool Said(string? message, string[] words) =>
            words.Any(w => (message ?? string.Empty).IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0);

        /// <summary>Today, for the usage report window (UTC).</summary>
        public DateTime Today => DateTime.UtcNow.Date;

        /// <summary>
        /// The message, then each errors[] entry's message (else its field and code; a plain string as it is), at most
        /// three; a reason that repeats the message is left out.
        /// </summary>
        internal static string? WithReasons(ErrorDto? error)
        {
            if (error?.Errors is not { ValueKind: JsonValueKind.Array } errors) return error?.Message;
            var reasons = errors.EnumerateArray().Select(Reason).Where(r => r.Length > 0 && !string.Equals(r, error.Message?.Trim().TrimEnd('.'), StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (reasons.Count == 0) return error.Message;
            string said = string.Join("; ", reasons.Take(3)) + (reasons.Count > 3 ? $" (and {reasons.Count - 3} more)" : string.Empty);
            return string.IsNullOrWhiteSpace(error.Message) ? said : error.Message!.Trim().TrimEnd('.') + ": " + said;
        }

        private static string Reason(JsonElement e)
        {
            string? Text(string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            string? reason = e.ValueKind == JsonValueKind.String ? e.GetString()
                : Text("message") ?? string.Join(" ", new[] { Text("field"), Text("code") }.Where(s => !string.IsNullOrEmpty(s)));
            return (reason ?? string.Empty).Trim().TrimEnd('.');
        }

        private static ErrorDto? ReadError(ApiResponse response)
        {
            try
            {
                return response.Body.Length > 0 ? JsonSerializer.Deserialize(response.Body, CopilotJsonContext.Default.ErrorDto) : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>One row of a hint table: statuses, an optional condition, the cause and the action.</summary>
    internal sealed class ErrorHint
    {
        private readonly int _low;
        private readonly int _high;
        private readonly Func<ErrorAnswer, bool>? _when;

        public ErrorHint(int status, Func<ErrorAnswer, bool>? when, Func<ErrorAnswer, string> cause, Func<ErrorAnswer, string?> action)
            : this(status, status, when, cause, action)
        {
        }

        public ErrorHint(int low, int high, Func<ErrorAnswer, bool>? when, Func<ErrorAnswer, string> cause, Func<ErrorAnswer, string?> action)
        {
            _low = low; _high = high; _when = when; Cause = cause; Action = action;
        }

        public Func<ErrorAnswer, string> Cause { get; }
        public Func<ErrorAnswer, string?> Action { get; }
        public bool Matches(ErrorAnswer a) => a.Response.Status >= _low && a.Response.Status <= _high && (_when is null || _when(a));
    }
}
