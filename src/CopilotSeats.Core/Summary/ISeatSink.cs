namespace CopilotSeats.Summary
{
    /// <summary>
    /// Where the seat-consuming cmdlets (Measure-CopilotSeat, Export-CopilotSeatReport) put the seats they are piped
    /// or list themselves, a page at a time: <see cref="SeatSummarizer"/> and <see cref="Reports.SeatReportBuilder"/>.
    /// Add may be called from any thread, one page at a time or concurrently.
    /// </summary>
    public interface ISeatSink
    {
        /// <summary>Counts the seats (null rows are skipped).</summary>
        void Add(IEnumerable<CopilotSeat> seats);
    }
}
