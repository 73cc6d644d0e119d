namespace CopilotSeats
{
    /// <summary>How far a listing has come: rows received so far of the total GitHub reports.</summary>
    public sealed class SeatListingProgress
    {
        public SeatListingProgress(SeatScope scope, int seatsSoFar, int totalSeats)
        {
            Scope = scope;
            SeatsSoFar = seatsSoFar;
            TotalSeats = totalSeats;
        }

        public SeatScope Scope { get; }
        public int SeatsSoFar { get; }
        public int TotalSeats { get; }

        /// <summary>0 to 100 (the total may change while the listing runs).</summary>
        public int PercentComplete => TotalSeats <= 0 ? 0 : Math.Min(100, (int)(100L * SeatsSoFar / TotalSeats));
    }

    /// <summary>How far a report download has come.</summary>
    public sealed class UsageDownloadProgress
    {
        public UsageDownloadProgress(string subject, int file, int files, long records, long bytesRead, long? bytesTotal, bool completed)
        {
            Subject = subject; File = file; Files = files; Records = records; BytesRead = bytesRead; BytesTotal = bytesTotal; Completed = completed;
        }

        /// <summary>"users report of organization octo-org".</summary>
        public string Subject { get; }
        /// <summary>1-based file being read.</summary>
        public int File { get; }
        public int Files { get; }
        public long Records { get; }
        /// <summary>Bytes of the current file read so far, and its length when the download host said.</summary>
        public long BytesRead { get; }
        public long? BytesTotal { get; }
        public bool Completed { get; }

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
