using System.Text.Json;
using CopilotSeats.Http;
using CopilotSeats.Journal;
using CopilotSeats.Seats;
using CopilotSeats.Validation;

namespace CopilotSeats.Budgets
{
    /// <summary>
    /// GitHub's budgets API over one connection (BUDGETS.md): the list (page by page, on has_next_page), a user's
    /// effective budget, and the writes of per-user AI-credit budgets, sent concurrently within the request engine's
    /// slots and per-endpoint points budget.
    /// </summary>
    public sealed class BudgetClient : IDisposable
    {
        /// <summary>GitHub's largest page of budgets.</summary>
        public const int PageSize = 100;
        private readonly CopilotClient _client;

        public BudgetClient(CopilotClient client) { _client = client ?? throw new ArgumentNullException(nameof(client)); }

        private RequestEngine Engine => _client.Engine;

        private static string Root(SeatScope owner) => owner.Kind == ScopeKind.Organization
            ? "organizations/" + Uri.EscapeDataString(owner.Name) + "/settings/billing/budgets"
            : "enterprises/" + Uri.EscapeDataString(owner.Name) + "/settings/billing/budgets";

        private static string Template(SeatScope owner) => owner.Kind == ScopeKind.Organization
            ? "/organizations/{org}/settings/billing/budgets" : "/enterprises/{enterprise}/settings/billing/budgets";

        internal ApiRequest Request(HttpMethod method, SeatScope owner, string? id, string query, object? target, byte[]? body = null) =>
            new ApiRequest(method, _client.Build(Root(owner) + (id is null ? string.Empty : "/" + Uri.EscapeDataString(id)) + query),
                method.Method + " " + Template(owner) + (id is null ? string.Empty : "/{budget_id}"),
                method == HttpMethod.Get ? RequestKind.Budgets : RequestKind.BudgetChange, owner, target ?? owner.Name, body)
            {
                Hints = BudgetErrorHints.Rows,
            };

        /// <summary>
        /// Every budget, a page at a time: <paramref name="wireScope"/> (GitHub's budget_scope) narrows on GitHub's side,
        /// <paramref name="allProducts"/> false keeps the AI-credit budgets only. Returns the last page's effective budget (with a user).
        /// </summary>
        public async Task<EffectiveBudget?> ListAsync(SeatScope owner, string? wireScope, string? user, bool allProducts,
            Func<IReadOnlyList<CopilotBudget>, CancellationToken, Task> onPage, CancellationToken cancellationToken)
        {
            InputValidator.Validate(owner.Kind == ScopeKind.Organization ? NameKind.Organization : NameKind.Enterprise, owner.Name);
            EffectiveBudget? effective = null;
            int seen = 0;
            string? firstId = null;
            for (int page = 1; ; page++)
            {
                string query = $"?per_page={PageSize}&page={page}" + (wireScope is null ? string.Empty : "&scope=" + Uri.EscapeDataString(wireScope))
                    + (user is null ? string.Empty : "&user=" + Uri.EscapeDataString(user));
                ApiRequest request = Request(HttpMethod.Get, owner, null, query, user);
                BudgetPage read = Read(await Engine.SendAsync(request, cancellationToken).ConfigureAwait(false), request, r => BudgetWire.ReadPage(r, owner));
                effective = read.Effective ?? effective;
                // A server that ignores `page` answers the first page again: stop rather than loop.
                if (page > 1 && read.Budgets.Count > 0 && read.Budgets[0].Id == firstId) return effective;
                if (page == 1 && read.Budgets.Count > 0) firstId = read.Budgets[0].Id;
                var kept = allProducts ? read.Budgets : read.Budgets.Where(BudgetRules.IsAiCredits).ToList();
                if (kept.Count > 0) await onPage(kept, cancellationToken).ConfigureAwait(false);
                seen += read.Budgets.Count;
                if (!BudgetRules.MorePages(read, seen)) return effective;
            }
        }

        /// <summary>Every AI-credit budget of one GitHub scope (user or multi_user_customer), in memory: Set-CopilotBudget's lookup.</summary>
        public async Task<List<CopilotBudget>> ListAiCreditBudgetsAsync(SeatScope owner, string wireScope, CancellationToken cancellationToken) =>
            (await CollectAsync(owner, wireScope, null, cancellationToken).ConfigureAwait(false)).Budgets;

        /// <summary>Every AI-credit budget of the listing (of one GitHub scope, or all; for ?user=, with the user's effective budget), in memory.</summary>
        private async Task<(List<CopilotBudget> Budgets, EffectiveBudget? Effective)> CollectAsync(SeatScope owner, string? wireScope, string? user, CancellationToken cancellationToken)
        {
            var all = new List<CopilotBudget>();
            EffectiveBudget? effective = await ListAsync(owner, wireScope, user, allProducts: false,
                (page, _) => { all.AddRange(page); return Task.CompletedTask; }, cancellationToken).ConfigureAwait(false);
            return (all, effective);
        }

