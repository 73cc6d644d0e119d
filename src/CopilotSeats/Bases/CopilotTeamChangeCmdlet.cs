namespace CopilotSeats.Commands
{
    /// <summary>
    /// Add-CopilotTeam and Remove-CopilotTeam: seats of every member of teams, organization teams with -Organization,
    /// enterprise teams with -Enterprise. The two differ only in their <see cref="CopilotSeatChangeCmdlet.ChangeAction"/>.
    /// </summary>
    public abstract class CopilotTeamChangeCmdlet : CopilotSeatChangeCmdlet
    {
        /// <summary>Team slugs (organization teams) or enterprise team slugs.</summary>
        [Parameter(ParameterSetName = OrganizationSet, Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = EnterpriseSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Slug", "Team")]
        [NameTextTransformation]
        [ValidateCopilotName(NameKind.TeamSlug)]
        [ArgumentCompleter(typeof(TeamNameCompleter))]
        public string[] TeamName { get; set; } = Array.Empty<string>();

        /// <summary>The piped record (hidden): only one that also has a TeamName, Slug or Team binds (a seat piped here stays unbound).</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        [PipedRecordTransformation("TeamName", "Slug", "Team")]
        public override PSObject? InputObject { get => base.InputObject; set => base.InputObject = value; }

        protected override string[]? Names => TeamName;
        protected override NameKind NamesKind => NameKind.TeamSlug;
        protected override AssigneeKind AssigneeFor(ScopeKind scope) => scope == ScopeKind.Enterprise ? AssigneeKind.EnterpriseTeam : AssigneeKind.Team;
    }
}
