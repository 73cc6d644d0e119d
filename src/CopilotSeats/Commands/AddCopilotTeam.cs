namespace CopilotSeats.Commands
{
    /// <summary>Add-CopilotTeam: assigns Copilot seats to every member of teams; organization teams with -Organization, enterprise teams with -Enterprise.</summary>
    [Cmdlet(VerbsCommon.Add, "CopilotTeam", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = OrganizationSet)]
    [OutputType(typeof(CopilotSeatChange))]
    public sealed class AddCopilotTeamCommand : CopilotTeamChangeCmdlet
    {
        protected override SeatAction ChangeAction => SeatAction.Add;
    }
}
