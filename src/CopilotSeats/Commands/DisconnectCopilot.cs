namespace CopilotSeats.Commands
{
    /// <summary>Disconnect-Copilot: forgets the Connect-Copilot defaults (including the token, or the GitHub App's key and tokens). No output.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Copilot")]
    [OutputType(typeof(void))]
    public sealed class DisconnectCopilotCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            ModuleState.Session = null;
        }
    }
}
