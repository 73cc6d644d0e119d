namespace CopilotSeats.Commands
{
    /// <summary>
    /// The endpoint parameters, declared once: Connect-Copilot keeps them for the session, the cmdlets that talk to
    /// GitHub (<see cref="CopilotApiCmdlet"/>) use them for one call, falling back to the session's.
    /// </summary>
    public abstract class CopilotEndpointCmdlet : CopilotCmdlet
    {
        /// <summary>REST API root; otherwise Connect-Copilot's, GITHUB_API_URL, then https://api.github.com.</summary>
        [Parameter]
        public Uri? ApiUrl { get; set; }

        /// <summary>X-GitHub-Api-Version (a date: 2022-11-28, the default, or 2026-03-10); completes both.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ApiVersionCompleter))]
        public string? ApiVersion { get; set; }
    }
}
