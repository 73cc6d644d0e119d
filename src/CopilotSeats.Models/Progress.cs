namespace CopilotSeats
{
    /// <summary>How far a listing has come: rows received so far of the total GitHub reports.</summary>
    public sealed class SeatListingProgress(SeatScope scope, int seatsSoFar, int totalSeats)
    {
        public SeatScope Scope { get; } = scope;
        public int SeatsSoFar { get; } = seatsSoFar;
        public int TotalSeats { get; } = totalSeats;

        /// <summary>0 to 100 (the total may change while the listing runs).</summary>
        public int PercentComplete => TotalSeats <= 0 ? 0 : Math.Min(100, (int)(100L * SeatsSoFar / TotalSeats));
    }

    /// <summary>How far a report download has come.</summary>
    public sealed class UsageDownloadProgress(string subject, int file, int files, long records, long bytesRead, long? bytesTotal, bool completed)
    {
        /// <summary>"users report of organization octo-org".</summary>
        public string Subject { get; } = subject;
        /// <summary>1-based file being read.</summary>
        public int File { get; } = file;
        public int Files { get; } = files;
        public long Records { get; } = records;
        /// <summary>Bytes of the current file read so far, and its length when the download host said.</summary>
        public long BytesRead { get; } = bytesRead;
        public long? BytesTotal { get; } = bytesTotal;
        public bool Completed { get; } = completed;

        /// <summary>0 to 100: finished files, plus the share of the current one when its length is known.</summary>
        public int PercentComplete
        {
            get
            {
                if (Files <= 0) return 0;
                double part = BytesTotal > 0 ? Math.Min(1.0, (double)BytesRead / BytesTotal.Value) : 0;
                return Math.Max(0, Math.Min(100, (int)(100 * ((File - 1) + part) / Files)));
            }
        }
    }
}
