namespace CopilotSeats.Summary
{
    /// <summary>
    /// The <see cref="ISeatSink"/> that <see cref="SeatSummarizer"/> and <see cref="Reports.SeatReportBuilder"/> share:
    /// Add from any thread, each seat counted under <see cref="Sync"/>.
    /// </summary>
    public abstract class SeatSink : ISeatSink
    {
        /// <summary>Held while a seat is counted; a sink takes it too to read its figures.</summary>
        protected object Sync { get; } = new object();

        /// <summary>Counts the seats (null rows are skipped).</summary>
        public void Add(IEnumerable<CopilotSeat> seats)
        {
            if (seats is null) throw new ArgumentNullException(nameof(seats));
            lock (Sync)
            {
                foreach (CopilotSeat seat in seats) AddLocked(seat);
            }
        }

        /// <summary>Counts one seat (a null row is skipped).</summary>
        public void Add(CopilotSeat seat)
        {
            lock (Sync) AddLocked(seat);
        }

        /// <summary>Counts one seat, <see cref="Sync"/> held; a null row is skipped.</summary>
        protected abstract void AddLocked(CopilotSeat seat);
    }
}
