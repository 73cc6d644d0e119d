namespace CopilotSeats
{
    /// <summary>One Copilot seat grant. Scalar properties only, so Export-Csv gives clean columns.</summary>
    public sealed class CopilotSeat
    {
        public string? Login { get; set; }
        public long? UserId { get; set; }
        public string? AssigneeType { get; set; }
        public string? Organization { get; set; }
        public string? Enterprise { get; set; }
        /// <summary>Team or enterprise-team slug that granted the seat; null for a direct grant.</summary>
        public string? AssigningTeam { get; set; }
        public string? PlanType { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? LastActivityAt { get; set; }
        public string? LastActivityEditor { get; set; }
        public DateTimeOffset? LastAuthenticatedAt { get; set; }
        public DateTimeOffset? PendingCancellationDate { get; set; }
        /// <summary>
        /// Whole days since <see cref="LastActivityAt"/>, else since <see cref="CreatedAt"/>, when the seat was
        /// written; null when both are missing. The number -InactiveDays compares with (inactive when at least that many).
        /// </summary>
        public int? DaysInactive { get; set; }

        // Usage (Get-CopilotSeat -IncludeUsage): from the latest 28-day users usage report; null without the switch.
        /// <summary>Days of the report on which the user was active.</summary>
        public int? UsageActiveDays { get; set; }
        /// <summary>The last day of the report on which the user was active; null when none was.</summary>
        public System.DateTime? UsageLastActiveDay { get; set; }
        /// <summary>User-initiated interactions over the report.</summary>
        public long? UsageInteractions { get; set; }
        /// <summary>AI credits used over the report (0 when its records carry none for the user).</summary>
        public decimal? UsageAiCreditsUsed { get; set; }
        /// <summary>The last day the report covers.</summary>
        public System.DateTime? UsageReportEndDay { get; set; }

        public override string ToString() => Login ?? string.Empty;
    }
}
