
namespace CopilotSeats.Auth.App
{
    /// <summary>The errors of GitHub App sign-in: the App is not installed on the target, or GitHub refuses its JWT.</summary>
    public static class GitHubAppErrors
    {
        public const string NotInstalledId = "CopilotSeats.AppNotInstalled";
        public const string AuthFailedId = "CopilotSeats.AppAuthFailed";

        /// <param name="listed">Also looked for among the App's installations (GET /app/installations), after the enterprise endpoint's 404.</param>
        internal static CopilotException NotInstalled(string clientId, SeatScope target, bool listed = false) =>
            new CopilotException(NotInstalledId, CopilotErrorCategory.ObjectNotFound, target.Name,
                listed
                    ? $"The GitHub App '{clientId}' is not installed on the {target}: GET /enterprises/{target.Name}/installation answered 404 and the App's installations (GET /app/installations) list none for it."
                    : $"The GitHub App '{clientId}' is not installed on the {target}.")
            {
                IsTerminating = true,
                RecommendedAction = $"Install the App on the {target} (the App's settings page > Install App), or pass its -InstallationId.",
            };

        internal static CopilotException InstallationGone(string clientId, long installationId, SeatScope target) =>
            new CopilotException(NotInstalledId, CopilotErrorCategory.ObjectNotFound, target.Name,
                $"The GitHub App '{clientId}' has no installation {installationId} (for the {target}): it was removed, or the ID belongs to another App.")
            {
                IsTerminating = true,
                RecommendedAction = $"Leave -InstallationId out to look the installation up, or install the App on the {target}.",
            };

        internal static CopilotException AuthFailed(string clientId, SeatScope target, CopilotApiException refused)
        {
            // GitHub's words, redacted where they were read (ErrorAnswer, of the JWT sent too).
            string? gitHub = refused.GitHubMessage;
            string said = string.IsNullOrWhiteSpace(gitHub) ? string.Empty : $": {gitHub!.Trim().TrimEnd('.')}";
            string message = refused.StatusCode == 401
                ? $"GitHub refused the GitHub App's sign-in (401{said}). Likely causes: the client ID '{clientId}' is not the App this key belongs to; the key was deleted or replaced on the App's settings page; this machine's clock is off by more than a minute."
                : $"GitHub refused the GitHub App's sign-in ({refused.StatusCode}{said}); the installation may be suspended.";
            return new CopilotException(AuthFailedId, CopilotErrorCategory.AuthenticationError, target.Name, message, refused)
            {
                IsTerminating = true,
                RecommendedAction = refused.StatusCode == 401
                    ? "Check -ClientId and the key against the App's settings page, and sync this machine's clock."
                    : "Check the installation on the App's settings page (Install App).",
            };
        }
    }
}
