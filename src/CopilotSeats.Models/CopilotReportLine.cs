namespace CopilotSeats
{
    /// <summary>Where a line of a usage report is: the file (1-based, in the order of the report's download links) and the line in it (1-based).</summary>
    public sealed class CopilotReportLine
    {
        public CopilotReportLine(int file, long line)
        {
            File = file;
            Line = line;
        }

        public int File { get; }
        public long Line { get; }

        public override string ToString() => "file " + File.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + ", line " + Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
