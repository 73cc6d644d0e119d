namespace CopilotSeats.Usage
{
    /// <summary>GitHub's answer to a report request: the signed download links and the days the report covers, or no data (204).</summary>
    public sealed class UsageReportLinks
    {
        public UsageReportLinks(IReadOnlyList<Uri> links, DateTime? day, DateTime? startDay, DateTime? endDay, bool noData)
        {
            Links = links; Day = day; StartDay = startDay; EndDay = endDay; NoData = noData;
        }

        /// <summary>Signed URLs: secrets (their query strings are credentials).</summary>
        public IReadOnlyList<Uri> Links { get; }
        /// <summary>report_day of a 1-day report.</summary>
        public DateTime? Day { get; }
        /// <summary>report_start_day of a 28-day report.</summary>
        public DateTime? StartDay { get; }
        /// <summary>report_end_day of a 28-day report.</summary>
        public DateTime? EndDay { get; }
        /// <summary>GitHub answered 204 (no data for that day) or gave no links.</summary>
        public bool NoData { get; }

        /// <summary>The last day the report covers.</summary>
        public DateTime? LastDay => EndDay ?? Day;

        public override string ToString() => $"{Links.Count} file(s)" + (StartDay.HasValue ? $", {UsageReportSpec.Text(StartDay.Value)}" : string.Empty)
            + (LastDay.HasValue ? $" to {UsageReportSpec.Text(LastDay.Value)}" : string.Empty);
    }

    /// <summary>What reading a report came to.</summary>
    public sealed class UsageReportResult
    {
        public UsageReportResult(UsageReportLinks links, long records, long badLines, int refreshes)
        {
            Links = links; Records = records; BadLines = badLines; Refreshes = refreshes;
        }

        public UsageReportLinks Links { get; }
        public long Records { get; }
        public long BadLines { get; }
        /// <summary>How often fresh links were asked for (an expired or refused link).</summary>
        public int Refreshes { get; }
    }
}
