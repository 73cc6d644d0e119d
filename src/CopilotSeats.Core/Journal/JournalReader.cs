using System.IO;

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
    /// run ended (killed) before GitHub answered. Lines that are not journal lines (a torn last line) are skipped. A file
    /// that cannot be read is a terminating CopilotSeats.JournalUnavailable (a missing one has no entries).
    /// </summary>
    public static class JournalReader
    {
        public const string NoAnswer = "No answer was recorded: the run ended before GitHub answered, so the change may have been applied.";
        private const int BlockSize = 64 * 1024;

        public static IEnumerable<CopilotJournalEntry> Read(IEnumerable<string> files, JournalQuery? query = null)
        {
            // Completions seen whose Sent line is still ahead (it is written just before them): a short list.
            var answered = new HashSet<string>(StringComparer.Ordinal);
            foreach (string file in files)
            {
                foreach (CopilotJournalEntry entry in ReadFile(file))
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
        private static IEnumerable<CopilotJournalEntry> ReadFile(string file)
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
            using (IEnumerator<ArraySegment<byte>> lines = LinesBackward(stream).GetEnumerator())
            {
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
                    CopilotJournalEntry? entry = JournalFormat.Parse(lines.Current.Array!, lines.Current.Offset, lines.Current.Count);
                    if (entry != null) yield return entry;
                }
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

        /// <summary>The stream's lines (without '\n', blank ones skipped), last first.</summary>
        internal static IEnumerable<ArraySegment<byte>> LinesBackward(Stream stream)
        {
            long position = stream.Length;
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
                for (int i = data.Length - 1; i >= 0; i--)
                {
                    if (data[i] != (byte)'\n') continue;
                    if (end - i - 1 > 0) yield return new ArraySegment<byte>(data, i + 1, end - i - 1);
                    end = i;
                }
                carry = new byte[end];
                Buffer.BlockCopy(data, 0, carry, 0, end);
            }
            if (carry.Length > 0) yield return new ArraySegment<byte>(carry);
        }
    }
}
