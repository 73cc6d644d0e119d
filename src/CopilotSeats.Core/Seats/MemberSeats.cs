namespace CopilotSeats.Seats
{
    /// <summary>
    /// Finds the seat rows of a known set of logins in one scope: the member lookup (GET .../members/{username}/copilot) for
    /// each, and where GitHub refuses that lookup (403: the enterprise member lookup is closed to GitHub Apps) or it fails
    /// otherwise (a 5xx after the retries: one failure is enough, not one per login) one listing of the scope's seats instead,
    /// which Apps may read, shared by every login after it. A 422 is about the login (GitHub: "User has a pending organization
    /// invitation"), not the lookup: it is thrown as that login's own error, with GitHub's words, as a 404 is; the listing would
    /// only say "no seat". Rows of another login in a lookup's answer are left out. Under an App's installation token
    /// an enterprise goes to the listing at once: GitHub documents the enterprise member lookup for classic tokens only
    /// (APPS-ENTERPRISE.md). The listing keeps only the rows of these logins, so memory follows them, not the size of the scope.
    /// </summary>
    public sealed class MemberSeats
    {
        private readonly CopilotClient _client;
        private readonly SeatScope _scope;
        private readonly HashSet<string> _logins;
        private readonly object _gate = new object();
        private Task<Dictionary<string, List<CopilotSeat>>>? _listing;
        private int _closed;

        public MemberSeats(CopilotClient client, SeatScope scope, IEnumerable<string> logins)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _scope = scope;
            _logins = new HashSet<string>(logins ?? throw new ArgumentNullException(nameof(logins)), StringComparer.OrdinalIgnoreCase);
            _closed = scope.Kind == ScopeKind.Enterprise && client.SignedInAsApp ? 1 : 0;
        }

        /// <summary>The login's rows (empty: no seat in the listing); the member lookup's own failures (404 included) are thrown as they come.</summary>
        public async Task<IReadOnlyList<CopilotSeat>> FindAsync(string login, CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _closed) == 0)
            {
                try
                {
                    IReadOnlyList<CopilotSeat> found = await _client.GetUserSeatAsync(_scope, login, cancellationToken).ConfigureAwait(false);
                    return found.Where(s => string.IsNullOrEmpty(s.Login) || string.Equals(s.Login, login, StringComparison.OrdinalIgnoreCase)).ToList();
                }
                catch (CopilotApiException ex) when (ex.StatusCode != 404 && ex.StatusCode != 422 && !BatchIsolation.IsFatal(ex))
                {
                    Volatile.Write(ref _closed, 1); // no more lookups: the listing answers for every login
                }
            }
            Dictionary<string, List<CopilotSeat>> rows = await Listing(cancellationToken).ConfigureAwait(false);
            return rows.TryGetValue(login, out List<CopilotSeat>? own) ? own : (IReadOnlyList<CopilotSeat>)Array.Empty<CopilotSeat>();
        }

        private Task<Dictionary<string, List<CopilotSeat>>> Listing(CancellationToken cancellationToken)
        {
            lock (_gate) return _listing ??= ListAsync(cancellationToken);
        }

        private async Task<Dictionary<string, List<CopilotSeat>>> ListAsync(CancellationToken cancellationToken)
        {
            var rows = new Dictionary<string, List<CopilotSeat>>(StringComparer.OrdinalIgnoreCase);
            await _client.ListSeatsAsync(_scope, (page, _) =>
            {
                lock (rows)
                {
                    foreach (CopilotSeat seat in page)
                    {
                        if (seat.Login is null || !_logins.Contains(seat.Login)) continue;
                        if (!rows.TryGetValue(seat.Login, out List<CopilotSeat>? own)) rows[seat.Login] = own = new List<CopilotSeat>();
                        own.Add(seat);
                    }
                }
                return Task.CompletedTask;
            }, CopilotDefaults.MaxPageSize, cancellationToken).ConfigureAwait(false);
            return rows;
        }
    }
}
