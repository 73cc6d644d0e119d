using System.Security;
using System.Security.Cryptography;
using CopilotSeats.Http;
using CopilotSeats.Auth;
using CopilotSeats.Auth.App;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Connect-Copilot: stores session defaults (token, API URL, API version, organization, enterprise) used by
    /// the other cmdlets when their own parameters are not given; sends no request. With -ClientId and a private
    /// key it signs in as a GitHub App instead: it finds the installation and obtains its first installation
    /// token, which later calls renew as it expires.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Copilot", DefaultParameterSetName = TokenSet)]
    [OutputType(typeof(CopilotConnection))]
    public sealed class ConnectCopilotCommand : CopilotEndpointCmdlet
    {
        internal const string TokenSet = "Token";
        internal const string AppKeyFileSet = "GitHubAppKeyFile";
        internal const string AppKeySet = "GitHubAppKey";

        /// <summary>GitHub token kept for the session.</summary>
        [Parameter(ParameterSetName = TokenSet)]
        public SecureString? Token { get; set; }

        /// <summary>A GitHub App's client ID (or its numeric App ID).</summary>
        [Parameter(ParameterSetName = AppKeyFileSet, Mandatory = true)]
        [Parameter(ParameterSetName = AppKeySet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        /// <summary>The App's private key file (.pem, PKCS#1 or PKCS#8).</summary>
        [Parameter(ParameterSetName = AppKeyFileSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string? PrivateKeyPath { get; set; }

        /// <summary>The App's private key as PEM text in a SecureString (from a vault, Get-Secret or an Automation variable).</summary>
        [Parameter(ParameterSetName = AppKeySet, Mandatory = true)]
        public SecureString? PrivateKey { get; set; }

        /// <summary>The App installation; otherwise looked up for the organization or enterprise.</summary>
        [Parameter(ParameterSetName = AppKeyFileSet)]
        [Parameter(ParameterSetName = AppKeySet)]
        [ValidateRange(1, long.MaxValue)]
        public long InstallationId { get; set; }

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

        /// <summary>The change journal for this session's seat changes (a file, or a folder of monthly files).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

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
                    JournalPath = JournalFiles.Resolve(this, JournalPath),
                };
                if (ParameterSetName != TokenSet) session.App = SignIn(session);
                CopilotConnection connection;
                try
                {
                    connection = ConnectionResolver.Describe(session, SystemCopilotEnvironment.Instance);
                }
                catch
                {
                    session.App?.Dispose();
                    throw;
                }
                ModuleState.Session = session; // lets go of the previous session's App sign-in (closed when no command holds it)
                WriteObject(connection);
            }
            catch (CopilotException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex));
            }
        }

        /// <summary>Reads the key (no request before it is known good), then finds the installation and gets its first token.</summary>
        private InstallationTokenProvider SignIn(StoredSession session)
        {
            if (string.IsNullOrEmpty(Organization) == string.IsNullOrEmpty(Enterprise))
                throw new CopilotException("CopilotSeats.NoTarget", CopilotErrorCategory.InvalidArgument, null,
                    "A GitHub App signs in for one organization or one enterprise: pass -Organization or -Enterprise (not both).")
                {
                    IsTerminating = true,
                    RecommendedAction = "Add -Organization <name> or -Enterprise <slug>.",
                };
            SeatScope target = string.IsNullOrEmpty(Organization) ? SeatScope.ForEnterprise(Enterprise!) : SeatScope.ForOrganization(Organization!);
            RSA key = PrivateKeyPath != null
                ? PemKeyReader.FromFile(GetUnresolvedProviderPathFromPSPath(PrivateKeyPath))
                : PemKeyReader.FromSecureString(PrivateKey ?? new SecureString());
            var endpoint = new ResolvedEndpoint(ConnectionResolver.ResolveApiUrl(null, session, SystemCopilotEnvironment.Instance),
                ConnectionResolver.ResolveApiVersion(null, session));
            long? installation = MyInvocation.BoundParameters.ContainsKey(nameof(InstallationId)) ? InstallationId : (long?)null;
            var options = new CopilotClientOptions { Verbose = message => PostNoWait(() => WriteVerbose(message)) };
            InstallationTokenProvider? provider = null;
            // Every failure of the sign-in is terminating (EndProcessing), so Core's exceptions come out unchanged.
            Pump(async cancellationToken =>
            {
                provider = await InstallationTokenProvider.SignInAsync(key, ClientId!, installation, target, endpoint, options, cancellationToken).ConfigureAwait(false);
            });
            return provider!;
        }
    }
}
