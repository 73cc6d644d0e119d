using System.IO;
using CopilotSeats.Journal;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Get-CopilotSeatJournal: the change journal's entries, newest first, read a block at a time from the end of the
    /// file(s) and written as they are read. A request with no recorded answer (a killed run) is an Unknown entry.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CopilotSeatJournal")]
    [OutputType(typeof(CopilotJournalEntry))]
    public sealed class GetCopilotSeatJournalCommand : CopilotCmdlet
    {
        /// <summary>A journal file, or a folder of monthly files; otherwise the session's, $env:COPILOTSEATS_JOURNAL, then the user's data folder.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Only these runs. An unset variable ($null) is refused, not taken as every run.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public Guid[]? RunId { get; set; }

        /// <summary>Only entries written at or after this time.</summary>
        [Parameter]
        public DateTime Since { get; set; }

        /// <summary>Only these logins, team slugs or budget names (wildcards allowed).</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? UserName { get; set; }

        /// <summary>Only one action: Add or Remove (seats), SetBudget or RemoveBudget (budgets).</summary>
        [Parameter]
        [ValidateSet("Add", "Remove", "SetBudget", "RemoveBudget")]
        public string? Action { get; set; }

        protected override void EndProcessing()
        {
            string? explicitPath = JournalFiles.Resolve(this, Path);
            if (explicitPath != null && !File.Exists(explicitPath) && !Directory.Exists(explicitPath))
            {
                ThrowTerminatingError(ErrorRecords.From(new CopilotException("CopilotSeats.JournalNotFound", CopilotErrorCategory.ObjectNotFound, Path,
                    $"There is no journal at '{explicitPath}'.") { IsTerminating = true, RecommendedAction = "Check the path given to -Path." }));
            }
            NamePatterns names = ParsePatterns(UserName);
            var query = new JournalQuery
            {
                RunIds = RunId,
                Since = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? new DateTimeOffset(Since.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(Since, DateTimeKind.Local) : Since) : (DateTimeOffset?)null,
                Action = Action,
                NameMatch = names.Count == 0 ? null : names.Matches,
            };
            IReadOnlyList<string> files = JournalFiles.ForReading(this, Path);
            WriteVerbose("Reading " + string.Join(", ", files));
            try
            {
                foreach (CopilotJournalEntry entry in JournalReader.Read(files, query)) WriteObject(entry);
            }
            catch (CopilotException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex));
            }
        }
    }
}
