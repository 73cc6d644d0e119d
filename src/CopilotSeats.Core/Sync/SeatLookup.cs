using CopilotSeats.Seats;

namespace CopilotSeats.Sync
{
    /// <summary>
    /// Looks up users' seats in one scope, at most ThrottleLimit member lookups at a time (the same ordered window as per-user budgets and spend). Where GitHub refuses the lookup
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
            int closed = 0; // set by the first refusal: no more lookups
            var window = new OrderedWindow<Found>(throttleLimit, (found, _) =>
            {
                if (found.Refused) refused.Add(found.Login);
                else result[found.Login] = found.Rows;
                return Task.CompletedTask;
            });
            foreach (string login in logins)
            {
                await window.AddAsync(async () =>
                {
                    if (Volatile.Read(ref closed) != 0) return new Found(login, null, true);
                    var (rows, wasRefused) = await LookUpAsync(client, scope, login, cancellationToken).ConfigureAwait(false);
                    if (wasRefused) Volatile.Write(ref closed, 1);
                    return new Found(login, rows, wasRefused);
                }, cancellationToken).ConfigureAwait(false);
            }
            await window.CompleteAsync(cancellationToken).ConfigureAwait(false);
            if (refused.Count > 0) await FindInListingAsync(client, scope, refused, result, cancellationToken).ConfigureAwait(false);
            return result;
        }

        /// <summary>One login's answer: its rows (null: the lookup failed), or refused (403: GitHub closed the lookup).</summary>
        private sealed class Found(string login, IReadOnlyList<CopilotSeat>? rows, bool refused)
        {
            public string Login { get; } = login;
            public IReadOnlyList<CopilotSeat>? Rows { get; } = rows;
            public bool Refused { get; } = refused;
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