        /// <summary>
        /// The users' own AI-credit budgets, by login: one listing of the user budgets; when GitHub lists some without
        /// their user (as its examples do), the own budget of each user not matched is asked for (?user=, which names the user).
        /// </summary>
        public async Task<Dictionary<string, CopilotBudget>> OwnBudgetsAsync(SeatScope owner, IReadOnlyList<string> users, CancellationToken cancellationToken)
        {
            List<CopilotBudget> listed = await ListAiCreditBudgetsAsync(owner, "user", cancellationToken).ConfigureAwait(false);
            var own = new Dictionary<string, CopilotBudget>(StringComparer.OrdinalIgnoreCase);
            if (listed.Any(b => b.UserName is null))
            {
                await InOrderAsync(users.Where(user => BudgetRules.OwnBudget(listed, user) is null).ToList(),
                    async user => (await CollectAsync(owner, "user", user, cancellationToken).ConfigureAwait(false)).Budgets,
                    budgets => { listed.AddRange(budgets); return Task.CompletedTask; }, null, cancellationToken).ConfigureAwait(false);
            }
            foreach (string user in users)
                if (BudgetRules.OwnBudget(listed, user) is { } budget) own[user] = budget;
            return own;
        }

        /// <summary>"Why is this user blocked?": GitHub's answer for ?user=, resolved to the budget that applies.</summary>
        public async Task<CopilotUserBudget> ForUserAsync(SeatScope owner, string user, CancellationToken cancellationToken)
        {
            InputValidator.Validate(NameKind.Login, user);
            var (budgets, effective) = await CollectAsync(owner, null, user, cancellationToken).ConfigureAwait(false);
            return BudgetRules.Resolve(user, owner, budgets, effective);
        }

        /// <summary>Each user's answer (<see cref="ForUserAsync"/>) for users as they come: a window of ThrottleLimit, written in input order.</summary>
        public UserBudgetLookup ForUsers(Func<CopilotUserBudget, Task> onResult, Func<CopilotException, Task> onError) =>
            new UserBudgetLookup(this, onResult, onError, Engine.Options.ThrottleLimit);

        /// <summary>
        /// Sends the planned creates and updates (Unchanged ones send nothing), at most ThrottleLimit at a time; each
        /// outcome is delivered in the plan's order, a failure never stops the others but a fatal one (401, 410: nothing more
        /// is sent, then it is thrown). Each request is recorded in
        /// <paramref name="journal"/> (Sent, then Applied, Refused or Unknown, with the old and new amount); null records nothing.
        /// With <paramref name="stopOnError"/> (the caller's first error ends it), no request starts once one failed, and the changes
        /// in flight are delivered before its error.
        /// </summary>
        public Task ApplyAsync(SeatScope owner, IReadOnlyList<BudgetPlanItem> items, Func<CopilotBudgetChange, Task> onChange,
            Func<CopilotException, Task> onError, ChangeJournal? journal, CancellationToken cancellationToken, bool stopOnError = false) =>
            InOrderAsync(items, async item =>
            {
                if (item.Action == BudgetAction.Unchanged) return item.Change(owner, null);
                ApiRequest request = item.Action == BudgetAction.Create
                    ? Request(HttpMethod.Post, owner, null, string.Empty, item.UserName, BudgetWire.CreateBody(item.UserName, item.AmountUsd))
                    : Request(new HttpMethod("PATCH"), owner, item.Existing!.Id, string.Empty, item.UserName, BudgetWire.UpdateBody(item.AmountUsd));
                CopilotBudgetChange Applied(CopilotBudget saved)
                {
                    CopilotBudgetChange change = item.Change(owner, saved.Id.Length > 0 ? saved.Id : null);
                    change.RunId = journal?.RunId;
                    return change;
                }
                try
                {
                    return Applied(await Journaled(journal, owner, JournalFormat.SetBudget, item.UserName ?? JournalFormat.AllUsersName,
                        item.Existing?.AmountUsd, item.AmountUsd,
                        () => SendChangeAsync(owner, item, request, cancellationToken), cancellationToken).ConfigureAwait(false));
                }
                catch (JournalIncompleteException ex) when (ex.Result is CopilotBudget saved)
                {
                    throw ex.WithResult(Applied(saved)); // the change is still written before the run stops
                }
            }, onChange, onError, cancellationToken, stopOnError);

