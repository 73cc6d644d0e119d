using System.Globalization;
using CopilotSeats.Seats;

namespace CopilotSeats.Sync
{
    /// <summary>What adding a cancelled user again does.</summary>
    public enum RestoreKind
    {
        /// <summary>The seat is still pending cancellation: adding the user again keeps it (no new seat).</summary>
        KeepsSeat,
        /// <summary>No seat any more (past the end of the billing cycle): adding the user buys a new seat.</summary>
        NewSeat,
        /// <summary>The user has an active seat already: nothing to restore.</summary>
        Seated,
        /// <summary>The lookup failed: which of the two it is is not known.</summary>
        Unchecked,
    }

    /// <summary>What adding a cancelled user again does, from the user's seat rows (<see cref="SeatLookup"/>).</summary>
    public static class SeatRestore
    {
        /// <summary>A user's verdict from their seat rows (none: the cancelled seat has ended; null: the lookup failed).</summary>
        public static (RestoreKind Kind, string? Until) Classify(IReadOnlyList<CopilotSeat>? seats, SeatScope? scope = null)
        {
            if (seats is null) return (RestoreKind.Unchecked, null);
            var direct = seats.Where(s => SeatRemoval.IsOwnGrant(scope, s)).ToList(); // at an enterprise, its own grant: the one its add restores
            DateTimeOffset? pending = direct.Select(s => s.PendingCancellationDate).FirstOrDefault(d => d != null);
            // A pending direct grant needs the add even beside an active one (an enterprise user's other grant), or it ends with the cycle.
            if (pending != null) return (RestoreKind.KeepsSeat, pending.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            return direct.Count > 0 ? (RestoreKind.Seated, null) : (RestoreKind.NewSeat, null);
        }

        /// <summary>What adding the user again does, for ShouldProcess and the messages.</summary>
        public static string Describe(RestoreKind kind, string? until) => kind switch
        {
            RestoreKind.KeepsSeat => "keeps the seat pending cancellation" + (until is null ? string.Empty : ", which would have ended on " + until),
            RestoreKind.NewSeat => "buys a new seat: the cancelled one has ended with its billing cycle",
            RestoreKind.Seated => "nothing to do: the user has an active seat",
            _ => "the seat could not be looked up: it is kept if still pending cancellation, else a new one is bought",
        };
    }
}
