using System;
using System.Management.Automation;
using System.Security;
using CopilotSeats.Auth;
using CopilotSeats.Validation;

using CopilotSeats.Commands.Completion;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Connect-Copilot: stores session defaults (token, API URL, API version, organization, enterprise)
    /// used by the other cmdlets when their own parameters are not given. Sends no request.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Copilot")]
    [OutputType(typeof(CopilotConnection))]
    public sealed class ConnectCopilotCommand : PSCmdlet
    {
        /// <summary>GitHub token kept for the session.</summary>
        [Parameter]
        public SecureString? Token { get; set; }

        /// <summary>REST API root kept for the session.</summary>
        [Parameter]
        public Uri? ApiUrl { get; set; }

        /// <summary>X-GitHub-Api-Version kept for the session.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ApiVersion { get; set; }

        /// <summary>Default organization.</summary>
        [Parameter]
        [ValidateCopilotName(NameKind.Organization)]
        [ArgumentCompleter(typeof(OrganizationCompleter))]
        public string? Organization { get; set; }

        /// <summary>Default enterprise.</summary>
        [Parameter]
        [ValidateCopilotName(NameKind.Enterprise)]
        [ArgumentCompleter(typeof(EnterpriseCompleter))]
        public string? Enterprise { get; set; }

        protected override void EndProcessing()
        {
            try
            {
                var session = new StoredSession
                {
                    ApiUrl = ApiUrl is null ? null : ConnectionResolver.ValidateApiUrl(ApiUrl),
                    ApiVersion = ApiVersion is null ? null : ConnectionResolver.ResolveApiVersion(ApiVersion, null),
                    Organization = Organization,
                    Enterprise = Enterprise,
                    Token = Token is null ? null : CopilotToken.FromSecureString(Token, ConnectionResolver.SourceSession),
                };
                CopilotConnection connection = ConnectionResolver.Describe(session, SystemCopilotEnvironment.Instance);
                ModuleState.Session = session;
                WriteObject(connection);
            }
            catch (CopilotException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex));
            }
        }
    }
}