        /// <summary>
        /// Sends a create or update. A create the engine sent again (after a 502/503 or a dropped connection) may have been
        /// applied the first time: GitHub then refuses the resend as a duplicate (422). When the budget now there is the one
        /// sent (same amount, hard stop), the create succeeded; any other 422 stands.
        /// </summary>
        private async Task<CopilotBudget> SendChangeAsync(SeatScope owner, BudgetPlanItem item, ApiRequest request, CancellationToken cancellationToken)
        {
            try
            {
                return Read(await Engine.SendAsync(request, cancellationToken).ConfigureAwait(false), request, r => BudgetWire.ReadAnswer(r, owner));
            }
            catch (CopilotApiException ex) when (ex.StatusCode == 422 && ex.Retried && item.Action == BudgetAction.Create)
            {
                CopilotBudget? now = item.UserName is { } user
                    ? BudgetRules.OwnBudget((await CollectAsync(owner, "user", user, cancellationToken).ConfigureAwait(false)).Budgets, user)
                    : BudgetRules.AllUsersBudget(await ListAiCreditBudgetsAsync(owner, "multi_user_customer", cancellationToken).ConfigureAwait(false));
                if (now is null || new BudgetPlanItem(item.UserName, now, item.AmountUsd).Action != BudgetAction.Unchanged) throw;
                Engine.Options.Verbose?.Invoke($"GitHub refused the resent budget of {item.UserName ?? "all users"} in the {owner} (422): the first attempt had created it, with ${item.AmountUsd}.");
                return now;
            }
        }

        /// <summary>
        /// Deletes budgets by id, at most ThrottleLimit at a time; each has the name its error and journal lines carry (the
        /// user, or the id) and the amount it had where known. Each request is recorded in <paramref name="journal"/> (null: nothing).
        /// <paramref name="stopOnError"/> as for <see cref="ApplyAsync"/>.
        /// </summary>
        public Task DeleteAsync(SeatScope owner, IReadOnlyList<BudgetRemoval> budgets, Func<string, Task> onDeleted,
            Func<CopilotException, Task> onError, ChangeJournal? journal, CancellationToken cancellationToken, bool stopOnError = false) =>
            InOrderAsync(budgets, budget => Journaled(journal, owner, JournalFormat.RemoveBudget, budget.Name, budget.OldAmountUsd, null, async () =>
            {
                await Engine.SendAsync(Request(HttpMethod.Delete, owner, budget.Id, string.Empty, budget.Name), cancellationToken).ConfigureAwait(false);
                return budget.Id;
            }, cancellationToken), onDeleted, onError, cancellationToken, stopOnError);

        /// <summary>One budget change sent with its journal lines (Sent before, the outcome after: Refused when its credential could not be had); without a journal, just sent.</summary>
        private Task<T> Journaled<T>(ChangeJournal? journal, SeatScope owner, string action, string name, int? oldAmountUsd, int? amountUsd, Func<Task<T>> send,
            CancellationToken cancellationToken) =>
            journal is null ? send() : journal.SentBudget(owner, action, name, oldAmountUsd, amountUsd)
                .CompleteAsync(() => _client.ReadyToSendAsync(owner, cancellationToken), send, _ => null);

        /// <summary>
        /// Runs <paramref name="work"/> for each item, at most ThrottleLimit at a time (the engine paces the requests),
        /// and delivers the results in the items' order (see <see cref="OrderedWindow{T}"/>): an item's own failure goes
        /// to <paramref name="onError"/> (null: it stops the run), a fatal one (401, 410, terminating) stops the run. With
        /// <paramref name="stopOnError"/>, an item's failure is held until the items in flight are delivered, and none starts meanwhile.
        /// </summary>
        private async Task InOrderAsync<TIn, TOut>(IEnumerable<TIn> items, Func<TIn, Task<TOut>> work, Func<TOut, Task> onResult,
            Func<CopilotException, Task>? onError, CancellationToken cancellationToken, bool stopOnError = false) where TOut : class
        {
            var window = new OrderedWindow<TOut>(Engine.Options.ThrottleLimit, (result, _) => onResult(result), onError, stopOnError);
            foreach (TIn item in items) await window.AddAsync(() => work(item), cancellationToken).ConfigureAwait(false);
            await window.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        private static T Read<T>(ApiResponse response, ApiRequest request, Func<byte[], T> read)
        {
            try
            {
                return read(response.Body);
            }
            catch (JsonException ex)
            {
                throw InvalidResponses.From(request, response, ex);
            }
        }

        public void Dispose() { }
    }

    /// <summary>A budget to delete: its id, the name its error and journal lines carry (the user, or the id), and its amount where known.</summary>
    public sealed class BudgetRemoval(string id, string name, int? oldAmountUsd)
    {
        public string Id { get; } = id;
        public string Name { get; } = name;
        public int? OldAmountUsd { get; } = oldAmountUsd;
    }

    public static class BudgetClients
    {
        /// <summary>The budgets API over the client's connection (same engine, ThrottleLimit and retries).</summary>
        public static BudgetClient Budgets(this CopilotClient client) => client.Attached(() => new BudgetClient(client));
    }
}
