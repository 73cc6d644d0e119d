namespace CopilotSeats
{
    /// <summary>Where a line of a usage report is: the file (1-based, in the order of the report's download links) and the line in it (1-based).</summary>
    public sealed class CopilotReportLine(int file, long line)
    {
        public int File { get; } = file;
        public long Line { get; } = line;

        public override string ToString() => "file " + File.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + ", line " + Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
