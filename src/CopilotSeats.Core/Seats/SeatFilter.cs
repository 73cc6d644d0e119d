namespace CopilotSeats.Seats
{
    /// <summary>
    /// Inactive-seat logic. GitHub leaves last_activity_at null for a seat never used and resets it
    /// to null after 90 days without activity, so a seat's last sign of use is its last activity,
    /// else its creation (GitHub documents the fall back to created_at for seats never used).
    /// </summary>
    /// <remarks>
    /// One number decides: <see cref="DaysInactive"/>, the whole days since that last sign of use. A seat
    /// is inactive for <c>days</c> when that number is at least <c>days</c> (or when it has neither date).
    /// Counting from creation builds in a grace period: a seat created N days ago is never inactive for
    /// more than N days.
    /// </remarks>
    public static class SeatFilter
    {
        public static DateTimeOffset? LastUsed(CopilotSeat seat) => seat.LastActivityAt ?? seat.CreatedAt;

        /// <summary>Whole days from the seat's last use (activity, else creation) to <paramref name="now"/>; 0 for a date after now; null without either date.</summary>
        public static int? DaysInactive(CopilotSeat seat, DateTimeOffset now)
        {
            if (seat is null) throw new ArgumentNullException(nameof(seat));
            DateTimeOffset? last = LastUsed(seat);
            if (last is null) return null;
            long days = (now - last.Value).Ticks / TimeSpan.TicksPerDay;
            return days <= 0 ? 0 : days >= int.MaxValue ? int.MaxValue : (int)days;
        }

        /// <summary>True when <paramref name="daysInactive"/> (see <see cref="DaysInactive"/>) means inactive for <paramref name="days"/> days.</summary>
        public static bool IsInactive(int? daysInactive, int days)
        {
            if (days < 1) throw new ArgumentOutOfRangeException(nameof(days), "days must be at least 1.");
            return daysInactive is null || daysInactive.Value >= days;
        }

        /// <summary>True when the seat shows no use within <paramref name="days"/> days before <paramref name="now"/>.</summary>
        public static bool IsInactive(CopilotSeat seat, int days, DateTimeOffset now) => IsInactive(DaysInactive(seat, now), days);

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

        /// <summary>
        /// What Get-CopilotSeat writes: every seat with <see cref="CopilotSeat.DaysInactive"/> set for
        /// <paramref name="now"/>; with <paramref name="inactiveDays"/> above 0 only those inactive for
        /// that many days (by that same number), in their order.
        /// </summary>
        public static IReadOnlyList<CopilotSeat> Stamp(IReadOnlyList<CopilotSeat> seats, int inactiveDays, DateTimeOffset now)
        {
            if (seats is null) throw new ArgumentNullException(nameof(seats));
            if (inactiveDays < 0) throw new ArgumentOutOfRangeException(nameof(inactiveDays), "inactiveDays must not be negative.");
            List<CopilotSeat>? kept = inactiveDays > 0 ? new List<CopilotSeat>(seats.Count) : null;
            foreach (CopilotSeat seat in seats)
            {
                seat.DaysInactive = DaysInactive(seat, now);
                if (kept != null && IsInactive(seat.DaysInactive, inactiveDays)) kept.Add(seat);
            }
            return kept ?? seats;
        }
    }
}
