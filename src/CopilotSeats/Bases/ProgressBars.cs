using System.Globalization;
using CopilotSeats.Http;
using CopilotSeats.Usage;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// The progress bars of one command: the rate-limit wait, the seat listing, the batches of a seat change and the
    /// usage report download, each with its own activity id. Every method runs on the pipeline thread (the cmdlet
    /// posts to it); the bars still open are remembered so that <see cref="CompleteAll"/> can close them.
    /// </summary>
    internal sealed class ProgressBars
    {
        private const int RateLimitActivityId = 0x436F70; // "Cop"
        private const int ListingActivityId = RateLimitActivityId + 1;
        private const int BatchActivityId = RateLimitActivityId + 2;
        private const int UsageActivityId = RateLimitActivityId + 3;
        private const int CreditsActivityId = RateLimitActivityId + 4;

        private readonly Action<ProgressRecord> _write;
        private readonly Dictionary<int, string> _open = new Dictionary<int, string>(); // activity id -> activity

        /// <param name="write">The cmdlet's WriteProgress.</param>
        public ProgressBars(Action<ProgressRecord> write)
        {
            _write = write ?? throw new ArgumentNullException(nameof(write));
        }

        public void Listing(SeatListingProgress progress) =>
            Show(ListingActivityId, "Listing the Copilot seats of the " + progress.Scope,
                $"{progress.SeatsSoFar:N0} of {progress.TotalSeats:N0} seats", progress.PercentComplete);

        /// <summary>Batch <paramref name="number"/> of <paramref name="count"/> of a change.</summary>
        public void Batch(string activity, int number, int count) =>
            Show(BatchActivityId, activity, $"Batch {number} of {count}", (int)(100L * (number - 1) / count));

        public void Usage(UsageDownloadProgress progress)
        {
            string activity = "Downloading the Copilot " + progress.Subject;
            if (progress.Completed)
            {
                if (!_open.Remove(UsageActivityId)) return;
                _write(new ProgressRecord(UsageActivityId, activity, $"{progress.Records:N0} records") { RecordType = ProgressRecordType.Completed });
                return;
            }
            Show(UsageActivityId, activity, $"File {progress.File} of {progress.Files}, {progress.Records:N0} records", progress.PercentComplete);
        }

        /// <summary>Per-user AI-credit reports handed on so far, of <paramref name="total"/> when known.</summary>
        public void Credits(int done, int? total) =>
            Show(CreditsActivityId, "Reading the AI-credit usage per user", total is int all ? $"{done:N0} of {all:N0} users" : $"{done:N0} users",
                total > 0 ? (int)(100L * done / total.Value) : 0);

        public void RateLimitWait(RateLimitWaitInfo info)
        {
            const string activity = "Waiting for GitHub's rate limit";
            if (info.Completed)
            {
                if (!_open.Remove(RateLimitActivityId)) return;
                _write(new ProgressRecord(RateLimitActivityId, activity, "Resuming") { RecordType = ProgressRecordType.Completed });
                return;
            }
            string until = info.Until.ToLocalTime().ToString("T", CultureInfo.CurrentCulture);
            var record = new ProgressRecord(RateLimitActivityId, activity, $"{info.Reason}; resuming at {until}")
            {
                SecondsRemaining = (int)Math.Ceiling(Math.Max(0, info.Remaining.TotalSeconds)),
            };
            if (info.Total > TimeSpan.Zero)
            {
                double done = 1 - info.Remaining.TotalSeconds / info.Total.TotalSeconds;
                record.PercentComplete = Math.Max(0, Math.Min(100, (int)(done * 100)));
            }
            _open[RateLimitActivityId] = activity;
            _write(record);
        }

        /// <summary>Completes every bar still open (when the command ends, fails or is stopped; where the stopping pipeline refuses the write, the host clears the bars itself).</summary>
        public void CompleteAll()
        {
            if (_open.Count == 0) return;
            var open = new List<KeyValuePair<int, string>>(_open);
            _open.Clear();
            try
            {
                foreach (KeyValuePair<int, string> bar in open)
                    _write(new ProgressRecord(bar.Key, bar.Value, "Done") { RecordType = ProgressRecordType.Completed });
            }
            catch (PipelineStoppedException) { } // PowerShell refuses writes once stopping; the host then clears the bars itself.
        }

        private void Show(int id, string activity, string status, int percent)
        {
            _open[id] = activity;
            _write(new ProgressRecord(id, activity, status) { PercentComplete = Math.Max(0, Math.Min(100, percent)) });
        }
    }
}
