using CopilotSeats.Diagnostics;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Test-CopilotConnection: what the connection's token may do for an organization or enterprise, found with
    /// one GET per check (details, seats with per_page=1, the latest usage report). Refusals are data in the
    /// result's Problems; no token, or an API that cannot be reached, is a terminating error. Organizations (names,
    /// or objects with an Organization or Enterprise property) may come from the pipeline: one result per target, however
    /// many rows name it.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "CopilotConnection", DefaultParameterSetName = OrganizationSet)]
    [OutputType(typeof(CopilotAccessCheck))]
    public sealed class TestCopilotConnectionCommand : CopilotScopeCmdlet
    {
        /// <summary>Organization; otherwise the Connect-Copilot default. Also binds a piped name.</summary>
        [Parameter(ParameterSetName = OrganizationSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        [NameTextTransformation]
        [ValidateCopilotName(NameKind.Organization, AllowEmpty = true)]
        [ArgumentCompleter(typeof(OrganizationCompleter))]
        public override string? Organization { get => base.Organization; set => base.Organization = value; }

        /// <summary>The targets checked in this call: piped rows naming one organization get one check.</summary>
        private readonly HashSet<string> _checked = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        protected override void ProcessRecord()
        {
            SeatScope target = ResolveScope();
            if (!_checked.Add(target.ToString())) return;
            CopilotClient client = GetClient();
            RunAsync(async cancellationToken =>
            {
                CopilotAccessCheck check;
                try
                {
                    check = await AccessChecker.RunAsync(client, target, cancellationToken).ConfigureAwait(false);
                }
                catch (CopilotException ex)
                {
                    ex.IsTerminating = true; // the checks could not run at all
                    throw;
                }
                await Post(() => WriteObject(check)).ConfigureAwait(false);
            });
        }
    }
}
