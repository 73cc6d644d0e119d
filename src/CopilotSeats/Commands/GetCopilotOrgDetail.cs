namespace CopilotSeats.Commands
{
    /// <summary>Get-CopilotOrgDetail: Copilot billing settings and seat breakdown, one object per organization.</summary>
    [Cmdlet(VerbsCommon.Get, "CopilotOrgDetail")]
    [OutputType(typeof(CopilotOrgDetail))]
    public sealed class GetCopilotOrgDetailCommand : CopilotApiCmdlet
    {
        /// <summary>Organization; otherwise the Connect-Copilot default.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        [NameTextTransformation]
        [ValidateCopilotName(NameKind.Organization, AllowEmpty = true)]
        [ArgumentCompleter(typeof(OrganizationCompleter))]
        public string? Organization { get; set; }

        private readonly HashSet<string> _answered = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        private bool _typed;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _typed = TypedName(nameof(Organization), NameKind.Organization, Organization); // typed empty: refused
        }

        protected override void ProcessRecord()
        {
            if (!_typed && MyInvocation.ExpectingInput && string.IsNullOrEmpty(Organization))
            {
                // A piped record without an organization (an enterprise-level grant's seat, an empty CSV cell): no organization to ask.
                WriteVerbose("A piped record names no organization (an enterprise seat granted by the enterprise itself): skipped.");
                return;
            }
            string organization = ResolveOrganization(Organization);
            if (!_answered.Add(organization)) return; // piped seats name their organization again and again: one object per organization
            CopilotClient client = GetClient();
            RunAsync(async cancellationToken =>
            {
                CopilotOrgDetail detail = await client.GetOrgDetailAsync(organization, cancellationToken).ConfigureAwait(false);
                await Post(() => WriteObject(detail)).ConfigureAwait(false);
            });
        }
    }
}
