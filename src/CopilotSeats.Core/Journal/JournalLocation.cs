using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using CopilotSeats.Auth;

namespace CopilotSeats.Journal
{
    /// <summary>
    /// Where the journal is: -JournalPath, else Connect-Copilot's -JournalPath (the session default), else
    /// $env:COPILOTSEATS_JOURNAL, else one file per month (yyyy-MM.jsonl) in the user's data folder:
    /// $env:LOCALAPPDATA\CopilotSeats\journal on Windows, $XDG_DATA_HOME/CopilotSeats/journal or
    /// ~/.local/share/CopilotSeats/journal elsewhere. A path that is an existing folder, or ends in a separator, holds one file per month too.
    /// </summary>
    public static class JournalLocation
    {
        public const string Variable = "COPILOTSEATS_JOURNAL";
        private const string Pattern = "*.jsonl";

        /// <summary>The file a run appends to.</summary>
        public static string ForWriting(string? path, string? sessionPath, ICopilotEnvironment environment, DateTimeOffset now, bool? windows = null)
        {
            string chosen = Choose(path, sessionPath, environment, windows, out bool folder);
            return folder ? System.IO.Path.Combine(chosen, MonthFile(now)) : chosen;
        }

        /// <summary>The files to read, newest first (a folder's monthly files, newest month first); a folder that cannot be listed is CopilotSeats.JournalUnavailable.</summary>
        public static IReadOnlyList<string> ForReading(string? path, string? sessionPath, ICopilotEnvironment environment, bool? windows = null)
        {
            string chosen = Choose(path, sessionPath, environment, windows, out bool folder);
            if (!folder) return new[] { chosen };
            if (!Directory.Exists(chosen)) return new string[0];
            try
            {
                return Directory.GetFiles(chosen, Pattern).OrderByDescending(f => System.IO.Path.GetFileName(f), StringComparer.Ordinal).ToArray();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is System.Security.SecurityException)
            {
                throw JournalReader.Unreadable(chosen, ex); // a folder that may not be listed
            }
        }

        /// <summary>The month's file name: 2026-12.jsonl (UTC).</summary>
        public static string MonthFile(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture) + ".jsonl";

        /// <summary>The user's journal folder when nothing else is given.</summary>
        public static string DefaultFolder(ICopilotEnvironment environment, bool? windows = null)
        {
            bool onWindows = windows ?? RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
            string root;
            if (onWindows)
                root = NonEmpty(environment.GetVariable("LOCALAPPDATA")) ?? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            else
            {
                string? xdg = NonEmpty(environment.GetVariable("XDG_DATA_HOME"));
                string home = NonEmpty(environment.GetVariable("HOME")) ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                // The XDG spec ignores a relative XDG_DATA_HOME.
                root = xdg != null && System.IO.Path.IsPathRooted(xdg) ? xdg : System.IO.Path.Combine(home, ".local", "share");
            }
            return System.IO.Path.Combine(root, "CopilotSeats", "journal");
        }

        private static string Choose(string? path, string? sessionPath, ICopilotEnvironment environment, bool? windows, out bool folder)
        {
            string? chosen = NonEmpty(path) ?? NonEmpty(sessionPath) ?? NonEmpty(environment.GetVariable(Variable));
            if (chosen is null)
            {
                folder = true;
                return DefaultFolder(environment, windows);
            }
            // An existing folder, or a path written as one (ending in a separator), holds monthly files.
            folder = Directory.Exists(chosen) || chosen.EndsWith("/", StringComparison.Ordinal) || chosen.EndsWith(System.IO.Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal);
            return chosen;
        }

        private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
