namespace CopilotSeats
{
    /// <summary>
    /// One user on one day of a GitHub Copilot users usage report (users-1-day or users-28-day). Scalar
    /// properties only, so Export-Csv gives one clean row per user and day.
    /// </summary>
    public sealed class CopilotUserUsage
    {
        public string? Organization { get; set; }
        public string? Enterprise { get; set; }
        /// <summary>The report day (date only).</summary>
        public DateTime? Day { get; set; }
        public string? Login { get; set; }
        public long? UserId { get; set; }
        /// <summary>user_initiated_interaction_count.</summary>
        public long Interactions { get; set; }
        /// <summary>code_generation_activity_count.</summary>
        public long CodeGenerations { get; set; }
        /// <summary>code_acceptance_activity_count.</summary>
        public long CodeAcceptances { get; set; }
        public long LinesSuggestedToAdd { get; set; }
        public long LinesSuggestedToDelete { get; set; }
        public long LinesAdded { get; set; }
        public long LinesDeleted { get; set; }
        public bool UsedChat { get; set; }
        public bool UsedAgent { get; set; }
        public bool UsedCli { get; set; }
        /// <summary>Any of the three activity counts above zero, or any Used* flag set.</summary>
        public bool Active { get; set; }
        /// <summary>Distinct IDE names of totals_by_ide, sorted, joined with ", ".</summary>
        public string? Ides { get; set; }
        /// <summary>Distinct feature names of totals_by_feature, sorted, joined with ", ".</summary>
        public string? Features { get; set; }
        /// <summary>ai_credits_used; null when the record has none.</summary>
        public decimal? AiCreditsUsed { get; set; }

        public override string ToString() => (Login ?? string.Empty) + (Day.HasValue ? " " + Day.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
    }
}
