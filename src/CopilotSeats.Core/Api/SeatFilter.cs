using System;

namespace CopilotSeats
{
    /// <summary>
    /// Inactive-seat logic. GitHub leaves last_activity_at null for a seat never used and resets it
    /// to null after 90 days without activity, so a seat's last sign of use is its last activity,
    /// else its creation (NOTES.md: "fall back to created_at").
    /// </summary>
    public static class SeatFilter
    {
        public static DateTimeOffset? LastUsed(CopilotSeat seat) => seat.LastActivityAt ?? seat.CreatedAt;

        /// <summary>True when the seat shows no use within <paramref name="days"/> days before <paramref name="now"/>.</summary>
        public static bool IsInactive(CopilotSeat seat, int days, DateTimeOffset now)
        {
            if (days < 1) throw new ArgumentOutOfRangeException(nameof(days), "days must be at least 1.");
            DateTimeOffset? last = LastUsed(seat);
            return last is null || last.Value < now.AddDays(-days);
        }
    }
}
