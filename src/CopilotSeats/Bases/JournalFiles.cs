using CopilotSeats.Auth;
using CopilotSeats.Journal;

namespace CopilotSeats.Commands
{
    /// <summary>The journal a command writes or reads, from its -JournalPath, the session's, the environment or the default folder.</summary>
    internal static class JournalFiles
    {
        /// <summary>
        /// The journal of this run, or null under -NoJournal, with one verbose line saying where it goes;
        /// CopilotSeats.JournalUnavailable is a terminating error.
        /// </summary>
        public static ChangeJournal? Open(PSCmdlet cmdlet, string? path, bool noJournal)
        {
            if (noJournal) return null;
            string file = JournalLocation.ForWriting(Resolve(cmdlet, path), Fallback(cmdlet), SystemCopilotEnvironment.Instance, DateTimeOffset.UtcNow);
            try
            {
                ChangeJournal journal = ChangeJournal.Open(file, cmdlet.MyInvocation.MyCommand.Name);
                cmdlet.WriteVerbose($"Journal: {journal.Path} (run {journal.RunId}).");
                return journal;
            }
            catch (CopilotException ex)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.From(ex));
                throw; // not reached
            }
        }

        /// <summary>The files to read, newest first.</summary>
        public static IReadOnlyList<string> ForReading(PSCmdlet cmdlet, string? path) =>
            JournalLocation.ForReading(Resolve(cmdlet, path), Fallback(cmdlet), SystemCopilotEnvironment.Instance);

        /// <summary>The session's journal, else $env:COPILOTSEATS_JOURNAL resolved as -JournalPath is (a relative path from the PowerShell location).</summary>
        private static string? Fallback(PSCmdlet cmdlet) =>
            ModuleState.Session?.JournalPath ?? Resolve(cmdlet, SystemCopilotEnvironment.Instance.GetVariable(JournalLocation.Variable));

        /// <summary>
        /// A PowerShell path (relative to the current location, a PSDrive) as a file-system path; a path of another provider
        /// (Env:, HKLM:, Variable:) is a terminating CopilotSeats.JournalUnavailable, raised before anything is sent.
        /// </summary>
        public static string? Resolve(PSCmdlet cmdlet, string? path)
        {
            if (string.IsNullOrEmpty(path)) return null;
            string resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out ProviderInfo provider, out _);
            if (provider.ImplementingType == typeof(Microsoft.PowerShell.Commands.FileSystemProvider)) return resolved;
            cmdlet.ThrowTerminatingError(ErrorRecords.From(new CopilotException("CopilotSeats.JournalUnavailable", CopilotErrorCategory.InvalidArgument, path,
                $"The change journal '{path}' is on the {provider.Name} drive, not in the file system.") { IsTerminating = true, RecommendedAction = "Name a journal file or folder in the file system." }));
            return null; // not reached
        }
    }
}
