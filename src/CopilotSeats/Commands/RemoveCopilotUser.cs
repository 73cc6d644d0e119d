namespace CopilotSeats.Commands
{
    /// <summary>Remove-CopilotUser: cancels users' Copilot seats (pending cancellation until the end of the billing cycle), in batches of at most 100 per request.</summary>
    [Cmdlet(VerbsCommon.Remove, "CopilotUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = OrganizationSet)]
    [OutputType(typeof(CopilotSeatChange))]
    public sealed class RemoveCopilotUserCommand : CopilotSeatChangeCmdlet
    {
        /// <summary>User logins. An empty one (a piped seat of a deleted account) is reported as CopilotSeats.NoAssignee, not sent.</summary>
        [Parameter(ParameterSetName = OrganizationSet, Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = EnterpriseSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Login")]
        [AllowNull, AllowEmptyString, AllowEmptyCollection]
        [NameTextTransformation]
        [ValidateCopilotName(NameKind.Login, AllowEmpty = true)]
        [ArgumentCompleter(typeof(UserNameCompleter))]
        public string[] UserName { get; set; } = Array.Empty<string>();

        /// <summary>
        /// Team that granted the seat, bound from a piped seat or CSV row. A name that comes with one is not
        /// sent: GitHub cancels a team's seats only with the team (error CopilotSeats.TeamAssigned).
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string? AssigningTeam { get; set; }

        /// <summary>Bound from a piped seat or CSV row: a seat already pending cancellation is not sent again.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string? PendingCancellationDate { get; set; }

        /// <summary>Logins never to cancel: wildcard patterns (* ? [abc] [a-z]), case-insensitive.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNull]
        public string[]? Exclude { get; set; }

        private NamePatterns? _exclude;
        private readonly System.Collections.Generic.HashSet<string> _reported = new System.Collections.Generic.HashSet<string>(StringComparer.OrdinalIgnoreCase);

        protected override void BeginProcessing()
        {
            _exclude = ParsePatterns(Exclude);
            base.BeginProcessing();
        }

        protected override bool Screen(SeatScope scope, string name, string key)
        {
            NamePatterns exclude = _exclude ?? NamePatterns.None;
            RemovalVerdict verdict = SeatRemoval.Screen(name, AssigningTeam, PendingCancellationDate, exclude);
            if (verdict == RemovalVerdict.Send) return true;
            if (!_reported.Add(key + "|" + (int)verdict)) return false; // one warning, line or error per name
            switch (verdict)
            {
                case RemovalVerdict.Excluded:
                    WriteWarning(SeatRemoval.ExcludedWarning(name, exclude.FirstMatch(name)!, scope));
                    return false;
                case RemovalVerdict.AlreadyPending:
                    WriteVerbose(SeatRemoval.PendingVerbose(name, PendingCancellationDate, scope) + " No request is sent for it.");
                    return false;
                case RemovalVerdict.TeamAssigned:
                    WriteError(ErrorRecords.From(SeatRemoval.TeamAssigned(name, AssigningTeam!, scope), name));
                    return false;
                default:
                    return false;
            }
        }

        protected override SeatAction ChangeAction => SeatAction.Remove;
        protected override string[]? Names => UserName;
        protected override NameKind NamesKind => NameKind.Login;
        protected override AssigneeKind AssigneeFor(ScopeKind scope) => AssigneeKind.User;
    }
}
