namespace CopilotSeats.Auth
{
    /// <summary>
    /// What a GitHub App installation's token reaches. GitHub documents that an enterprise installation does not
    /// reach organization (or repository) resources: the App must also be installed on each organization
    /// (docs "Installing a GitHub App on your enterprise"; changelog 2025-07-01). The answer GitHub gives such a
    /// request is not documented (404 or 403), so the request is refused here, before it is sent, with
    /// <see cref="EnterpriseInstallationId"/>. The other way round, an organization installation's token has no
    /// enterprise permissions (GitHub answers 403 "Resource not accessible by integration", which would read as a
    /// missing permission): refused here too, with <see cref="OrganizationInstallationId"/>.
    /// </summary>
    public static class InstallationReach
    {
        public const string EnterpriseInstallationId = "CopilotSeats.EnterpriseInstallation";
        public const string OrganizationInstallationId = "CopilotSeats.OrganizationInstallation";

        /// <summary>The refusal for a request to <paramref name="target"/> under <paramref name="tokens"/>, or null when it may be sent.</summary>
        public static CopilotException? Refusal(ITokenProvider tokens, SeatScope target)
        {
            if (tokens is not IAppSignIn app || app.Installation.Kind == target.Kind) return null;
            bool fromOrganization = app.Installation.Kind == ScopeKind.Organization;
            string reach = fromOrganization
                ? "an organization installation's token has no enterprise permissions"
                : "an enterprise installation's token does not reach organizations";
            string connect = fromOrganization
                ? $"the enterprise's installation: Connect-Copilot -ClientId {app.ClientId} -PrivateKeyPath <key> -Enterprise {target.Name} (an enterprise owner installs the App on the enterprise)"
                : $"the organization's installation: Connect-Copilot -ClientId {app.ClientId} -PrivateKeyPath <key> -Organization {target.Name} (install the App on the organization first)";
            return new CopilotException(fromOrganization ? OrganizationInstallationId : EnterpriseInstallationId, CopilotErrorCategory.InvalidOperation, target.Name,
                $"The session is signed in with the GitHub App '{app.ClientId}' installation {app.InstallationId} on the {app.Installation}; {reach}, so the {target} cannot be called with it.")
            {
                IsTerminating = true,
                RecommendedAction = $"Connect with {connect}, or pass -Token for this call.",
            };
        }
    }
}
