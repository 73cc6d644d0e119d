using CopilotSeats.Seats;

namespace CopilotSeats.Sync
{
    /// <summary>
    /// Looks up users' seats in one scope, at most ThrottleLimit member lookups at a time. Where GitHub refuses the lookup
    /// (403: the enterprise member lookup is closed to GitHub Apps), the users left are found in one listing of the seats
    /// instead, which Apps may read. Undo uses it before adding users again (<see cref="SeatRestore"/>) and before
    /// cancelling users a run may not have added (<see cref="AddedByRun"/>).
    /// </summary>
    public static class SeatLookup
    {
        /// <summary>Each login's seat rows (empty: no seat), or null where the lookup failed.</summary>
        public static async Task<IReadOnlyDictionary<string, IReadOnlyList<CopilotSeat>?>> FindAsync(CopilotClient client, SeatScope scope,
            IReadOnlyList<string> logins, int throttleLimit, CancellationToken cancellationToken)
        {
            var result = new Dictionary<string, IReadOnlyList<CopilotSeat>?>(StringComparer.OrdinalIgnoreCase);
            var refused = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            using var slots = new SemaphoreSlim(Math.Max(1, throttleLimit));
            async Task One(string login)
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    bool closed;
                    lock (result) closed = refused.Count > 0; // once refused, no more lookups
                    var (rows, wasRefused) = closed ? (null, true) : await LookUpAsync(client, scope, login, cancellationToken).ConfigureAwait(false);
                    lock (result)
                        if (wasRefused) refused.Add(login);
                        else result[login] = rows;
                }
                finally
                {
                    slots.Release();
                }
            }
            await Task.WhenAll(logins.Select(One)).ConfigureAwait(false);
            if (refused.Count > 0) await FindInListingAsync(client, scope, refused, result, cancellationToken).ConfigureAwait(false);
            return result;
        }

        /// <summary>The user's rows from the member lookup (404: none; null: it failed), or refused when GitHub refuses the lookup itself (403).</summary>
        private static async Task<(IReadOnlyList<CopilotSeat>? Rows, bool Refused)> LookUpAsync(CopilotClient client, SeatScope scope, string login,
            CancellationToken cancellationToken)
        {
            try
            {
                return (await client.GetUserSeatAsync(scope, login, cancellationToken).ConfigureAwait(false), false);
            }
            catch (CopilotApiException ex) when (ex.StatusCode == 404)
            {
                return (Array.Empty<CopilotSeat>(), false);
            }
            catch (CopilotApiException ex) when (ex.StatusCode == 403)
            {
                return (null, true);
            }
            catch (CopilotException ex) when (!BatchIsolation.IsFatal(ex))
            {
                return (null, false);
            }
        }

        /// <summary>Finds <paramref name="logins"/> in one seat listing of the scope, keeping only their rows; null for each when it fails too.</summary>
        private static async Task FindInListingAsync(CopilotClient client, SeatScope scope, HashSet<string> logins,
            Dictionary<string, IReadOnlyList<CopilotSeat>?> result, CancellationToken cancellationToken)
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
            foreach (var pair in rows) result[pair.Key] = listed ? pair.Value : null;
        }
    }
}
