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
    /// input order. Memory follows the window, not the number of users, apart from the logins already asked (strings
    /// only): a login asked again in the same run (case-insensitive, as GitHub's logins) is skipped, so an enterprise
    /// listing's one row per grant asks once per user. A refusal of the report itself (401, 403) ends the run: it would
    /// be the same for every user; so does a 404 for the first user (in input order): it is about the target. A 404 for
    /// a later user, after one was answered, is that user's error (GitHub does not document the answer for an unknown
    /// user; a 404 there is assumed to be about the user) and the others go on.
    /// </summary>
    public sealed class PerUserSpend
    {
        private readonly CreditUsageClient _client;
        private readonly CreditUsageQuery _query;
        private readonly OrderedWindow<UserSpend> _window;
        private bool _answered;

        internal PerUserSpend(CreditUsageClient client, CreditUsageQuery query, Func<UserSpend, CancellationToken, Task> onUser, int width)
        {
            _client = client; _query = query;
            _window = new OrderedWindow<UserSpend>(width, (spend, ct) => { spend = Settle(spend); Done++; return onUser(spend, ct); });
        }

        /// <summary>The organization or enterprise asked.</summary>
        public SeatScope Scope => _query.Scope;

        /// <summary>Users handed on so far.</summary>
        public int Done { get; private set; }

        /// <summary>
        /// Starts <paramref name="user"/>'s request (unless already asked); while the window is full, hands on the oldest
        /// first; then hands on every answer already in, in order (a slow upstream still gets each answer soon).
        /// </summary>
        public Task AddAsync(string user, CancellationToken cancellationToken)
        {
            CreditUsageQuery query = _query.ForUser(user);
            query.Validate();
            return _window.AddOnceAsync(user, () => FetchAsync(user, query, cancellationToken), cancellationToken);
        }

        /// <summary>Hands on every user still in flight, in order.</summary>
        public Task CompleteAsync(CancellationToken cancellationToken) => _window.CompleteAsync(cancellationToken);

        /// <summary>In input order: a 404 before any user was answered ends the run; after that it is the user's own.</summary>
        private UserSpend Settle(UserSpend spend)
        {
            if (spend.Error is CopilotApiException { StatusCode: 404 } notFound)
            {
                if (!_answered)
                {
                    notFound.IsTerminating = true;
                    throw notFound;
                }
                return new UserSpend(spend.User, null, new CopilotApiException(404, CopilotErrorCategory.ObjectNotFound, spend.User,
                    $"GitHub found no AI-credit usage report for the user {spend.User} in the {Scope}, although it answered for other users.",
                    notFound.GitHubMessage, notFound.DocumentationUrl)
                {
                    RecommendedAction = $"Check the login {spend.User}; the other users go on.",
                });
            }
            _answered |= spend.Report != null;
            return spend;
        }

        private async Task<UserSpend> FetchAsync(string user, CreditUsageQuery query, CancellationToken cancellationToken)
        {
            try
            {
                return new UserSpend(user, await _client.GetAsync(query, cancellationToken).ConfigureAwait(false), null);
            }
            catch (CopilotApiException ex) when (ex.StatusCode == 403)
            {
                ex.IsTerminating = true;
                throw;
            }
            catch (CopilotApiException ex) when (ex.StatusCode == 404)
            {
                return new UserSpend(user, null, ex); // Settle decides: the target's (ends the run) or this user's
            }
            catch (CopilotException ex) when (!BatchIsolation.IsFatal(ex))
            {
                return new UserSpend(user, null, ex);
            }
        }
    }
}
