using System;
using System.Collections.Generic;

namespace CopilotSeats.Api
{
    /// <summary>
    /// Inactive-seat logic. GitHub leaves last_activity_at null for a seat never used and resets it
    /// to null after 90 days without activity, so a seat's last sign of use is its last activity,
    /// else its creation (GitHub documents the fall back to created_at for seats never used).
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

        /// <summary>The seats of <paramref name="seats"/> that are inactive for <paramref name="days"/> days, in their order.</summary>
        public static IReadOnlyList<CopilotSeat> WhereInactive(IReadOnlyList<CopilotSeat> seats, int days, DateTimeOffset now)
        {
            if (seats is null) throw new ArgumentNullException(nameof(seats));
            var inactive = new List<CopilotSeat>(seats.Count);
            foreach (CopilotSeat seat in seats)
            {
                if (IsInactive(seat, days, now)) inactive.Add(seat);
            }
            return inactive;
        }

        /// <summary>The seats whose login matches none of <paramref name="exclude"/>, in their order.</summary>
        public static IReadOnlyList<CopilotSeat> WhereNotExcluded(IReadOnlyList<CopilotSeat> seats, NamePatterns exclude)
        {
            if (seats is null) throw new ArgumentNullException(nameof(seats));
            if (exclude is null || exclude.Count == 0) return seats;
            var kept = new List<CopilotSeat>(seats.Count);
            foreach (CopilotSeat seat in seats)
            {
                if (!exclude.Matches(seat.Login)) kept.Add(seat);
            }
            return kept;
        }
    }
}
