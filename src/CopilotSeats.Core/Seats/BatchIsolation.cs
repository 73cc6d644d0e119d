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
    }

    /// <summary>
    /// Sends one batch of user names; when GitHub refuses a batch of more than one name with 422 (which
    /// applies nothing), finds the names it refuses instead of failing them all, then sends the rest once more.
    /// </summary>
    /// <remarks>
    /// Cancel: every name is looked up through the member endpoint (GET .../members/{username}/copilot,
    /// through the same engine: budget, throttle, retries). A seat that only comes from teams is a
    /// CopilotSeats.TeamAssigned error naming the team(s); no seat (404, or no row) is CopilotSeats.NoSeat;
    /// a seat already pending cancellation is dropped with a verbose line; another lookup failure is
    /// that name's error. Add: the culprits are the names GitHub's message names (a lookup cannot tell
    /// a non-member from a member without a seat). With no culprit the 422 stands and is reported once
    /// for the batch; if the rest is refused again, that 422 is reported once for the batch.
    /// Fatal failures (401, 410, rate limit beyond the allowed wait) are thrown.
    /// </remarks>
    public sealed class BatchIsolation
    {
        private readonly SeatScope _scope;
        private readonly SeatAction _action;
        private readonly Func<string[], CancellationToken, Task<CopilotSeatChange>> _send;
        private readonly Func<string, CancellationToken, Task<IReadOnlyList<CopilotSeat>>> _lookup;
        private readonly int _throttle;
        private readonly Action<string>? _verbose;

        public BatchIsolation(SeatScope scope, SeatAction action,
            Func<string[], CancellationToken, Task<CopilotSeatChange>> send,
            Func<string, CancellationToken, Task<IReadOnlyList<CopilotSeat>>> lookup,
            int throttleLimit = CopilotDefaults.ThrottleLimit, Action<string>? verbose = null)
        {
            _scope = scope;
            _action = action;
            _send = send ?? throw new ArgumentNullException(nameof(send));
            _lookup = lookup ?? throw new ArgumentNullException(nameof(lookup));
            _throttle = Math.Max(1, throttleLimit);
            _verbose = verbose;
        }

        /// <summary>True for failures after which nothing else in the command can succeed (terminating, 401, 410).</summary>
        public static bool IsFatal(CopilotException exception) =>
            exception.IsTerminating
            || exception is CopilotApiException api && (api.StatusCode == 401 || api.StatusCode == 410);

        public async Task<BatchOutcome> RunAsync(string[] batch, CancellationToken cancellationToken)
        {
            if (batch is null || batch.Length == 0) throw new ArgumentException("A batch names at least one user.", nameof(batch));
            var outcome = new BatchOutcome();
            CopilotApiException refused;
            try
            {
                outcome.Changes.Add(await _send(batch, cancellationToken).ConfigureAwait(false));
                return outcome;
            }
            catch (CopilotApiException ex) when (ex.StatusCode == 422 && batch.Length > 1)
            {
                refused = ex;
            }
            catch (CopilotException ex) when (!IsFatal(ex))
            {
                outcome.Errors.Add(new BatchError(ex, _scope.Name));
                return outcome;
            }

            _verbose?.Invoke($"GitHub refused the request for {batch.Length} users in the {_scope} (422); finding the names it refuses.");
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
            try
            {
                outcome.Changes.Add(await _send(clean.ToArray(), cancellationToken).ConfigureAwait(false));
            }
            catch (CopilotException ex) when (!IsFatal(ex))
            {
                outcome.Errors.Add(new BatchError(ex, _scope.Name));
            }
            return outcome;
        }

        /// <summary>Looks every name up (at most ThrottleLimit at a time); returns the names to send again, in order.</summary>
        private async Task<List<string>> ScreenForRemovalAsync(string[] batch, BatchOutcome outcome, CancellationToken cancellationToken)
        {
            var verdicts = new Verdict[batch.Length];
            using (var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                int next = -1;
                async Task Worker()
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < batch.Length)
                    {
                        failed.Token.ThrowIfCancellationRequested();
                        try
                        {
                            verdicts[i] = await ClassifyAsync(batch[i], failed.Token).ConfigureAwait(false);
                        }
                        catch
                        {
                            failed.Cancel(); // a fatal failure stops the other lookups
                            throw;
                        }
                    }
                }
                var workers = Enumerable.Range(0, Math.Min(_throttle, batch.Length)).Select(_ => Worker()).ToArray();
                try
                {
                    await Task.WhenAll(workers).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The first real failure, not the cancellations it caused.
                    Exception? first = workers.Where(w => w.IsFaulted).Select(w => w.Exception!.InnerException).FirstOrDefault(e => e is not OperationCanceledException);
                    if (first != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
                    throw;
                }
            }
            var clean = new List<string>();
            for (int i = 0; i < batch.Length; i++)
            {
                Verdict v = verdicts[i];
                if (v.Error != null) outcome.Errors.Add(new BatchError(v.Error, batch[i]));
                else if (v.Pending != null) _verbose?.Invoke(SeatRemoval.PendingVerbose(batch[i], v.Pending, _scope) + " It is not sent again.");
                else clean.Add(batch[i]);
            }
            return clean;
        }

        private struct Verdict
        {
            public CopilotException? Error;
            public string? Pending;
        }

        private async Task<Verdict> ClassifyAsync(string login, CancellationToken cancellationToken)
        {
            IReadOnlyList<CopilotSeat> seats;
            try
            {
                seats = await _lookup(login, cancellationToken).ConfigureAwait(false);
            }
            catch (CopilotApiException ex) when (ex.StatusCode == 404)
            {
                return new Verdict { Error = SeatRemoval.NoSeat(login, _scope) };
            }
            catch (CopilotException ex) when (!IsFatal(ex))
            {
                return new Verdict { Error = ex };
            }
            if (seats.Count == 0) return new Verdict { Error = SeatRemoval.NoSeat(login, _scope) };
            var direct = seats.Where(s => string.IsNullOrWhiteSpace(s.AssigningTeam)).ToList();
            if (direct.Any(s => s.PendingCancellationDate is null)) return default; // a direct grant to cancel
            var teams = seats.Where(s => !string.IsNullOrWhiteSpace(s.AssigningTeam) && s.PendingCancellationDate is null).ToList();
            if (teams.Count == 0)
            {
                DateTimeOffset? date = seats.Select(s => s.PendingCancellationDate).FirstOrDefault(d => d != null);
                return new Verdict { Pending = date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty };
            }
            var grants = teams.Select(s => new TeamGrant(s.AssigningTeam!, SeatRemoval.GrantOwner(_scope, s))).ToList();
            return new Verdict { Error = SeatRemoval.TeamAssigned(login, grants) };
        }

        /// <summary>Add: the names GitHub's message names are refused, each with GitHub's words; returns the others.</summary>
        private List<string> NamedInMessage(string[] batch, CopilotApiException refused, BatchOutcome outcome)
        {
            string message = refused.GitHubMessage ?? string.Empty;
            var clean = new List<string>();
            foreach (string login in batch)
            {
                if (!Mentions(message, login))
                {
                    clean.Add(login);
                    continue;
                }
                outcome.Errors.Add(new BatchError(new CopilotApiException(422, CopilotErrorCategory.InvalidOperation, login,
                    $"GitHub refused a seat for '{login}' in the {_scope}: {message.TrimEnd('.')}.", refused.GitHubMessage, refused.DocumentationUrl)
                {
                    Method = refused.Method,
                    RequestUri = refused.RequestUri,
                    RecommendedAction = $"Check the login, and that '{login}' is a member of the {_scope}.",
                }, login));
            }
            return clean;
        }

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
