using CopilotSeats.Http;
using CopilotSeats.Seats;

namespace CopilotSeats.Budgets
{
    /// <summary>
    /// "Why is this user blocked?" for users as they come in (piped seats): each user's answer
    /// (<see cref="BudgetClient.ForUserAsync"/>) started on <see cref="AddAsync"/>, at most a window in flight (ThrottleLimit;
    /// the request engine still paces the requests), written in input order as soon as it is in; <see cref="CompleteAsync"/>
    /// writes the rest. Memory follows the window, apart from the names already asked (strings only): a user asked again for
    /// the same target is skipped. A user's failure goes to the error callback and the others go on; a fatal one (401, 410)
    /// stops them, and so does a 403 (a refusal of the budgets themselves, the same for every user: said once, not once per user).
    /// </summary>
    public sealed class UserBudgetLookup
    {
        private readonly BudgetClient _client;
        private readonly OrderedWindow<CopilotUserBudget> _window;

        internal UserBudgetLookup(BudgetClient client, Func<CopilotUserBudget, Task> onResult, Func<CopilotException, Task> onError, int width)
        {
            _client = client;
            _window = new OrderedWindow<CopilotUserBudget>(width, (result, _) => onResult(result), onError);
        }

        /// <summary>
        /// Starts the lookup of <paramref name="user"/> in <paramref name="owner"/> (unless already asked); while the window is
        /// full, writes the oldest first; then writes every answer already in, in order.
        /// </summary>
        public Task AddAsync(SeatScope owner, string user, CancellationToken cancellationToken) =>
            _window.AddOnceAsync(owner + "|" + user, () => LookUpAsync(owner, user, cancellationToken), cancellationToken);

        /// <summary>Writes every answer still in flight, in order; then throws the failure that stopped the run, if one came.</summary>
        public Task CompleteAsync(CancellationToken cancellationToken) => _window.CompleteAsync(cancellationToken);

        private async Task<CopilotUserBudget> LookUpAsync(SeatScope owner, string user, CancellationToken cancellationToken)
        {
            try
            {
                return await _client.ForUserAsync(owner, user, cancellationToken).ConfigureAwait(false);
            }
            catch (CopilotApiException ex) when (ex.StatusCode == 403)
            {
                ex.IsTerminating = true;
                throw;
            }
        }
    }
}
