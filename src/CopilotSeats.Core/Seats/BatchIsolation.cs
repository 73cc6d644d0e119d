using CopilotSeats.Http;
using CopilotSeats.Journal;

namespace CopilotSeats.Seats
{
    /// <summary>One error of a batch: per name (target the login) or for the whole batch (target the org or enterprise).</summary>
    public sealed class BatchError(CopilotException error, object target)
    {
        public CopilotException Error { get; } = error;
        public object Target { get; } = target;
    }

    /// <summary>What one batch of names came to: the requests GitHub accepted, the errors, and skipped names.</summary>
    public sealed class BatchOutcome
    {
        public List<CopilotSeatChange> Changes { get; } = new List<CopilotSeatChange>();
        public List<BatchError> Errors { get; } = new List<BatchError>();
        /// <summary>
        /// A fatal failure (<see cref="BatchIsolation.IsFatal"/>) after GitHub applied a request of the batch (a journal that
        /// could not record the answer, CopilotSeats.JournalIncomplete, included): the caller writes the changes and errors above
        /// first, then stops with it, so the change that was made is not lost from the output. Nothing more is sent after it.
        /// </summary>
        public CopilotException? Stop { get; set; }
    }

    /// <summary>
    /// Sends one batch of names; when GitHub refuses it with 422 (which applies nothing), finds the names it
    /// refuses instead of failing them all, then sends the rest once more. A batch of one name goes the same way,
    /// so an error does not depend on how many names came with it.
    /// </summary>
    /// <remarks>
    /// Cancel for users: every name is looked up through the member endpoint (GET .../members/{username}/copilot,
    /// through the same engine: budget, throttle, retries). A seat that only comes from teams is a
    /// CopilotSeats.TeamAssigned error naming the team(s); no seat (404, or no row) is CopilotSeats.NoSeat;
    /// a seat already pending cancellation is dropped with a verbose line; another lookup failure is
    /// that name's error. Add for users: the culprits are the names GitHub's message names (a lookup cannot tell
    /// a non-member from a member without a seat). With no culprit the 422 stands and is reported once
    /// for the batch; if the rest is refused again, that 422 is reported once for the batch. A 422 that says the seat
    /// management setting refuses the request (assign_all, unconfigured) is reported once for the batch at once.
    /// Teams and enterprise teams: the culprits are the slugs GitHub's message names; when it names none, the batch
    /// is split in halves and each half sent (safe: adding or cancelling a team's seats twice changes nothing more),
    /// down to single slugs. A slug refused alone while others were accepted is that team's error; when no slug
    /// is accepted and none was named, the 422 is about the request and is reported once for the batch. That search
    /// costs at most 2n-1 requests for n slugs.
    /// An enterprise's cancel of users that GitHub applies (200) with fewer seats_cancelled than names sent is looked
    /// into by <see cref="CancelShortfall"/> (the names it did not reach get their error; nothing is sent again).
    /// Fatal failures (401, 410, rate limit beyond the allowed wait) are thrown.
    /// </remarks>
    public sealed class BatchIsolation
    {
        private readonly SeatScope _scope;
        private readonly SeatAction _action;
        private readonly AssigneeKind _kind;
        private readonly Func<string[], CancellationToken, Task<CopilotSeatChange>> _send;
        private readonly GrantLookup _grants;
        private readonly CancelShortfall? _shortfall;
        private readonly Action<string>? _verbose;

        public BatchIsolation(SeatScope scope, SeatAction action, AssigneeKind kind,
            Func<string[], CancellationToken, Task<CopilotSeatChange>> send,
            Func<string, CancellationToken, Task<IReadOnlyList<CopilotSeat>>> lookup,
            int throttleLimit = CopilotDefaults.ThrottleLimit, Action<string>? verbose = null, Action<string>? warning = null)
        {
            _scope = scope;
            _action = action;
            _kind = kind;
            _send = send ?? throw new ArgumentNullException(nameof(send));
            _grants = new GrantLookup(scope, lookup, throttleLimit);
            _verbose = verbose;
            _shortfall = CancelShortfall.For(scope, action, kind, _grants, verbose, warning);
        }

        /// <summary>True for failures after which nothing else in the command can succeed (terminating, 401, 410).</summary>
        public static bool IsFatal(CopilotException exception) =>
            exception.IsTerminating
            || exception is CopilotApiException api && (api.StatusCode == 401 || api.StatusCode == 410);

