using CopilotSeats.Seats;
namespace CopilotSeats.Sync
{
    /// <summary>Whether a user the run may have added got their seat from it.</summary>
    public enum AddedCheck
    {
        /// <summary>An active direct seat granted at or after the add request: the run added it, so undo cancels it.</summary>
        Added,
        /// <summary>An active direct seat granted before the request: the user was seated before the run.</summary>
        SeatedBefore,
        /// <summary>No direct seat, or one already pending cancellation, or only a team's grant: nothing of the run's to cancel.</summary>
        NoActiveSeat,
        /// <summary>The lookup failed.</summary>
        Unchecked,
    }

    /// <summary>
    /// Tells a user the run added from one seated before it, by the seat's created_at (GitHub: when access was last granted),
    /// for the adds whose seats_created does not settle it (<see cref="UndoStep.RequestTime"/>).
    /// </summary>
    public static class AddedByRun
    {
        /// <summary>How far GitHub's clock may be behind ours: a seat granted this long before the request still counts as the run's.</summary>
        public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

        /// <summary>
        /// The verdict from the user's seat rows (<see cref="SeatLookup"/>; null: the lookup failed). Every active direct row must
        /// be granted since the request. At an enterprise only its own grant counts (<see cref="SeatRemoval.IsOwnGrant"/>): the
        /// cancel leaves the organizations' grants, which the run did not make.
        /// </summary>
        public static AddedCheck Judge(IReadOnlyList<CopilotSeat>? seats, DateTimeOffset requestTime, SeatScope? scope = null)
        {
            if (seats is null) return AddedCheck.Unchecked;
            var active = seats.Where(s => SeatRemoval.IsOwnGrant(scope, s) && s.PendingCancellationDate is null).ToList();
            if (active.Count == 0) return AddedCheck.NoActiveSeat;
            return active.All(s => s.CreatedAt >= requestTime - ClockSkew) ? AddedCheck.Added : AddedCheck.SeatedBefore;
        }

        /// <summary>One warning for the users left seated, by reason; null when there are none.</summary>
        public static string? Warning(IReadOnlyCollection<(string Name, AddedCheck Check)> kept)
        {
            if (kept.Count == 0) return null;
            var reasons = kept.GroupBy(k => k.Check).OrderBy(g => g.Key)
                .Select(g => Reason(g.Key) + ": " + string.Join(", ", g.Select(k => k.Name)));
            return $"{kept.Count} user(s) the run may have added are not cancelled ({string.Join("; ", reasons)}). "
                + "Check them with Get-CopilotSeat -UserName; cancel with Remove-CopilotUser.";
        }

        private static string Reason(AddedCheck check) => check switch
        {
            AddedCheck.SeatedBefore => "seated before the run",
            AddedCheck.NoActiveSeat => "no active direct seat",
            _ => "lookup failed",
        };
    }
}
