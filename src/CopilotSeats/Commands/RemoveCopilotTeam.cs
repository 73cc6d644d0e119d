using System;
using System.Management.Automation;
using CopilotSeats.Seats;
using CopilotSeats.Validation;

using CopilotSeats.Commands.Completion;

namespace CopilotSeats.Commands
{
    /// <summary>Remove-CopilotTeam: cancels the Copilot seats granted through teams; organization teams with -Organization, enterprise teams with -Enterprise.</summary>
    [Cmdlet(VerbsCommon.Remove, "CopilotTeam", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = OrganizationSet)]
    [OutputType(typeof(CopilotSeatChange))]
    public sealed class RemoveCopilotTeamCommand : CopilotSeatChangeCmdlet
    {
        /// <summary>Team slugs (organization teams) or enterprise team slugs.</summary>
        [Parameter(ParameterSetName = OrganizationSet, Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = EnterpriseSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Slug", "Team")]
        [ValidateCopilotName(NameKind.TeamSlug)]
        [ArgumentCompleter(typeof(TeamNameCompleter))]
        public string[] TeamName { get; set; } = Array.Empty<string>();

        protected override SeatAction Action => SeatAction.Remove;
        protected override string[]? Names => TeamName;
        protected override NameKind NamesKind => NameKind.TeamSlug;
        protected override AssigneeKind AssigneeFor(ScopeKind scope) => scope == ScopeKind.Enterprise ? AssigneeKind.EnterpriseTeam : AssigneeKind.Team;
    }
}
