namespace CopilotSeats.Commands
{
    /// <summary>
    /// Base of the cmdlets that act on one organization or enterprise named by -Organization or -Enterprise (each its
    /// own parameter set) or by the properties of a piped object, such as a seat (Get-CopilotSeat, Get-CopilotUsage,
    /// Test-CopilotConnection, the seat changes, the budgets).
    /// </summary>
    public abstract class CopilotScopeCmdlet : CopilotApiCmdlet
    {
        /// <summary>
        /// Organization; otherwise the Connect-Copilot default. Binds by property name, so a piped seat goes back to its
        /// own organization; an empty one (a CSV row's empty cell) counts as none, typed on the command line it is refused.
        /// </summary>
        [Parameter(ParameterSetName = OrganizationSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        [ValidateCopilotName(NameKind.Organization, AllowEmpty = true)]
        [ArgumentCompleter(typeof(OrganizationCompleter))]
        public virtual string? Organization { get; set; }

        /// <summary>Enterprise slug (binds by property name too; empty as for <see cref="Organization"/>).</summary>
        [Parameter(ParameterSetName = EnterpriseSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        [ValidateCopilotName(NameKind.Enterprise, AllowEmpty = true)]
        [ArgumentCompleter(typeof(EnterpriseCompleter))]
        public string? Enterprise { get; set; }

        /// <summary>
        /// The piped record itself (hidden): its Enterprise property names the target, see <see cref="ResolveScope()"/>.
        /// Only a record with an Enterprise property binds here (<see cref="PipedRecordTransformationAttribute"/>), so
        /// what bound nothing before still binds nothing.
        /// </summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        [PipedRecordTransformation]
        public virtual PSObject? InputObject { get; set; }

        /// <summary>
        /// Whether what the cmdlet reads or changes belongs to each enterprise user (budgets, credit usage): then a piped
        /// record naming an enterprise targets it even when it also names the organization that granted the seat.
        /// </summary>
        protected virtual bool PerEnterpriseUser => false;

        private bool _targetTyped;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _targetTyped = TypedName(nameof(Organization), NameKind.Organization, Organization)
                | TypedName(nameof(Enterprise), NameKind.Enterprise, Enterprise);
        }

        /// <summary>
        /// This record's target: the typed or bound organization or enterprise, else the session's; else a terminating
        /// NoTarget error. A piped record with a non-empty Enterprise targets that enterprise when neither -Organization
        /// nor -Enterprise was typed and the record names no organization (an enterprise-level grant), or names one but
        /// <see cref="PerEnterpriseUser"/> holds. PowerShell binds such a record in the default Organization set, so its
        /// Enterprise property is read from the record itself.
        /// </summary>
        protected SeatScope ResolveScope()
        {
            if (_targetTyped) return ResolveScope(Organization, Enterprise);
            if (RecordEnterprise is { Length: > 0 } enterprise && (string.IsNullOrEmpty(Organization) || PerEnterpriseUser)) return ResolveScope(null, enterprise);
            SeatScope scope = ResolveScope(Organization, Enterprise);
            if (string.IsNullOrEmpty(Organization) && string.IsNullOrEmpty(Enterprise) && PipedEmptyTarget && !_warnedDefault)
            {
                // A row whose Organization (or Enterprise) cell is empty names no target: it goes to the session's, said once.
                _warnedDefault = true;
                WriteWarning($"A piped row names no organization or enterprise (its Organization or Enterprise is empty), so it and any like it go to the session's {scope}. "
                    + "Pipe rows that name their target, or pass -Organization or -Enterprise.");
            }
            return scope;
        }

        private bool _warnedDefault;

        /// <summary>Whether this record came down the pipeline with an Organization or Enterprise property that is empty.</summary>
        private bool PipedEmptyTarget => MyInvocation.ExpectingInput
            && (MyInvocation.BoundParameters.ContainsKey(nameof(Organization)) || MyInvocation.BoundParameters.ContainsKey(nameof(Enterprise)) || InputObject?.Properties["Enterprise"] != null);

        /// <summary>The piped record's Enterprise property (bound or not), else null.</summary>
        private string? RecordEnterprise => InputObject?.Properties["Enterprise"]?.Value as string;

        /// <summary>One CopilotSeats.NoAssignee error for a piped record without a user name (the seat of a deleted account).</summary>
        /// <param name="task">What there is no user for: "add", "cancel", "set a budget for", ...</param>
        private protected void WriteNoAssignee(string task)
        {
            string? enterprise = string.IsNullOrEmpty(Enterprise) ? RecordEnterprise : Enterprise;
            WriteError(ErrorRecords.From(SeatRemoval.NoAssignee(Organization, enterprise, task)));
        }
    }
}
