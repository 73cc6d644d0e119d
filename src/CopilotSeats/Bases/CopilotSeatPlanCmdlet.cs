using CopilotSeats.Sync;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Base of Compare-CopilotSeat and Sync-CopilotSeat: the reference users (from the pipeline by value, and by
    /// property name through Login and UserName, so seats, team members and CSV rows bind), -Exclude, -GraceDays and -IncludeEqual.
    /// </summary>
    public abstract class CopilotSeatPlanCmdlet : CopilotApiCmdlet
    {
        /// <summary>The logins that should have a seat. Duplicates (any case) and blank names are ignored with one warning.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Login", "UserName")]
        [AllowNull, AllowEmptyString, AllowEmptyCollection]
        [LoginTransformation]
        [ArgumentCompleter(typeof(UserNameCompleter))]
        public string[]? ReferenceUser { get; set; }

        /// <summary>Logins never changed: wildcard patterns (* ? [abc] [a-z]), case-insensitive, as Get-CopilotSeat -Exclude.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNull]
        public string[]? Exclude { get; set; }

        /// <summary>A seat younger than this many days is never planned for removal (default 0).</summary>
        [Parameter]
        [ValidateRange(0, 36500)]
        public int GraceDays { get; set; }

        /// <summary>Also plan Keep items: users in the reference set who have a seat (Sync-CopilotSeat never sends anything for them).</summary>
        [Parameter]
        public SwitchParameter IncludeEqual { get; set; }

        private NamePatterns _exclude = NamePatterns.None;
        private bool _gathered;

        /// <summary>The reference users gathered so far.</summary>
        private protected ReferenceSet Reference { get; } = new ReferenceSet();

        protected override void BeginProcessing()
        {
            _exclude = ParsePatterns(Exclude);
        }

        /// <summary>How to plan: -Exclude, -GraceDays, now.</summary>
        private protected PlanOptions PlanOptions(bool includeEqual) =>
            new PlanOptions { Exclude = _exclude, GraceDays = GraceDays, IncludeEqual = includeEqual, Now = DateTimeOffset.UtcNow };

        /// <summary>
        /// Adds the current record's names to <paramref name="set"/>; a name no GitHub login can have is one InvalidName
        /// error. Only a login (not a blank, nor a name refused) counts as input bound (see <see cref="StopUnlessInputBound"/>).
        /// </summary>
        private protected void Gather(ReferenceSet set, Action<string>? each = null)
        {
            foreach (string? name in ReferenceUser ?? new string?[] { null })
            {
                string? problem = string.IsNullOrWhiteSpace(name) ? null : InputValidator.Check(NameKind.Login, name!.Trim());
                if (problem != null)
                {
                    WriteError(ErrorRecords.From(InputValidator.Invalid(NameKind.Login, name, problem), name));
                    continue;
                }
                if (!string.IsNullOrWhiteSpace(name)) _gathered = true;
                if (set.Add(name)) each?.Invoke(name!.Trim());
            }
        }

        /// <summary>
        /// Piped input that gave no login (an empty upstream, $null, rows none of which bound, or only blank or refused
        /// names: all look the same here) stops the command before it lists or plans anything.
        /// </summary>
        private protected void StopUnlessInputBound(string? target)
        {
            if (PlanGuards.CheckInputBound(MyInvocation.ExpectingInput, _gathered, target) is { } none) ThrowTerminatingError(ErrorRecords.From(none));
        }

        /// <summary>The one warning for ignored duplicates and blank names.</summary>
        private protected void WarnIgnored(ReferenceSet set)
        {
            if (set.IgnoredWarning is { } warning) WriteWarning(warning);
        }
    }
}
