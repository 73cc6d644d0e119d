namespace CopilotSeats.Commands
{
    /// <summary>Add-CopilotUser: assigns Copilot seats to users, in batches of at most 100 per request.</summary>
    [Cmdlet(VerbsCommon.Add, "CopilotUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = OrganizationSet)]
    [OutputType(typeof(CopilotSeatChange))]
    public sealed class AddCopilotUserCommand : CopilotSeatChangeCmdlet
    {
        /// <summary>User logins. An empty one (a piped seat of a deleted account) is reported as CopilotSeats.NoAssignee, not sent.</summary>
        [Parameter(ParameterSetName = OrganizationSet, Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = EnterpriseSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Login")]
        [AllowNull, AllowEmptyString, AllowEmptyCollection]
        [NameTextTransformation]
        [ValidateCopilotName(NameKind.Login, AllowEmpty = true)]
        public string[] UserName { get; set; } = Array.Empty<string>();

        protected override SeatAction ChangeAction => SeatAction.Add;
        protected override string[]? Names => UserName;
        protected override NameKind NamesKind => NameKind.Login;
        protected override AssigneeKind AssigneeFor(ScopeKind scope) => AssigneeKind.User;
    }
}
