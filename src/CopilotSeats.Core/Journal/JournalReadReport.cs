namespace CopilotSeats.Journal
{
    /// <summary>
    /// What a read of the journal passed over, for one warning each: lines that are not journal lines (a file's last line,
    /// torn by a killed process, is not counted), and lines of a newer format this version cannot read (and their runs).
    /// </summary>
    public sealed class JournalReadReport
    {
        private readonly HashSet<Guid> _newerRuns = new HashSet<Guid>();

        public int Unreadable { get; private set; }
        public int Newer { get; private set; }
        /// <summary>The runs of the lines of a newer format (Guid.Empty for such a line without a readable run).</summary>
        public IReadOnlyCollection<Guid> NewerRuns => _newerRuns;

        internal void Skipped(Guid? newerRun)
        {
            if (newerRun is Guid run)
            {
                Newer++;
                _newerRuns.Add(run);
            }
            else Unreadable++;
        }

        /// <summary>One line per kind of thing passed over; none when the read was whole.</summary>
        public IEnumerable<string> Warnings()
        {
            if (Newer > 0)
                yield return $"{Newer} journal line(s) of a newer format (above v{JournalFormat.Version}) were skipped: update the CopilotSeats module to read them.";
            if (Unreadable > 0)
                yield return $"{Unreadable} line(s) of the journal are not journal lines and were skipped (edited by hand, or not a change journal?).";
        }
    }
}
