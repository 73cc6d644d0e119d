using System;

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

        /// <summary>Identity of the grant: assignee plus where the seat came from (used to de-duplicate listings).</summary>
        internal string GrantKey =>
            (UserId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Login ?? string.Empty).ToLowerInvariant()
            + "|" + (Organization ?? string.Empty).ToLowerInvariant()
            + "|" + (AssigningTeam ?? string.Empty).ToLowerInvariant();

        public override string ToString() => Login ?? string.Empty;
    }
}
