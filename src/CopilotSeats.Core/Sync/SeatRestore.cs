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
        /// <summary>
        /// GitHub cancelled fewer seats than names in the run's request, and no seat of the target's own grant is pending
        /// cancellation: the run may not have cancelled this user, so adding them again could buy a seat nobody lost.
        /// </summary>
        Unproven,
    }

    /// <summary>What adding a cancelled user again does, from the user's seat rows (<see cref="SeatLookup"/>).</summary>
    public static class SeatRestore
    {
        /// <summary>
        /// A user's verdict from their seat rows (none: the cancelled seat has ended; null: the lookup failed). With
        /// <paramref name="cancelUnconfirmed"/> (<see cref="UndoStep.CancelUnconfirmed"/>) only a pending seat of the target's
        /// own grant proves the run's cancel: anything else but an active seat is Unproven.
        /// </summary>
        public static (RestoreKind Kind, string? Until) Classify(IReadOnlyList<CopilotSeat>? seats, SeatScope? scope = null, bool cancelUnconfirmed = false)
        {
            (RestoreKind Kind, string? Until) verdict = Verdict(seats, scope);
            return cancelUnconfirmed && verdict.Kind is RestoreKind.NewSeat or RestoreKind.Unchecked ? (RestoreKind.Unproven, null) : verdict;
        }

        private static (RestoreKind Kind, string? Until) Verdict(IReadOnlyList<CopilotSeat>? seats, SeatScope? scope)
        {
            if (seats is null) return (RestoreKind.Unchecked, null);
            var direct = seats.Where(s => SeatRemoval.IsOwnGrant(scope, s)).ToList(); // at an enterprise, its own grant: the one its add restores
            DateTimeOffset? pending = direct.Select(s => s.PendingCancellationDate).FirstOrDefault(d => d != null);
            // A pending direct grant needs the add even beside an active one (an enterprise user's other grant), or it ends with the cycle.
            if (pending != null) return (RestoreKind.KeepsSeat, pending.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            return direct.Count > 0 ? (RestoreKind.Seated, null) : (RestoreKind.NewSeat, null);
        }

        /// <summary>The one warning naming the users not added again because the run's cancel is unproven; null for none.</summary>
        public static string? Warning(IReadOnlyCollection<string> unproven) => unproven.Count == 0 ? null
            : $"{unproven.Count} user(s) the run may not have cancelled are not added again ({string.Join(", ", unproven)}): GitHub cancelled fewer seats "
              + "than names in the run's request, and no seat of theirs was found pending cancellation. Check them with Get-CopilotSeat -UserName; add with Add-CopilotUser.";

        /// <summary>What adding the user again does, for ShouldProcess and the messages.</summary>
        public static string Describe(RestoreKind kind, string? until) => kind switch
        {
            RestoreKind.KeepsSeat => "keeps the seat pending cancellation" + (until is null ? string.Empty : ", which would have ended on " + until),
            RestoreKind.NewSeat => "buys a new seat: the cancelled one has ended with its billing cycle",
            RestoreKind.Seated => "nothing to do: the user has an active seat",
            RestoreKind.Unproven => "not added again: GitHub cancelled fewer seats than names in the run's request, and no seat of theirs is pending cancellation",
            _ => "the seat could not be looked up: it is kept if still pending cancellation, else a new one is bought",
        };
    }
}
