namespace CopilotSeats.Commands
{
    /// <summary>Remove-CopilotTeam: cancels the Copilot seats granted through teams; organization teams with -Organization, enterprise teams with -Enterprise.</summary>
    [Cmdlet(VerbsCommon.Remove, "CopilotTeam", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = OrganizationSet)]
    [OutputType(typeof(CopilotSeatChange))]
    public sealed class RemoveCopilotTeamCommand : CopilotTeamChangeCmdlet
    {
        protected override SeatAction ChangeAction => SeatAction.Remove;
    }
}
