namespace CopilotSeats.Commands
{
    /// <summary>Get-CopilotOrgDetail: Copilot billing settings and seat breakdown, one object per organization.</summary>
    [Cmdlet(VerbsCommon.Get, "CopilotOrgDetail")]
    [OutputType(typeof(CopilotOrgDetail))]
    public sealed class GetCopilotOrgDetailCommand : CopilotApiCmdlet
    {
        /// <summary>Organization; otherwise the Connect-Copilot default.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [NameTextTransformation]
        [ValidateCopilotName(NameKind.Organization)]
        [ArgumentCompleter(typeof(OrganizationCompleter))]
        public string? Organization { get; set; }

        private readonly HashSet<string> _answered = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        protected override void ProcessRecord()
        {
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