        public async Task<BatchOutcome> RunAsync(string[] batch, CancellationToken cancellationToken)
        {
            if (batch is null || batch.Length == 0) throw new ArgumentException("A batch names at least one name.", nameof(batch));
            var outcome = new BatchOutcome();
            CopilotApiException? refused = await SendAsync(batch, outcome, cancellationToken).ConfigureAwait(false);
            if (refused is null) return outcome;
            if (ErrorHints.SaysSeatSetting(refused.GitHubMessage))
            {
                // The setting refuses every name: nothing to look up or split.
                outcome.Errors.Add(new BatchError(refused, _scope.Name));
                return outcome;
            }

            _verbose?.Invoke($"GitHub refused the request for {Count(batch.Length)} in the {_scope} (422); finding the names it refuses.");
            if (_kind != AssigneeKind.User)
            {
                await NarrowTeamsAsync(batch, refused, outcome, cancellationToken).ConfigureAwait(false);
                if (outcome.Changes.Count == 0 && outcome.Errors.All(e => e.Error is CopilotApiException { StatusCode: 422 } api && !NamedIn(api)))
                {
                    // Nothing accepted and no slug named: the 422 is about the request, not about a team.
                    outcome.Errors.Clear();
                    outcome.Errors.Add(new BatchError(refused, _scope.Name));
                }
                return outcome;
            }
            List<string> clean = _action == SeatAction.Remove
                ? await ScreenForRemovalAsync(batch, outcome, cancellationToken).ConfigureAwait(false)
                : NamedInMessage(batch, refused, outcome);
            if (clean.Count == batch.Length)
            {
                // No culprit: the 422 is about the request, not about a name.
                outcome.Errors.Add(new BatchError(refused, _scope.Name));
                return outcome;
            }
            if (clean.Count == 0) return outcome;
            _verbose?.Invoke($"Sending the other {clean.Count} of {batch.Length} names again.");
            CopilotApiException? again = await SendAsync(clean.ToArray(), outcome, cancellationToken).ConfigureAwait(false);
            if (again != null) outcome.Errors.Add(new BatchError(again, _scope.Name));
            return outcome;
        }

        private string Count(int n) => n + (_kind == AssigneeKind.User ? " user" : " team") + (n == 1 ? string.Empty : "s");

        /// <summary>
        /// Sends the names; returns GitHub's 422 (nothing applied), records another failure that is not fatal for the batch.
        /// At an enterprise, a cancel of users that counts fewer seats than names is checked (<see cref="CancelShortfall"/>).
        /// </summary>
        private async Task<CopilotApiException?> SendAsync(string[] names, BatchOutcome outcome, CancellationToken cancellationToken)
        {
            CopilotSeatChange change;
            try
            {
                change = await _send(names, cancellationToken).ConfigureAwait(false);
            }
            catch (CopilotApiException ex) when (ex.StatusCode == 422)
            {
                return ex;
            }
            catch (CopilotException ex) when (!IsFatal(ex))
            {
                outcome.Errors.Add(new BatchError(ex, _scope.Name));
                return null;
            }
            catch (JournalIncompleteException ex)
            {
                // Sent and answered, not recorded: GitHub's answer is still reported, and nothing more is sent.
                if (ex.Result is CopilotSeatChange applied) outcome.Changes.Add(applied);
                if (ex.Failure != null) outcome.Errors.Add(new BatchError(ex.Failure, _scope.Name));
                outcome.Stop = ex;
                return null;
            }
            catch (CopilotException ex) when (outcome.Changes.Count > 0)
            {
                outcome.Stop = ex; // fatal after an earlier request of the batch was applied: that change is written first
                return null;
            }
            outcome.Changes.Add(change);
            try
            {
                if (_shortfall != null) await _shortfall.CheckAsync(names, change, outcome, cancellationToken).ConfigureAwait(false);
            }
            catch (CopilotException ex) when (IsFatal(ex))
            {
                outcome.Stop = ex; // the request was applied: its change is written before the command stops
            }
            return null;
        }

