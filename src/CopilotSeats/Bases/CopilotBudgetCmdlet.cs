using CopilotSeats.Journal;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Base of Get-, Set- and Remove-CopilotBudget: -Organization/-Enterprise once, and -UserName, which piped seats
    /// bind through Login. <see cref="ScopedNames"/> collects the names per owner. A piped record naming an enterprise
    /// targets it (<see cref="PerEnterpriseUser"/>).
    /// </summary>
    public abstract class CopilotBudgetCmdlet : CopilotScopeCmdlet
    {
        /// <summary>Users (logins). Piped seats bind through Login; an empty one (a seat of a deleted account) is CopilotSeats.NoAssignee.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Login")]
        [AllowNull, AllowEmptyString, AllowEmptyCollection]
        [ValidateCopilotName(NameKind.Login, AllowEmpty = true)]
        [ArgumentCompleter(typeof(UserNameCompleter))]
        public string[]? UserName { get; set; }

        /// <summary>The piped record itself (hidden): its Enterprise property names the target. A bare value binds too (an error of the cmdlet's own).</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public override PSObject? InputObject { get => base.InputObject; set => base.InputObject = value; }

        /// <summary>A budget is per enterprise user: a piped enterprise seat row targets the enterprise, not the organization it names.</summary>
        protected override bool PerEnterpriseUser => true;

        /// <summary>Whether this record names users.</summary>
        protected bool HasUsers => UserName != null && UserName.Length > 0;

        /// <summary>What there is no user for, in CopilotSeats.NoAssignee: "set a budget for", ...</summary>
        protected abstract string Task { get; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            TypedName(nameof(UserName), NameKind.Login, UserName); // -UserName '' typed: a binding error, as before
        }

        /// <summary>
        /// Drops the empty names a piped record brought (an empty CSV cell names no user). A seat of a deleted account
        /// (a record whose Login is empty, and no other name) is one CopilotSeats.NoAssignee error: true, the cmdlet skips it.
        /// </summary>
        protected bool SkipUnnamed()
        {
            if (UserName != null && UserName.Any(string.IsNullOrEmpty)) UserName = UserName.Where(n => !string.IsNullOrEmpty(n)).ToArray();
            if (HasUsers || InputObject?.Properties["Login"] is not { } login || !string.IsNullOrEmpty(login.Value as string)) return false;
            WriteNoAssignee(Task);
            return true;
        }
    }

    /// <summary>
    /// Base of Set- and Remove-CopilotBudget: -Force, and the change journal (-JournalPath, -NoJournal) every budget
    /// change is recorded in, as seat changes are. The journal is opened once per invocation, after the token is found and before
    /// any request (so one that cannot be written stops everything with CopilotSeats.JournalUnavailable); -WhatIf opens none.
    /// </summary>
    public abstract class CopilotBudgetChangeCmdlet : CopilotBudgetCmdlet
    {
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

        /// <summary>Whether anything was collected to change.</summary>
        protected abstract bool HasWork { get; }

        protected override void EndProcessing()
        {
            if (!HasWork) return;
            CopilotClient client = GetClient(); // the token first: without one, no journal file is made
            using ChangeJournal? journal = WhatIfRequested() ? null : JournalFiles.Open(this, JournalPath, NoJournal.IsPresent);
            Send(client, journal);
        }

        /// <summary>Looks up, asks ShouldProcess and sends what was collected, each change recorded in <paramref name="journal"/> (null: none).</summary>
        protected abstract void Send(CopilotClient client, ChangeJournal? journal);
    }
}
