using CopilotSeats.Journal;

namespace CopilotSeats.Sync
{
    /// <summary>
    /// What the journal says happened to names after the runs being undone, read in the same newest-first pass as the runs'
    /// own entries: per (target, type, name) the Applied seat changes of other runs, newest first, among them any earlier undo of
    /// one of the runs (undo_of). <see cref="UndoPlan"/> leaves such names alone, so undoing a run twice, or after a later
    /// deliberate change, does not reverse the later decision. Every other run's change is kept, whatever its time: runs being
    /// undone together, or overlapping with other runs (two runbooks on one journal), interleave in the file. Memory follows the
    /// journal's Applied seat changes of other runs (one small object each), read once.
    /// </summary>
    public sealed class UndoHistory
    {
        private readonly ICollection<Guid> _runs;
        private readonly Dictionary<string, Later> _later = new Dictionary<string, Later>(StringComparer.OrdinalIgnoreCase);
        /// <summary>The runs being undone that the journal holds lines of, or an undo of (undo_of).</summary>
        private readonly HashSet<Guid> _known = new HashSet<Guid>();

        /// <param name="runs">The runs being undone.</param>
        public UndoHistory(ICollection<Guid> runs) => _runs = runs ?? throw new ArgumentNullException(nameof(runs));

        private sealed class Later
        {
            /// <summary>Other runs' Applied changes of the name, newest first (as read).</summary>
            public List<CopilotJournalEntry> Changes { get; } = new List<CopilotJournalEntry>();
        }

        /// <summary>
        /// Takes the next entry read (newest first): true when it is an entry of the runs being undone; otherwise an Applied seat
        /// change is remembered under its name (<see cref="UndoneBy"/> and <see cref="ChangedSince"/> read them).
        /// </summary>
        public bool Take(CopilotJournalEntry entry)
        {
            if (entry is null) throw new ArgumentNullException(nameof(entry));
            if (_runs.Contains(entry.RunId))
            {
                _known.Add(entry.RunId);
                return true;
            }
            if (entry.UndoOf is Guid undone && _runs.Contains(undone)) _known.Add(undone);
            if (entry.Outcome != JournalFormat.Applied || UndoPlan.KeyOf(entry) is not string key) return false;
            if (!_later.TryGetValue(key, out Later? later)) _later[key] = later = new Later();
            later.Changes.Add(entry);
            return false;
        }

        /// <summary>
        /// Whether the journal read says anything about <paramref name="entries"/> (piped, perhaps from another journal): lines of
        /// their runs, an undo of one of them (undo_of), or a change of another run to one of their names (same target, same
        /// assignee type) recorded after the entry. False when it holds none of that, so what changed since them went unchecked.
        /// </summary>
        public bool Concerns(IEnumerable<CopilotJournalEntry> entries) => entries.Any(e => e != null && (_known.Contains(e.RunId)
            || UndoPlan.KeyOf(e) is string key && _later.TryGetValue(key, out Later? later) && later.Changes.Any(c => c.Time > e.Time)));

        /// <summary>The newest entry of an undo of <paramref name="entry"/>'s run that already reversed its name; null when there is none.</summary>
        internal CopilotJournalEntry? UndoneBy(CopilotJournalEntry entry, string key) =>
            _later.TryGetValue(key, out Later? later) ? later.Changes.FirstOrDefault(c => c.UndoOf == entry.RunId) : null;

        /// <summary>
        /// The newest change of another run to the entry's name made after it that still stands; null when there is none.
        /// A change an undo reversed later, and that undo, do not count: B adds, then an undo of B cancels, and the seat is as
        /// <paramref name="entry"/>'s run left it. An undo of a run older than the entry does count: it changed the seat since.
        /// </summary>
        internal CopilotJournalEntry? ChangedSince(CopilotJournalEntry entry, string key)
        {
            if (!_later.TryGetValue(key, out Later? later)) return null;
            List<CopilotJournalEntry> since = later.Changes.Where(c => c.Time > entry.Time).ToList();
            var reversed = new HashSet<Guid>(); // runs whose change a newer undo in the window reversed
            foreach (CopilotJournalEntry change in since) // newest first
            {
                if (reversed.Remove(change.RunId)) continue;
                if (change.UndoOf is Guid undone && since.Any(c => c.RunId == undone && c.Time <= change.Time))
                {
                    reversed.Add(undone);
                    continue;
                }
                return change;
            }
            return null;
        }

        /// <summary>One warning for the names an earlier undo of the run reversed, with that undo's run; null when there are none.</summary>
        public static string? UndoneWarning(IReadOnlyCollection<(string Name, CopilotJournalEntry By)> names) => names.Count == 0 ? null
            : $"{names.Count} name(s) an earlier undo of this run already reversed are left alone: {ByRun(names)}. Change the seat directly if it must change again.";

        /// <summary>One warning for the names a later run changed, with the run that changed each; null when there are none.</summary>
        public static string? ChangedWarning(IReadOnlyCollection<(string Name, CopilotJournalEntry By)> names) => names.Count == 0 ? null
            : $"{names.Count} name(s) a later run changed are left alone: {ByRun(names)}. Undo that later run instead, or change the seat directly.";

        /// <summary>"a, b by run &lt;id&gt; (command); c by run ...".</summary>
        private static string ByRun(IEnumerable<(string Name, CopilotJournalEntry By)> names) => string.Join("; ",
            names.GroupBy(n => n.By.RunId).Select(g => $"{string.Join(", ", g.Select(n => n.Name))} by run {g.Key} ({g.First().By.Command})"));
    }
}
