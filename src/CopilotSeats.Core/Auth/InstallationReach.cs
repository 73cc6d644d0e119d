namespace CopilotSeats.Auth
{
    /// <summary>
    /// What a GitHub App installation's token reaches. GitHub documents that an enterprise installation does not
    /// reach organization (or repository) resources: the App must also be installed on each organization
    /// (docs "Installing a GitHub App on your enterprise"; changelog 2025-07-01). The answer GitHub gives such a
    /// request is not documented (404 or 403), so the request is refused here, before it is sent, with
    /// <see cref="EnterpriseInstallationId"/>.
    /// </summary>
    public static class InstallationReach
    {
        public const string EnterpriseInstallationId = "CopilotSeats.EnterpriseInstallation";

        /// <summary>The refusal for a request to <paramref name="target"/> under <paramref name="tokens"/>, or null when it may be sent.</summary>
        public static CopilotException? Refusal(ITokenProvider tokens, SeatScope target)
        {
            if (tokens is not IAppSignIn app || app.Installation.Kind != ScopeKind.Enterprise || target.Kind != ScopeKind.Organization) return null;
            return new CopilotException(EnterpriseInstallationId, CopilotErrorCategory.InvalidOperation, target.Name,
                $"The session is signed in with the GitHub App '{app.ClientId}' installation {app.InstallationId} on the {app.Installation}; " +
                $"an enterprise installation's token does not reach organizations, so the {target} cannot be called with it.")
            {
                IsTerminating = true,
                RecommendedAction = $"Connect with the organization's installation: Connect-Copilot -ClientId {app.ClientId} -PrivateKeyPath <key> -Organization {target.Name} " +
                    "(install the App on the organization first), or pass -Token for this call.",
            };
        }
    }
}
