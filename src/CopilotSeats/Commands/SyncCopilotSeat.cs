using CopilotSeats.Journal;
using CopilotSeats.Sync;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Sync-CopilotSeat: makes the seats of an organization or enterprise match a reference set of users (-ReferenceUser,
    /// planned as Compare-CopilotSeat does), or applies plan items from the pipeline (Compare-CopilotSeat's objects or
    /// Import-Csv rows, each re-checked against the current seats). Guards first (EmptyReference, TooManyRemovals), then
    /// ShouldProcess per change, then batches: Add and Restore through the add endpoint, Remove through the cancel endpoint.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "CopilotSeat", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(CopilotSeatChange))]
    public sealed class SyncCopilotSeatCommand : CopilotSeatPlanCmdlet
    {
        /// <summary>Organization; otherwise a plan item's own, else the Connect-Copilot default.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        [ValidateCopilotName(NameKind.Organization, AllowEmpty = true)]
        [ArgumentCompleter(typeof(OrganizationCompleter))]
        public string? Organization { get; set; }

        /// <summary>Enterprise slug; a plan item with one targets its enterprise.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        [ValidateCopilotName(NameKind.Enterprise, AllowEmpty = true)]
        [ArgumentCompleter(typeof(EnterpriseCompleter))]
        public string? Enterprise { get; set; }

        /// <summary>A plan item's action, bound by property name: the record is a plan row, not a reference user. A name, or its number (a plan read back from JSON).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [PlanActionTransformation]
        [ValidateSet("Add", "Remove", "Restore", "Keep", "Conflict", "Skip")]
        public string? Action { get; set; }

        /// <summary>Allows an empty reference set (every direct seat is then planned for removal).</summary>
        [Parameter]
        public SwitchParameter AllowEmptyReference { get; set; }

        /// <summary>The most seats one run may cancel; default 10 % of the target's current seats, at least 5. -Force does not pass it.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int MaximumRemoval { get; set; }

        /// <summary>Skips the confirmation prompts (-WhatIf still wins; the guards still hold).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The change journal for this call (a file, or a folder of monthly files); otherwise the session's, $env:COPILOTSEATS_JOURNAL, then the user's data folder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>Sends the changes without recording them in the journal.</summary>
        [Parameter]
        public SwitchParameter NoJournal { get; set; }

        private readonly List<PlanRecheck> _rows = new List<PlanRecheck>();
        private readonly List<SeatScope> _rowScopes = new List<SeatScope>();
        // Held in arrays (reference types): a field of the Models struct itself would load Models with this type,
        // before the module's loader is registered (Loading/ModuleInitializer.cs).
        private SeatScope[]? _referenceScope;
        private SeatScope[]? _typedScope;
        private ChangeJournal? _journal;
        private bool _journalOpened;

        protected override void BeginProcessing()
        {
            // Both typed is refused; both on a plan item (an enterprise row) is that item's enterprise.
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Organization)) && MyInvocation.BoundParameters.ContainsKey(nameof(Enterprise)))
                ThrowTerminatingError(ErrorRecords.From(ErrorRecords.AmbiguousTarget(Organization!, Enterprise!)));
            base.BeginProcessing();
            // A target typed on the command line wins over the one each plan item carries.
            if (!string.IsNullOrEmpty(Organization) || !string.IsNullOrEmpty(Enterprise)) _typedScope = new[] { ResolveScope(Organization, Enterprise) };
        }

        protected override void ProcessRecord()
        {
            SeatScope scope = _typedScope?[0] ?? (string.IsNullOrEmpty(Enterprise) ? ResolveScope(Organization, null) : SeatScope.ForEnterprise(Enterprise!));
            if (Action is { } named)
            {
                var action = (CopilotSeatPlanAction)Enum.Parse(typeof(CopilotSeatPlanAction), named, ignoreCase: true);
                if (_referenceScope != null) ThrowMixed(scope);
                Gather(new ReferenceSet(), login => RowsFor(scope).Add(login, action));
                return;
            }
            if (_rows.Count > 0) ThrowMixed(scope);
            if (_referenceScope?[0] is { } first && !SameScope(first, scope))
                ThrowTerminatingError(ErrorRecords.From(new CopilotException("CopilotSeats.MixedTargets", CopilotErrorCategory.InvalidArgument, scope.Name,
                    $"The reference users name two targets ({first} and {scope}); a reference set is compared with one.") { RecommendedAction = "Give -Organization or -Enterprise." }));
            _referenceScope = new[] { scope };
            Gather(Reference);
        }

        protected override void EndProcessing()
        {
            // Without -AllowEmptyReference, piped input that bound nothing is an empty reference: the EmptyReference guard
            // stops it before any request. With it, an empty upstream and rows none of which bound cannot be told apart.
            if (AllowEmptyReference) StopUnlessInputBound(Enterprise ?? Organization);
            var plans = new List<SyncPlan>();
            CopilotException? guard = null; // under -WhatIf a guard error comes after the plan's What if lines
            if (_rows.Count > 0)
            {
                CopilotClient client = GetClient();
                PlanOptions options = PlanOptions(includeEqual: true);
                RunAsync(async ct =>
                {
                    for (int i = 0; i < _rows.Count; i++) plans.Add(await SeatSync.RecheckAsync(client, _rowScopes[i], _rows[i], options, ct).ConfigureAwait(false));
                });
            }
            else
            {
                WarnIgnored(Reference);
                SeatScope scope = _referenceScope?[0] ?? ResolveScope(Organization, Enterprise);
                if (PlanGuards.CheckReference(Reference, AllowEmptyReference, scope) is { } empty) guard = Guard(empty);
                CopilotClient client = GetClient();
                PlanOptions options = PlanOptions(IncludeEqual);
                RunAsync(async ct => plans.Add(await SeatSync.PlanAsync(client, scope, Reference, options, ct).ConfigureAwait(false)));
            }
            if (plans.Count == 0 && guard is null) return; // the listing failed (already reported)
            int? maximum = MyInvocation.BoundParameters.ContainsKey(nameof(MaximumRemoval)) ? MaximumRemoval : null;
            foreach (SyncPlan plan in plans)
            {
                foreach (string warning in plan.Warnings) WriteWarning(warning);
                if (PlanGuards.CheckRemovals(plan.Removals, maximum, plan.CurrentSeats, plan.Scope) is { } tooMany) guard ??= Guard(tooMany);
            }
            try
            {
                foreach (SyncPlan plan in plans) Apply(plan);
            }
            finally
            {
                _journal?.Dispose();
            }
            if (guard != null) ThrowTerminatingError(ErrorRecords.From(guard));
        }

        /// <summary>A guard error stops the run at once; under -WhatIf it is raised after the plan is printed (nothing is sent either way).</summary>
        private CopilotException Guard(CopilotException error)
        {
            if (!WhatIfRequested()) ThrowTerminatingError(ErrorRecords.From(error));
            return error;
        }

        /// <summary>ShouldProcess per change (under -WhatIf this prints the plan), then the batches of the accepted ones.</summary>
        private void Apply(SyncPlan plan)
        {
            foreach (CopilotSeatPlanItem kept in plan.Kept)
            {
                string target = CopilotSeatChangeCmdlet.TargetText(AssigneeKind.User, plan.Scope, kept.Login);
                if (WhatIfRequested()) ShouldProcess(target, "Keep Copilot seat (nothing is sent)");
                else WriteVerbose($"Keep {target}: {kept.Reason} Nothing is sent.");
            }
            var accepted = plan.Changes.Where(item =>
                ShouldProcessUnlessForced(Force, CopilotSeatChangeCmdlet.TargetText(AssigneeKind.User, plan.Scope, item.Login), Describe(item.Action))).ToList();
            if (accepted.Count == 0) return;
            if (!_journalOpened)
            {
                // One journal and run id for the whole call, opened before the first request: one that cannot be written stops it here.
                _journal = JournalFiles.Open(this, JournalPath, NoJournal.IsPresent);
                _journalOpened = true;
            }
            var batches = SeatSync.Batches(accepted).Select(b => (plan.Scope, b.Key, AssigneeKind.User, b.Value)).ToList();
            SendBatches(GetClient(), _journal, batches, "Synchronizing Copilot seats");
        }

        private PlanRecheck RowsFor(SeatScope scope)
        {
            int at = _rowScopes.FindIndex(s => SameScope(s, scope));
            if (at >= 0) return _rows[at];
            _rowScopes.Add(scope);
            _rows.Add(new PlanRecheck());
            return _rows[_rows.Count - 1];
        }

        private static bool SameScope(SeatScope a, SeatScope b) => a.Kind == b.Kind && string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);

        private static string Describe(CopilotSeatPlanAction action) => action switch
        {
            CopilotSeatPlanAction.Add => "Add Copilot seat",
            CopilotSeatPlanAction.Restore => "Restore Copilot seat (add the user again while the seat is pending cancellation)",
            _ => "Cancel Copilot seat",
        };

        private void ThrowMixed(SeatScope scope) => ThrowTerminatingError(ErrorRecords.From(new CopilotException("CopilotSeats.MixedInput", CopilotErrorCategory.InvalidArgument, scope.Name,
            "The input mixes plan items (objects with an Action) and reference users; Sync-CopilotSeat takes one or the other.")
        { RecommendedAction = "Pipe either Compare-CopilotSeat's plan (or its CSV) or the reference users." }));
    }
}
