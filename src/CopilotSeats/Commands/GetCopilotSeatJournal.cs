using System.IO;
using CopilotSeats.Journal;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Get-CopilotSeatJournal: the change journal's entries, newest first, read a block at a time from the end of the
    /// file(s) and written as they are read. A request with no recorded answer (a killed run) is an Unknown entry. Lines it cannot
    /// read (not journal lines, a newer format) are skipped with one warning each kind, after the entries.
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

        /// <summary>Only entries written at or after this time (a DateTimeOffset, such as an entry's Time; a DateTime of unspecified kind is local time).</summary>
        [Parameter]
        public DateTimeOffset Since { get; set; }

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
                Since = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? Since : (DateTimeOffset?)null,
                Action = Action,
                NameMatch = names.Count == 0 ? null : names.Matches,
            };
            var report = new JournalReadReport();
            try
            {
                IReadOnlyList<string> files = JournalFiles.ForReading(this, Path);
                WriteVerbose("Reading " + string.Join(", ", files));
                foreach (CopilotJournalEntry entry in JournalReader.Read(files, query, report)) WriteObject(entry);
                foreach (string warning in report.Warnings()) WriteWarning(warning);
            }
            catch (CopilotException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex));
            }
        }
    }
}
