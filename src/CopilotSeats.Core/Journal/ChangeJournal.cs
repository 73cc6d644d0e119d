using System.Diagnostics;
using System.IO;
using System.Security;

namespace CopilotSeats.Journal
{
    /// <summary>
    /// The journal of one run (one cmdlet invocation): its run id and command, and the file it appends to. Every
    /// append is one write of whole lines at the end of the file, made while holding an exclusive lock on
    /// "&lt;file&gt;.lock" (an OS file lock, released if the process dies), so two runs at once never interleave
    /// a line; a line torn by a killed process is closed before the next one is written.
    /// </summary>
    public sealed class ChangeJournal : IDisposable
    {
        /// <summary>How long an append waits for another run's append to finish.</summary>
        public static TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(10);

        private readonly FileStream _file;
        private readonly string _lockPath;
        private readonly Func<DateTimeOffset> _now;
        private int _request;
        private int _sentRequests;
        private int _sentNames;
        private int _appliedNames;

        private ChangeJournal(string path, string command, FileStream file, Func<DateTimeOffset> now)
        {
            Path = path;
            Command = command;
            _file = file;
            _lockPath = path + ".lock";
            _now = now;
        }

        public string Path { get; }
        public Guid RunId { get; } = Guid.NewGuid();
        public string Command { get; }
        /// <summary>
        /// Set by Undo-CopilotSeatChange: the run each line reverses, by target and name (an undo of several runs reverses each
        /// name's own run), so a later undo of one of them sees what was already reversed.
        /// </summary>
        public Func<SeatScope, string, Guid?>? UndoOf { get; set; }

        /// <summary>
        /// Opens (creating the folder and file) the journal for a run of <paramref name="command"/>, and takes its lock
        /// once; any failure is a terminating CopilotSeats.JournalUnavailable, raised before anything is sent.
        /// </summary>
        public static ChangeJournal Open(string path, string command, Func<DateTimeOffset>? now = null)
        {
            FileStream? file = null;
            try
            {
                string full = System.IO.Path.GetFullPath(path);
                string? folder = System.IO.Path.GetDirectoryName(full);
                if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
                file = new FileStream(full, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 1);
                // A journal re-saved as UTF-16 reads, but UTF-8 lines appended to it would not: refused before anything is sent.
                if (JournalReader.Utf16Of(file) != null)
                    throw new IOException("it is saved as UTF-16, and the journal appends UTF-8 lines: save it as UTF-8 first");
                var journal = new ChangeJournal(full, command, file, now ?? (() => DateTimeOffset.UtcNow));
                journal.Locked(() => { });
                return journal;
            }
            catch (Exception ex) when (IsFileProblem(ex))
            {
                file?.Dispose();
                throw Unavailable(path, ex);
            }
        }

        /// <summary>Writes the Sent line of every name of a request about to be sent, and returns the request to complete.</summary>
        public JournalRequest Sent(SeatScope scope, SeatAction action, AssigneeKind kind, IReadOnlyList<string> names) =>
            Sent(new JournalRequest(this, Interlocked.Increment(ref _request), scope, action.ToString(), kind.ToString(), names) { Adds = action == SeatAction.Add });

        /// <summary>
        /// Writes the Sent line of one budget change (<paramref name="action"/> SetBudget or RemoveBudget, type Budget) with its
        /// old and new amount in whole dollars (null where there is none), and returns the request to complete.
        /// </summary>
        public JournalRequest SentBudget(SeatScope scope, string action, string name, int? oldAmountUsd, int? amountUsd) =>
            Sent(new JournalRequest(this, Interlocked.Increment(ref _request), scope, action, JournalFormat.BudgetType, new[] { name })
            {
                OldAmountUsd = oldAmountUsd,
                AmountUsd = amountUsd,
            });

        private JournalRequest Sent(JournalRequest request)
        {
            request.Write(JournalFormat.Sent, null, null, null);
            Interlocked.Increment(ref _sentRequests);
            Interlocked.Add(ref _sentNames, request.Names.Count);
            return request;
        }

        /// <summary>Counts the names of a request GitHub applied (for the message of a later write that fails).</summary>
        internal void Applied(int names) => Interlocked.Add(ref _appliedNames, names);

        internal CopilotJournalEntry Line(int request, SeatScope scope, string action, string type, string name, string outcome) => new CopilotJournalEntry
        {
            RunId = RunId,
            Request = request,
            Time = _now().ToUniversalTime(),
            Command = Command,
            Organization = scope.Organization,
            Enterprise = scope.Enterprise,
            Action = action,
            AssigneeType = type,
            Name = name,
            Outcome = outcome,
            UndoOf = UndoOf?.Invoke(scope, name),
        };

        /// <summary>
        /// Appends the lines with one write; a failure is a terminating CopilotSeats.JournalUnavailable, saying what this run
        /// had already sent (the caller of a completion turns it into CopilotSeats.JournalIncomplete: see <see cref="JournalRequest"/>).
        /// </summary>
        internal void Append(IReadOnlyList<CopilotJournalEntry> lines)
        {
            if (lines.Count == 0) return;
            byte[] bytes = JournalFormat.Serialize(lines);
            try
            {
                Locked(() =>
                {
                    long end = _file.Seek(0, SeekOrigin.End);
                    if (end > 0)
                    {
                        _file.Seek(-1, SeekOrigin.End);
                        if (_file.ReadByte() != '\n') _file.WriteByte((byte)'\n'); // close a line torn by a killed process
                    }
                    _file.Write(bytes, 0, bytes.Length);
                    _file.Flush();
                });
            }
            catch (Exception ex) when (IsFileProblem(ex))
            {
                if (_sentRequests == 0) throw Unavailable(Path, ex);
                throw new CopilotException("CopilotSeats.JournalUnavailable", CopilotErrorCategory.WriteError, Path,
                    $"The change journal '{Path}' cannot be written ({Cause(ex)}), so nothing more was sent; this run had already sent {_sentRequests} request(s) for {_sentNames} name(s), and GitHub applied {_appliedNames} name(s).", ex)
                {
                    IsTerminating = true,
                    RecommendedAction = $"Check what was sent with Get-CopilotSeatJournal -RunId {RunId}; free the journal or pass another -JournalPath, then send the rest again.",
                };
            }
        }

        /// <summary>Runs <paramref name="write"/> holding the lock file exclusively (other runs wait, up to <see cref="LockTimeout"/>).</summary>
        private void Locked(Action write)
        {
            var clock = Stopwatch.StartNew();
            int pause = 1;
            while (true)
            {
                FileStream held;
                try
                {
                    held = new FileStream(_lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
                }
                catch (IOException) when (clock.Elapsed < LockTimeout && File.Exists(_lockPath))
                {
                    Thread.Sleep(pause);
                    pause = Math.Min(pause * 2, 20);
                    continue;
                }
                using (held) write();
                return;
            }
        }

        private static bool IsFileProblem(Exception ex) =>
            ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException || ex is SecurityException;

        internal static CopilotException Unavailable(string path, Exception cause) =>
            new CopilotException("CopilotSeats.JournalUnavailable", CopilotErrorCategory.WriteError, path,
                $"The change journal '{path}' cannot be written ({Cause(cause)}), so no change was sent.", cause)
            {
                IsTerminating = true,
                RecommendedAction = "Pass -JournalPath with a writable file, or -NoJournal to change seats without a record.",
            };

        /// <summary>A file problem's message, as the cause in parentheses.</summary>
        internal static string Cause(Exception cause) => cause.Message.TrimEnd('.', ' ');

        public void Dispose() => _file.Dispose();
    }
}
