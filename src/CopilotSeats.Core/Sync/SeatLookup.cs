using CopilotSeats.Seats;

namespace CopilotSeats.Sync
{
    /// <summary>
    /// Looks up users' seats in one scope, at most ThrottleLimit member lookups at a time (the same ordered window as per-user
    /// budgets and spend), through <see cref="MemberSeats"/>: where GitHub refuses the lookup (403: the enterprise member lookup
    /// is closed to GitHub Apps), the users left are found in one listing of the seats instead. Undo uses it before adding
    /// users again (<see cref="SeatRestore"/>) and before cancelling users a run may not have added (<see cref="AddedByRun"/>).
    /// </summary>
    public static class SeatLookup
    {
        /// <summary>Each login's seat rows (empty: no seat), or null where the lookup failed.</summary>
        public static async Task<IReadOnlyDictionary<string, IReadOnlyList<CopilotSeat>?>> FindAsync(CopilotClient client, SeatScope scope,
            IReadOnlyList<string> logins, int throttleLimit, CancellationToken cancellationToken)
        {
            var result = new Dictionary<string, IReadOnlyList<CopilotSeat>?>(StringComparer.OrdinalIgnoreCase);
            var seats = new MemberSeats(client, scope, logins);
            var window = new OrderedWindow<Found>(throttleLimit, (found, _) =>
            {
                result[found.Login] = found.Rows;
                return Task.CompletedTask;
            });
            foreach (string login in logins)
                await window.AddAsync(async () => new Found(login, await FindOneAsync(seats, login, cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
            await window.CompleteAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }

        /// <summary>One login's answer: its rows (empty: none), or null when the lookup failed.</summary>
        private sealed class Found(string login, IReadOnlyList<CopilotSeat>? rows)
        {
            public string Login { get; } = login;
            public IReadOnlyList<CopilotSeat>? Rows { get; } = rows;
        }

        /// <summary>The user's rows (404: none; null: the lookup failed); a fatal failure is thrown.</summary>
        private static async Task<IReadOnlyList<CopilotSeat>?> FindOneAsync(MemberSeats seats, string login, CancellationToken cancellationToken)
        {
            try
            {
                return await seats.FindAsync(login, cancellationToken).ConfigureAwait(false);
            }
            catch (CopilotApiException ex) when (ex.StatusCode == 404)
            {
                return Array.Empty<CopilotSeat>();
            }
            catch (CopilotException ex) when (!BatchIsolation.IsFatal(ex))
            {
                return null;
            }
        }
    }
}
