using System;
using System.Management.Automation;
using CopilotSeats.Api;
using CopilotSeats.Validation;

namespace CopilotSeats.Commands
{
    /// <summary>Remove-CopilotUser: cancels users' Copilot seats (pending cancellation until the end of the billing cycle), in batches of at most 100 per request.</summary>
    [Cmdlet(VerbsCommon.Remove, "CopilotUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = OrganizationSet)]
    [OutputType(typeof(CopilotSeatChange))]
    public sealed class RemoveCopilotUserCommand : CopilotSeatChangeCmdlet
    {
        /// <summary>User logins.</summary>
        [Parameter(ParameterSetName = OrganizationSet, Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = EnterpriseSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Login")]
        [ValidateCopilotName(NameKind.Login)]
        public string[] UserName { get; set; } = Array.Empty<string>();

        protected override SeatAction Action => SeatAction.Remove;
        protected override string[]? Names => UserName;
        protected override NameKind NamesKind => NameKind.Login;
        protected override AssigneeKind AssigneeFor(ScopeKind scope) => AssigneeKind.User;
    }
}
