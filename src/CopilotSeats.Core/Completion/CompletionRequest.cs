using CopilotSeats.Auth;

namespace CopilotSeats.Completion
{
    /// <summary>
    /// What a completer knows: the parameter, the typed word, the parameters already typed on the command line
    /// (-Organization, -Enterprise, -Token, -ApiUrl, -ApiVersion), the Connect-Copilot session and the environment.
    /// </summary>
    public sealed class CompletionRequest
    {
        public CompletionField Field { get; set; }
        public string? WordToComplete { get; set; }
        public string? Organization { get; set; }
        public string? Enterprise { get; set; }
        /// <summary>-Token as typed: a SecureString or a string; anything else is ignored.</summary>
        public object? Token { get; set; }
        /// <summary>-ApiUrl as typed: a Uri or a string.</summary>
        public object? ApiUrl { get; set; }
        public string? ApiVersion { get; set; }
        public StoredSession? Session { get; set; }
        public ICopilotEnvironment Environment { get; set; } = SystemCopilotEnvironment.Instance;
    }
}
