namespace CopilotSeats
{
    /// <summary>What a plan does with one login (Compare-CopilotSeat, Sync-CopilotSeat).</summary>
    public enum CopilotSeatPlanAction
    {
        /// <summary>Wanted, no seat: added.</summary>
        Add,
        /// <summary>A direct seat, not wanted: cancelled.</summary>
        Remove,
        /// <summary>Wanted, the seat is pending cancellation: added again, which keeps the seat.</summary>
        Restore,
        /// <summary>Wanted and seated (written with -IncludeEqual only).</summary>
        Keep,
        /// <summary>Not wanted, but the seat comes from a team (or, in an enterprise, an organization's direct grant): the cancel at this target cannot reach it.</summary>
        Conflict,
        /// <summary>Excluded, inside the grace period, or already pending cancellation and not wanted.</summary>
        Skip,
    }

    /// <summary>
    /// One login of a desired-state plan. Scalar properties only, so Export-Csv and Import-Csv round-trip it and
    /// an imported row binds back into Sync-CopilotSeat by property name (Action, Login, Organization, Enterprise).
    /// When <see cref="Enterprise"/> is set the plan targets the enterprise, and <see cref="Organization"/> is where the grant lives.
    /// </summary>
    public sealed class CopilotSeatPlanItem
    {
        public CopilotSeatPlanAction Action { get; set; }
        public string Login { get; set; } = string.Empty;
        public string? Organization { get; set; }
        public string? Enterprise { get; set; }
        /// <summary>Team or enterprise-team slug that granted the seat; null for a direct grant or no seat.</summary>
        public string? AssigningTeam { get; set; }
        public DateTimeOffset? LastActivityAt { get; set; }
        /// <summary>Whole days since the last activity, else since the seat's creation; null without a seat.</summary>
        public int? DaysInactive { get; set; }
        public DateTimeOffset? PendingCancellationDate { get; set; }
        /// <summary>Why, in one short sentence.</summary>
        public string Reason { get; set; } = string.Empty;

        public override string ToString() => $"{Action} {Login}";
    }
}
