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

    /// <summary>
    /// Looks up each user to be added again (at most ThrottleLimit lookups at a time), to say whether the seat is kept or
    /// a new one bought. Where GitHub refuses the lookup (403: the enterprise member lookup is closed to GitHub Apps), the
    /// users left are told apart from one listing of the seats instead, which Apps may read.
    /// </summary>
    public static class SeatRestore
    {
        public static async Task<IReadOnlyDictionary<string, (RestoreKind Kind, string? Until)>> CheckAsync(CopilotClient client, SeatScope scope,
            IReadOnlyList<string> logins, int throttleLimit, CancellationToken cancellationToken)
        {
            var result = new Dictionary<string, (RestoreKind, string?)>(StringComparer.OrdinalIgnoreCase);
            var refused = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            using var slots = new SemaphoreSlim(Math.Max(1, throttleLimit));
            async Task One(string login)
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    bool closed;
                    lock (result) closed = refused.Count > 0; // once refused, no more lookups
                    var verdict = closed ? null : await ClassifyAsync(client, scope, login, cancellationToken).ConfigureAwait(false);
                    lock (result)
                        if (verdict is { } found) result[login] = found;
                        else refused.Add(login);
                }
                finally
                {
                    slots.Release();
                }
            }
            await Task.WhenAll(logins.Select(One)).ConfigureAwait(false);
            if (refused.Count > 0) await ClassifyFromListingAsync(client, scope, refused, result, cancellationToken).ConfigureAwait(false);
            return result;
        }

        /// <summary>The user's verdict from the member lookup, or null when GitHub refuses the lookup itself (403).</summary>
        private static async Task<(RestoreKind, string?)?> ClassifyAsync(CopilotClient client, SeatScope scope, string login, CancellationToken cancellationToken)
        {
            try
            {
                return Classify(await client.GetUserSeatAsync(scope, login, cancellationToken).ConfigureAwait(false));
            }
            catch (CopilotApiException ex) when (ex.StatusCode == 404)
            {
                return (RestoreKind.NewSeat, null);
            }
            catch (CopilotApiException ex) when (ex.StatusCode == 403)
            {
                return null;
            }
            catch (CopilotException ex) when (!BatchIsolation.IsFatal(ex))
            {
                return (RestoreKind.Unchecked, null);
            }
        }

        /// <summary>Classifies <paramref name="logins"/> from one seat listing of the scope, keeping only their rows; Unchecked when it fails too.</summary>
        private static async Task ClassifyFromListingAsync(CopilotClient client, SeatScope scope, HashSet<string> logins,
            Dictionary<string, (RestoreKind, string?)> result, CancellationToken cancellationToken)
        {
            var rows = logins.ToDictionary(login => login, _ => new List<CopilotSeat>(), StringComparer.OrdinalIgnoreCase);
            bool listed = true;
            try
            {
                await client.ListSeatsAsync(scope, (page, ct) =>
                {
                    lock (rows) foreach (CopilotSeat seat in page) if (seat.Login != null && rows.TryGetValue(seat.Login, out var own)) own.Add(seat);
                    return Task.CompletedTask;
                }, CopilotDefaults.MaxPageSize, cancellationToken).ConfigureAwait(false);
            }
            catch (CopilotException ex) when (!BatchIsolation.IsFatal(ex))
            {
                listed = false;
            }
            foreach (var pair in rows) result[pair.Key] = listed ? Classify(pair.Value) : (RestoreKind.Unchecked, null);
        }

        /// <summary>A user's verdict from their seat rows (none: the cancelled seat has ended).</summary>
        private static (RestoreKind, string?) Classify(IEnumerable<CopilotSeat> seats)
        {
            var direct = seats.Where(s => string.IsNullOrWhiteSpace(s.AssigningTeam)).ToList();
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
