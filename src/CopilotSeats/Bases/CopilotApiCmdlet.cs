using System.Security;
using CopilotSeats.Http;
using CopilotSeats.Auth;
using CopilotSeats.Usage;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Base of every cmdlet that talks to GitHub: the shared connection parameters, the target (organization or
    /// enterprise) resolution and the lazily created client, whose callbacks are wired to this command's streams
    /// and progress bars. The async bridge is <see cref="CopilotCmdlet"/>'s, -ApiUrl and -ApiVersion <see cref="CopilotEndpointCmdlet"/>'s.
    /// </summary>
    public abstract class CopilotApiCmdlet : CopilotEndpointCmdlet
    {
        internal const string OrganizationSet = "Organization";
        internal const string EnterpriseSet = "Enterprise";

        private CopilotClient? _client;

        /// <summary>GitHub token; otherwise Connect-Copilot, GH_TOKEN, GITHUB_TOKEN, then `gh auth token`.</summary>
        [Parameter]
        public SecureString? Token { get; set; }

        /// <summary>Concurrent requests while listing; 1 is sequential.</summary>
        [Parameter]
        [ValidateRange(1, 16)]
        public int ThrottleLimit { get; set; } = CopilotDefaults.ThrottleLimit;

        /// <summary>Retries of a failed request that is safe to repeat.</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetries { get; set; } = CopilotDefaults.MaxRetries;

        /// <summary>Longest rate-limit wait accepted; a longer one is a terminating error (CopilotSeats.RateLimited).</summary>
        [Parameter]
        [SecondsTimeSpanTransformation]
        public TimeSpan MaxRateLimitWait { get; set; } = CopilotDefaults.MaxRateLimitWait;

        /// <summary>Timeout of each request, in seconds.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = (int)CopilotDefaults.RequestTimeout.TotalSeconds;

        protected override void Dispose(bool disposing)
        {
            _client?.Dispose();
            _client = null;
        }

        // ---- targets ----------------------------------------------------------------------

        /// <summary>
        /// Whether <paramref name="parameter"/> was typed on the command line (called in BeginProcessing, before any
        /// pipeline binding); typed empty it is the terminating parameter binding error any other invalid name gets.
        /// </summary>
        private protected bool TypedName(string parameter, NameKind kind, params string?[]? values)
        {
            if (!MyInvocation.BoundParameters.ContainsKey(parameter)) return false;
            if (values is null || values.Any(string.IsNullOrEmpty))
            {
                string problem = InputValidator.Check(kind, null) ?? "The name must not be empty.";
                var error = new ParameterBindingException($"Cannot validate argument on parameter '{parameter}'. {problem}");
                ThrowTerminatingError(new ErrorRecord(error, "ParameterArgumentValidationError", ErrorCategory.InvalidData, string.Empty));
            }
            return true;
        }


        /// <summary>Explicit organization, explicit enterprise, session organization, session enterprise; else a terminating NoTarget error.</summary>
        protected SeatScope ResolveScope(string? organization, string? enterprise)
        {
            if (!string.IsNullOrEmpty(organization)) return SeatScope.ForOrganization(organization!);
            if (!string.IsNullOrEmpty(enterprise)) return SeatScope.ForEnterprise(enterprise!);
            StoredSession? session = ModuleState.Session;
            if (!string.IsNullOrEmpty(session?.Organization)) return SeatScope.ForOrganization(session!.Organization!);
            if (!string.IsNullOrEmpty(session?.Enterprise)) return SeatScope.ForEnterprise(session!.Enterprise!);
            ThrowTerminatingError(ErrorRecords.From(ErrorRecords.NoTarget(organizationOnly: false)));
            return default; // not reached
        }

        /// <summary>Explicit organization, else the session organization; else a terminating NoTarget error.</summary>
        protected string ResolveOrganization(string? organization)
        {
            if (!string.IsNullOrEmpty(organization)) return organization!;
            string? fromSession = ModuleState.Session?.Organization;
            if (!string.IsNullOrEmpty(fromSession)) return fromSession!;
            ThrowTerminatingError(ErrorRecords.From(ErrorRecords.NoTarget(organizationOnly: true)));
            return string.Empty; // not reached
        }

        // ---- client -----------------------------------------------------------------------

        /// <summary>
        /// The client for this invocation, created on first use (so -WhatIf with nothing to do never
        /// looks for a token). Resolution failures are terminating errors.
        /// </summary>
        protected CopilotClient GetClient()
        {
            if (_client != null) return _client;
            try
            {
                CopilotClientOptions.CheckMaxRateLimitWait(MaxRateLimitWait);
                CopilotToken? token = Token is null ? null : CopilotToken.FromSecureString(Token, ConnectionResolver.SourceParameter);
                // Held until this command ends: another runspace's Disconnect-/Connect-Copilot does not close it under the command.
                ResolvedConnection connection = ConnectionResolver.ResolveHeld(token, ApiUrl, ApiVersion, () => ModuleState.Session, SystemCopilotEnvironment.Instance);
                var options = new CopilotClientOptions
                {
                    ThrottleLimit = ThrottleLimit,
                    MaxRetries = MaxRetries,
                    MaxRateLimitWait = MaxRateLimitWait,
                    RequestTimeout = TimeSpan.FromSeconds(TimeoutSec),
                    Verbose = message => PostNoWait(() => WriteVerbose(message)),
                    Debug = message => PostNoWait(() => WriteDebug(message)),
                    Warning = message => PostNoWait(() => WriteWarning(message)),
                    RateLimitWait = info => PostNoWait(() => Progress.RateLimitWait(info)),
                    ListingProgress = progress => PostNoWait(() => Progress.Listing(progress)),
                    UsageProgress = progress => PostNoWait(() => Progress.Usage(progress)),
                };
                _client = new CopilotClient(connection, options); // disposed with the command, letting go of what the connection holds
                WriteDebug("Connection: " + connection);
                return _client;
            }
            catch (CopilotException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex));
                throw; // not reached
            }
        }

        // ---- seat changes ---------------------------------------------------------------------

        /// <summary>
        /// Sends the batches (at most 100 names each, <see cref="BatchPlanner"/>) one at a time, in order, each through
        /// <see cref="JournaledSend"/> (journal null: no record), and writes each one's changes, then its errors, before the next;
        /// with <paramref name="activity"/>, one progress bar over all of them. A 422 (users or teams, one name or more) is narrowed
        /// to the names GitHub refuses; each gets its own error, the others are sent again. Later batches go whatever happened to this one.
        /// </summary>
        private protected void SendBatches(CopilotClient client, Journal.ChangeJournal? journal,
            IReadOnlyList<(SeatScope Scope, SeatAction Action, AssigneeKind Kind, string[] Names)> batches, string? activity)
        {
            RunAsync(async cancellationToken =>
            {
                for (int i = 0; i < batches.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (activity != null) ReportBatch(activity, i + 1, batches.Count);
                    var (scope, action, kind, names) = batches[i];
                    BatchOutcome outcome = await JournaledSend.SendAsync(client, journal, scope, action, kind, names, cancellationToken).ConfigureAwait(false);
                    // Changes before errors: under -ErrorAction Stop the first error ends the command, and a change GitHub
                    // applied (a 422's narrowed resend, say) must be in the output by then.
                    if (outcome.Changes.Count > 0) await WriteObjectsAsync(outcome.Changes).ConfigureAwait(false);
                    foreach (BatchError error in outcome.Errors)
                        await WriteErrorAsync(error.Error, error.Target).ConfigureAwait(false);
                    if (outcome.Stop != null) throw outcome.Stop;
                }
            });
        }

        // ---- seats with usage ------------------------------------------------------------------

        /// <summary>
        /// From inside <see cref="CopilotCmdlet.RunAsync"/>: every seat of <paramref name="scope"/>, a page at a time; with
        /// <paramref name="includeUsage"/> stamped with the 28-day users report (Core's <see cref="SeatsWithUsage"/>:
        /// a report that cannot be had is one warning, and the seats come without usage).
        /// </summary>
        private protected Task ListSeatsAsync(CopilotClient client, SeatScope scope, int pageSize, bool includeUsage,
            Func<IReadOnlyList<CopilotSeat>, CancellationToken, Task> onPage, CancellationToken cancellationToken) =>
            WithUsage(client).ListAsync(scope, pageSize, includeUsage, onPage, cancellationToken);

        /// <summary>From inside <see cref="CopilotCmdlet.RunAsync"/>: the 28-day users report folded per user; null (after one warning) when it cannot be had.</summary>
        private protected Task<UsageSeatJoin?> LoadUsageAsync(CopilotClient client, SeatScope scope, CancellationToken cancellationToken) =>
            WithUsage(client).LoadAsync(scope, cancellationToken);

        private SeatsWithUsage WithUsage(CopilotClient client) => new SeatsWithUsage(client, WriteWarningAsync, WriteVerboseAsync);
    }
}