        /// <summary>
        /// Teams: the slugs GitHub's message names are refused; with none named, the halves are sent apart, down to single
        /// slugs (a slug refused alone is that team's error). What is left is sent again and narrowed the same way.
        /// </summary>
        private async Task NarrowTeamsAsync(string[] batch, CopilotApiException refused, BatchOutcome outcome, CancellationToken cancellationToken)
        {
            string[][] parts;
            List<string> rest = NamedInMessage(batch, refused, outcome);
            if (rest.Count < batch.Length) parts = rest.Count == 0 ? new string[0][] : new[] { rest.ToArray() };
            else if (batch.Length == 1)
            {
                outcome.Errors.Add(new BatchError(Refused(batch[0], refused), batch[0]));
                return;
            }
            else parts = new[] { batch.Take(batch.Length / 2).ToArray(), batch.Skip(batch.Length / 2).ToArray() };
            foreach (string[] part in parts)
            {
                if (outcome.Stop != null) return;
                _verbose?.Invoke($"Sending {Count(part.Length)} of the {batch.Length} again.");
                CopilotApiException? again = await SendAsync(part, outcome, cancellationToken).ConfigureAwait(false);
                if (again != null) await NarrowTeamsAsync(part, again, outcome, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Looks every name up (<see cref="GrantLookup"/>); returns the names to send again, in order.</summary>
        private async Task<List<string>> ScreenForRemovalAsync(string[] batch, BatchOutcome outcome, CancellationToken cancellationToken)
        {
            GrantVerdict[] verdicts = await _grants.LookUpAsync(batch, cancellationToken).ConfigureAwait(false);
            var clean = new List<string>();
            for (int i = 0; i < batch.Length; i++)
            {
                GrantVerdict v = verdicts[i];
                if (v.Error != null) outcome.Errors.Add(new BatchError(v.Error, batch[i]));
                else if (v.OwnActive) clean.Add(batch[i]); // a grant of ours to cancel
                else if (v.ElsewhereActive) outcome.Errors.Add(new BatchError(v.Elsewhere(batch[i]), batch[i]));
                else _verbose?.Invoke(SeatRemoval.PendingVerbose(batch[i], v.PendingDate, _scope) + " It is not sent again.");
            }
            return clean;
        }

        /// <summary>The names GitHub's message names are refused, each with GitHub's words; returns the others.</summary>
        private List<string> NamedInMessage(string[] batch, CopilotApiException refused, BatchOutcome outcome)
        {
            var clean = new List<string>();
            foreach (string name in batch)
            {
                if (Mentions(refused.GitHubMessage ?? string.Empty, name)) outcome.Errors.Add(new BatchError(Refused(name, refused), name));
                else clean.Add(name);
            }
            return clean;
        }

        /// <summary>GitHub's 422 as the error of one login or team slug (target that name).</summary>
        private CopilotApiException Refused(string name, CopilotApiException refused)
        {
            string message = (refused.GitHubMessage ?? "Validation Failed").TrimEnd('.');
            string what = _kind == AssigneeKind.User ? $"a seat for '{name}'" : $"the seats of team '{name}'";
            string check = _kind switch
            {
                AssigneeKind.User => $"Check the login, and that '{name}' is a member of the {_scope}.",
                AssigneeKind.Team => $"Check that '{name}' is the slug of a team of the {_scope}.",
                _ => $"Check that '{name}' is the slug of an enterprise team of the {_scope}.",
            };
            return new CopilotApiException(422, CopilotErrorCategory.InvalidOperation, name,
                $"GitHub refused {what} in the {_scope}: {message}.", refused.GitHubMessage, refused.DocumentationUrl)
            {
                Method = refused.Method,
                RequestUri = refused.RequestUri,
                RecommendedAction = check,
            };
        }

        /// <summary>Whether a per-name 422 came from GitHub's message naming that name (not from splitting the batch).</summary>
        private static bool NamedIn(CopilotApiException error) =>
            error.TargetObject is string name && Mentions(error.GitHubMessage ?? string.Empty, name);

        /// <summary>Whether <paramref name="text"/> names <paramref name="login"/> as a whole word (case-insensitive).</summary>
        internal static bool Mentions(string text, string login)
        {
            if (string.IsNullOrEmpty(text) || string.IsNullOrEmpty(login)) return false;
            int from = 0;
            while (true)
            {
                int at = text.IndexOf(login, from, StringComparison.OrdinalIgnoreCase);
                if (at < 0) return false;
                int end = at + login.Length;
                if ((at == 0 || !LoginChar(text[at - 1])) && (end == text.Length || !LoginChar(text[end]))) return true;
                from = at + 1;
            }
        }

        private static bool LoginChar(char c) => char.IsLetterOrDigit(c) || c == '-' || c == '_';
    }
}
