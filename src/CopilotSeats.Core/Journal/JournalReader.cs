using System.IO;
using System.Text;

namespace CopilotSeats.Journal
{
    /// <summary>What to read: every filter is optional.</summary>
    public sealed class JournalQuery
    {
        public ICollection<Guid>? RunIds { get; set; }
        public DateTimeOffset? Since { get; set; }
        /// <summary>Add or Remove (seats), SetBudget or RemoveBudget (budgets).</summary>
        public string? Action { get; set; }
        /// <summary>Which names (logins or team slugs) to keep; null keeps all.</summary>
        public Func<string, bool>? NameMatch { get; set; }

        public bool Matches(CopilotJournalEntry e) =>
            (RunIds is null || RunIds.Count == 0 || RunIds.Contains(e.RunId))
            && (Since is null || e.Time >= Since.Value)
            && (string.IsNullOrEmpty(Action) || string.Equals(e.Action, Action, StringComparison.OrdinalIgnoreCase))
            && (NameMatch is null || NameMatch(e.Name));
    }

    /// <summary>
    /// Reads journal files newest first, a block at a time from the end (memory follows a block, not the file). A Sent line
    /// with a line that completes it is dropped (the completion is the entry); one without is an Unknown entry: the
    /// run ended (killed) before GitHub answered. Lines that are not journal lines, or of a newer format, are skipped and counted
    /// in the <see cref="JournalReadReport"/> (a file's torn last line silently); a file saved as UTF-16 text (with its byte order mark) is read too. A file
    /// that cannot be read is a terminating CopilotSeats.JournalUnavailable (a missing one has no entries).
    /// </summary>
    public static class JournalReader
    {
        public const string NoAnswer = "No answer was recorded: the run ended before GitHub answered, so the change may have been applied.";
        private const int BlockSize = 64 * 1024;

        public static IEnumerable<CopilotJournalEntry> Read(IEnumerable<string> files, JournalQuery? query = null, JournalReadReport? report = null)
        {
            report ??= new JournalReadReport();
            // Completions seen whose Sent line is still ahead (it is written just before them): a short list.
            var answered = new HashSet<string>(StringComparer.Ordinal);
            foreach (string file in files)
            {
                foreach (CopilotJournalEntry entry in ReadFile(file, report))
                {
                    string key = JournalFormat.PairKey(entry);
                    if (entry.Outcome != JournalFormat.Sent) answered.Add(key);
                    else if (answered.Remove(key)) continue;
                    else
                    {
                        entry.Outcome = JournalFormat.Unknown;
                        entry.Message = NoAnswer;
                    }
                    if (query is null || query.Matches(entry)) yield return entry;
                }
            }
        }

        /// <summary>The file's journal lines, last first.</summary>
        private static IEnumerable<CopilotJournalEntry> ReadFile(string file, JournalReadReport report)
        {
            FileStream stream;
            try
            {
                stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            }
            catch (FileNotFoundException)
            {
                yield break;
            }
            catch (DirectoryNotFoundException)
            {
                yield break;
            }
            catch (Exception ex) when (IsReadProblem(ex))
            {
                throw Unreadable(file, ex);
            }
            using (stream)
            using (IEnumerator<ArraySegment<byte>> lines = LinesBackward(stream, Utf16Of(stream)).GetEnumerator())
            {
                bool last = true;
                while (true)
                {
                    try
                    {
                        if (!lines.MoveNext()) yield break;
                    }
                    catch (Exception ex) when (IsReadProblem(ex))
                    {
                        throw Unreadable(file, ex);
                    }
                    CopilotJournalEntry? entry = JournalFormat.Parse(lines.Current.Array!, lines.Current.Offset, lines.Current.Count, out Guid? newer);
                    if (entry != null) yield return entry;
                    else if (!last || newer != null) report.Skipped(newer); // the last line may be torn by a killed process
                    last = false;
                }
            }
        }

        /// <summary>
        /// The UTF-16 encoding of a file that starts with its byte order mark (a journal re-saved by Windows PowerShell's Out-File);
        /// null for UTF-8. A read failure here is read again, and reported, by the first block.
        /// </summary>
        internal static Encoding? Utf16Of(Stream stream)
        {
            try
            {
                if (stream.Length < 2) return null;
                stream.Seek(0, SeekOrigin.Begin);
                int first = stream.ReadByte(), second = stream.ReadByte();
                return first == 0xFF && second == 0xFE ? Encoding.Unicode : first == 0xFE && second == 0xFF ? Encoding.BigEndianUnicode : null;
            }
            catch (Exception ex) when (IsReadProblem(ex))
            {
                return null;
            }
        }

        private static bool IsReadProblem(Exception ex) => ex is IOException || ex is UnauthorizedAccessException;

        /// <summary>A journal that cannot be read (a folder where the file should be, no permission, a device error): terminating.</summary>
        internal static CopilotException Unreadable(string file, Exception cause) =>
            new CopilotException("CopilotSeats.JournalUnavailable", CopilotErrorCategory.ResourceUnavailable, file,
                $"The change journal '{file}' cannot be read ({cause.Message.TrimEnd('.', ' ')}).", cause)
            {
                IsTerminating = true,
                RecommendedAction = "Check that the journal is a file you may read, or name another journal.",
            };

        /// <summary>
        /// The stream's lines (without '\n', blank ones skipped), last first, as UTF-8: a UTF-16 stream (<paramref name="wide"/>) is
        /// split at its '\n' code units and each line converted.
        /// </summary>
        internal static IEnumerable<ArraySegment<byte>> LinesBackward(Stream stream, Encoding? wide = null)
        {
            int unit = wide is null ? 1 : 2;
            int newline = wide is null || wide.GetBytes("\n")[0] == (byte)'\n' ? 0 : 1; // where '\n' is within its code unit
            long position = stream.Length - stream.Length % unit;
            byte[] carry = new byte[0]; // the start of the line read last, whose beginning is further back
            var block = new byte[BlockSize];
            while (position > 0)
            {
                int size = (int)Math.Min(BlockSize, position);
                position -= size;
                stream.Seek(position, SeekOrigin.Begin);
                int read = 0;
                while (read < size)
                {
                    int n = stream.Read(block, read, size - read);
                    if (n <= 0) throw new EndOfStreamException();
                    read += n;
                }
                byte[] data = new byte[size + carry.Length];
                Buffer.BlockCopy(block, 0, data, 0, size);
                Buffer.BlockCopy(carry, 0, data, size, carry.Length);
                int end = data.Length;
                for (int i = data.Length - unit; i >= 0; i -= unit)
                {
                    if (data[i + newline] != (byte)'\n' || unit == 2 && data[i + 1 - newline] != 0) continue;
                    if (end - i - unit > 0) yield return Utf8(data, i + unit, end - i - unit, wide);
                    end = i;
                }
                carry = new byte[end];
                Buffer.BlockCopy(data, 0, carry, 0, end);
            }
            if (carry.Length > 0) yield return Utf8(carry, 0, carry.Length, wide);
        }

        private static ArraySegment<byte> Utf8(byte[] data, int offset, int count, Encoding? wide) =>
            wide is null ? new ArraySegment<byte>(data, offset, count) : new ArraySegment<byte>(Encoding.UTF8.GetBytes(wide.GetString(data, offset, count)));
    }
}
