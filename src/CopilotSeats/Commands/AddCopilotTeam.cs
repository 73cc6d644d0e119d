using System;
using System.Management.Automation;
using CopilotSeats.Seats;
using CopilotSeats.Validation;

using CopilotSeats.Commands.Completion;

namespace CopilotSeats.Commands
{
    /// <summary>Add-CopilotTeam: assigns Copilot seats to every member of teams; organization teams with -Organization, enterprise teams with -Enterprise.</summary>
    [Cmdlet(VerbsCommon.Add, "CopilotTeam", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = OrganizationSet)]
    [OutputType(typeof(CopilotSeatChange))]
    public sealed class AddCopilotTeamCommand : CopilotSeatChangeCmdlet
    {
        /// <summary>Team slugs (organization teams) or enterprise team slugs.</summary>
        [Parameter(ParameterSetName = OrganizationSet, Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = EnterpriseSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Slug", "Team")]
        [ValidateCopilotName(NameKind.TeamSlug)]
        [ArgumentCompleter(typeof(TeamNameCompleter))]
        public string[] TeamName { get; set; } = Array.Empty<string>();

        protected override SeatAction Action => SeatAction.Add;
        protected override string[]? Names => TeamName;
        protected override NameKind NamesKind => NameKind.TeamSlug;
        protected override AssigneeKind AssigneeFor(ScopeKind scope) => scope == ScopeKind.Enterprise ? AssigneeKind.EnterpriseTeam : AssigneeKind.Team;
    }
}
