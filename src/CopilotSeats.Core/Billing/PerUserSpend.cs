using CopilotSeats.Seats;
using CopilotSeats.Http;

namespace CopilotSeats.Billing
{
    /// <summary>One user's report: its items (none for a user without usage), or the error that is that user's alone.</summary>
    public sealed class UserSpend(string user, CreditUsageReport? report, CopilotException? error)
    {
        public string User { get; } = user;
        public CreditUsageReport? Report { get; } = report;
        public CopilotException? Error { get; } = error;
    }

    /// <summary>
    /// Per-user spend: one report request per user, started as users come in, at most a window of them in flight (the
    /// request engine still bounds them by ThrottleLimit and GitHub's per-endpoint budget), each answer handed on in
    /// input order. Memory follows the window, not the number of users. A refusal of the report itself (401, 403,
    /// 404) ends the run: it would be the same for every user.
    /// </summary>
    public sealed class PerUserSpend
    {
        private readonly CreditUsageClient _client;
        private readonly CreditUsageQuery _query;
        private readonly OrderedWindow<UserSpend> _window;

        internal PerUserSpend(CreditUsageClient client, CreditUsageQuery query, Func<UserSpend, CancellationToken, Task> onUser, int width)
        {
            _client = client; _query = query;
            _window = new OrderedWindow<UserSpend>(width, (spend, ct) => { Done++; return onUser(spend, ct); });
        }

        /// <summary>The organization or enterprise asked.</summary>
        public SeatScope Scope => _query.Scope;

        /// <summary>Users handed on so far.</summary>
        public int Done { get; private set; }

        /// <summary>Starts <paramref name="user"/>'s request; while the window is full, hands on the oldest first.</summary>
        public Task AddAsync(string user, CancellationToken cancellationToken)
        {
            CreditUsageQuery query = _query.ForUser(user);
            query.Validate();
            return _window.AddAsync(() => FetchAsync(user, query, cancellationToken), cancellationToken);
        }

        /// <summary>Hands on every user still in flight, in order.</summary>
        public Task CompleteAsync(CancellationToken cancellationToken) => _window.CompleteAsync(cancellationToken);

        private async Task<UserSpend> FetchAsync(string user, CreditUsageQuery query, CancellationToken cancellationToken)
        {
            try
            {
                return new UserSpend(user, await _client.GetAsync(query, cancellationToken).ConfigureAwait(false), null);
            }
            catch (CopilotApiException ex) when (ex.StatusCode == 403 || ex.StatusCode == 404)
            {
                ex.IsTerminating = true;
                throw;
            }
            catch (CopilotException ex) when (!BatchIsolation.IsFatal(ex))
            {
                return new UserSpend(user, null, ex);
            }
        }
    }
}
