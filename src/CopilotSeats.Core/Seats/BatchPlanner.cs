namespace CopilotSeats.Seats
{
    /// <summary>Splits requested names into requests of at most 100, de-duplicated case-insensitively in first-seen order.</summary>
    public static class BatchPlanner
    {
        public static IReadOnlyList<string[]> Plan(IEnumerable<string> names, int batchSize = CopilotDefaults.BatchSize)
        {
            if (batchSize < 1 || batchSize > CopilotDefaults.BatchSize)
                throw new ArgumentOutOfRangeException(nameof(batchSize), $"Batch size must be between 1 and {CopilotDefaults.BatchSize}.");
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var batches = new List<string[]>();
            var current = new List<string>(batchSize);
            foreach (string name in names)
            {
                if (!seen.Add(name)) continue;
                current.Add(name);
                if (current.Count == batchSize)
                {
                    batches.Add(current.ToArray());
                    current.Clear();
                }
            }
            if (current.Count > 0) batches.Add(current.ToArray());
            return batches;
        }
    }
}
