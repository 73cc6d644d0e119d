namespace CopilotSeats.Auth
{
    /// <summary>
    /// What Connect-Copilot stores for the session (until Disconnect-Copilot): defaults every later call
    /// starts from. Each call turns it, its own parameters and the environment into a
    /// <see cref="ResolvedConnection"/>; Connect-Copilot reports it as a <see cref="CopilotConnection"/>.
    /// </summary>
    public sealed class StoredSession
    {
        public Uri? ApiUrl { get; set; }
        public string? ApiVersion { get; set; }
        public string? Organization { get; set; }
        public string? Enterprise { get; set; }
        public CopilotToken? Token { get; set; }
        /// <summary>The change journal (Connect-Copilot -JournalPath): a file, or a folder of monthly files.</summary>
        public string? JournalPath { get; set; }
        /// <summary>The GitHub App sign-in (Connect-Copilot -ClientId): its installation tokens serve every later call.</summary>
        public IAppSignIn? App { get; set; }
    }
}
