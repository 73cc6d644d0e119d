using CopilotSeats.Journal;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Shared body of Add/Remove-CopilotUser and Add/Remove-CopilotTeam. ProcessRecord resolves the
    /// scope, validates each name and asks ShouldProcess once per (scope, name); EndProcessing sends
    /// the accepted names in batches of at most 100 per scope and writes one CopilotSeatChange per request.
    /// Under -WhatIf nothing is accepted, so no request is sent (and no token is looked up).
    /// </summary>
    public abstract class CopilotSeatChangeCmdlet : CopilotScopeCmdlet
    {
        private readonly ScopedNames _accepted = new ScopedNames();
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Skips the confirmation prompt (-WhatIf still wins).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The change journal for this call (a file, or a folder of monthly files); otherwise the session's, $env:COPILOTSEATS_JOURNAL, then the user's data folder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>Sends the changes without recording them in the journal.</summary>
        [Parameter]
        public SwitchParameter NoJournal { get; set; }

        /// <summary>
        /// A plan row's action, bound by property name (hidden): a name, or its number as ConvertTo-Json writes it. A row of
        /// a plan action other than this command's (Add; Restore too when adding; Remove), or a number that is no plan
        /// action, is skipped with one warning. Rows without one, or other text, go on as before (<see cref="PlanRows"/>).
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        [AllowNull, AllowEmptyString]
        public string? Action { get; set; }

        /// <summary>The piped record (hidden), see <see cref="CopilotScopeCmdlet.InputObject"/>: only one that also has a UserName or Login binds.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        [PipedRecordTransformation("UserName", "Login")]
        public override PSObject? InputObject { get => base.InputObject; set => base.InputObject = value; }

        /// <summary>Add or Remove.</summary>
        protected abstract SeatAction ChangeAction { get; }

        /// <summary>User or team names bound for the current record.</summary>
        protected abstract string[]? Names { get; }

        /// <summary>Naming rule of <see cref="Names"/>.</summary>
        protected abstract NameKind NamesKind { get; }

        /// <summary>What the names are, for a scope (User; Team for an organization, EnterpriseTeam for an enterprise).</summary>
        protected abstract AssigneeKind AssigneeFor(ScopeKind scope);

        private string[]? _typedNames;
        private bool _namesTyped;

        /// <summary>
        /// Names typed on the command line are bound before BeginProcessing: an empty one (-UserName '') is the
        /// terminating parameter binding error any other invalid name typed there gets. An empty name that comes later came with a piped object (a seat of
        /// a deleted account has an empty Login) and is one NoAssignee error for that object.
        /// </summary>
        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _typedNames = Names;
            _namesTyped = TypedName(NamesParameter, NamesKind, _typedNames);
        }

        /// <summary>Name of the parameter behind <see cref="Names"/>.</summary>
        protected virtual string NamesParameter => NamesKind == NameKind.Login ? "UserName" : "TeamName";

        protected override void ProcessRecord()
        {
            string[]? names = Names;
            if (!PlanRows.Takes(Action, ChangeAction))
            {
                WriteWarning(PlanRows.SkippedWarning(string.Join(",", names ?? Array.Empty<string>()), Action, ChangeAction));
                return;
            }
            bool piped = !(_namesTyped && ReferenceEquals(names, _typedNames));
            if (piped && (names is null || names.Length == 0 || names.Any(string.IsNullOrEmpty)))
            {
                // A piped seat whose assignee is null (a deleted account): one error for it, the names beside it go on.
                WriteNoAssignee(ChangeAction == SeatAction.Add ? "add" : "cancel");
                names = names?.Where(n => !string.IsNullOrEmpty(n)).ToArray();
            }
            if (names is null || names.Length == 0) return;
            SeatScope scope = ResolveScope();
            AssigneeKind kind = AssigneeFor(scope.Kind);
            string action = ChangeAction == SeatAction.Add ? "Add Copilot seat" : "Cancel Copilot seat";
            foreach (string name in names)
            {
                string? problem = InputValidator.Check(NamesKind, name);
                if (problem != null)
                {
                    WriteError(ErrorRecords.From(InputValidator.Invalid(NamesKind, name, problem), name));
                    continue;
                }
                string key = (scope.Kind == ScopeKind.Organization ? "o|" : "e|") + scope.Name + "|" + name;
                if (_seen.Contains(key)) continue; // asked once per name
                // A name kept back is not marked as seen: the same login may come again with a grant that can go
                // (an enterprise listing has one row per grant).
                if (!Screen(scope, name, key)) continue;
                _seen.Add(key);
                if (ShouldProcessUnlessForced(Force, TargetText(kind, scope, name), action)) _accepted.Add(scope, name);
            }
        }

        /// <summary>
        /// Whether the name goes on to ShouldProcess and the request; a command that keeps a name back
        /// writes why (warning, verbose line or error) itself. Every name goes by default.
        /// </summary>
        /// <param name="key">Identifies the (scope, name) pair, to say things once per name.</param>
        protected virtual bool Screen(SeatScope scope, string name, string key) => true;

        protected override void EndProcessing()
        {
            if (_accepted.Count == 0) return;
            // The token first (without one no journal file is made), then the journal: one that cannot be written stops the change before a request is sent.
            CopilotClient client = GetClient();
            using ChangeJournal? journal = JournalFiles.Open(this, JournalPath, NoJournal.IsPresent);
            SeatAction seatAction = ChangeAction;
            var batches = _accepted.Groups.SelectMany(group => BatchPlanner.Plan(group.Value)
                .Select(batch => (group.Key, seatAction, AssigneeFor(group.Key.Kind), batch))).ToList();
            SendBatches(client, journal, batches, (seatAction == SeatAction.Add ? "Adding" : "Cancelling") + " Copilot seats");
        }

        /// <summary>What ShouldProcess names: "user 'alice' in organization 'octo-org'".</summary>
        internal static string TargetText(AssigneeKind kind, SeatScope scope, string name)
        {
            string what = kind switch
            {
                AssigneeKind.User => "user",
                AssigneeKind.Team => "team",
                _ => "enterprise team",
            };
            return $"{what} '{name}' in {(scope.Kind == ScopeKind.Organization ? "organization" : "enterprise")} '{scope.Name}'";
        }
    }
}
