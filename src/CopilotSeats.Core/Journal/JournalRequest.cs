using CopilotSeats.Http;

namespace CopilotSeats.Journal
{
    /// <summary>One request (a seat add or cancel, or a budget change) whose Sent lines are written: completes them with what came of it.</summary>
    public sealed class JournalRequest
    {
        private readonly ChangeJournal _journal;
        private readonly int _number;
        private readonly SeatScope _scope;
        private readonly string _action;
        private readonly string _type;
        private readonly IReadOnlyList<string> _names;

        internal JournalRequest(ChangeJournal journal, int number, SeatScope scope, string action, string type, IReadOnlyList<string> names)
        {
            _journal = journal;
            _number = number;
            _scope = scope;
            _action = action;
            _type = type;
            _names = names;
        }

        /// <summary>A seat add: the seats changed are seats_created (else seats_cancelled).</summary>
        internal bool Adds { get; set; }
        /// <summary>A budget change's amounts, on every line.</summary>
        internal int? AmountUsd { get; set; }
        internal int? OldAmountUsd { get; set; }
        internal IReadOnlyList<string> Names => _names;

        /// <summary>
        /// GitHub applied the request: seats_created (add) or seats_cancelled (remove) on every name's line; null for a budget.
        /// Lines that cannot be written are a CopilotSeats.JournalIncomplete (<see cref="JournalIncompleteException"/>).
        /// </summary>
        public void Applied(int? seatsChanged) => Applied(seatsChanged, null);

        private void Applied(int? seatsChanged, object? result)
        {
            string answer = _type == JournalFormat.BudgetType ? "GitHub applied it"
                : $"GitHub answered {seatsChanged ?? 0} seat(s) {(Adds ? "created" : "cancelled")}";
            Complete(JournalFormat.Applied, null, null, seatsChanged, answer, result, null);
            _journal.Applied(_names.Count);
        }

        /// <summary>
        /// Sends the request with <paramref name="send"/> and completes its lines: Applied (with the seats changed that
        /// <paramref name="seatsChanged"/> reads from the answer), or as <see cref="Failed"/> says, rethrowing the failure.
        /// Lines that cannot be written after the answer are a <see cref="JournalIncompleteException"/> carrying the result or the
        /// failure; after a stop, the stop is rethrown (its Sent lines, without an answer, read as Unknown).
        /// </summary>
        public async Task<T> CompleteAsync<T>(Func<Task<T>> send, Func<T, int?> seatsChanged)
        {
            T result;
            try
            {
                result = await send().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is CopilotException || ex is OperationCanceledException)
            {
                Record(Failed, ex);
                throw;
            }
            Applied(seatsChanged(result), result);
            return result;
        }

        /// <summary>
        /// As <see cref="CompleteAsync{T}(Func{Task{T}}, Func{T, int?})"/>, after <paramref name="ready"/>: what must succeed before the
        /// request can go (its credential). A failure or a stop there completes the lines Refused without a status (<see cref="NotSent"/>).
        /// </summary>
        public async Task<T> CompleteAsync<T>(Func<Task> ready, Func<Task<T>> send, Func<T, int?> seatsChanged)
        {
            try
            {
                await ready().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is CopilotException || ex is OperationCanceledException)
            {
                Record(NotSent, ex);
                throw;
            }
            return await CompleteAsync(send, seatsChanged).ConfigureAwait(false);
        }

        /// <summary>Completes the lines as <paramref name="complete"/> says; after a stop, lines that cannot be written stay Sent (read as Unknown) and the stop goes on.</summary>
        private static void Record(Action<Exception> complete, Exception failure)
        {
            try
            {
                complete(failure);
            }
            catch (JournalIncompleteException) when (failure is OperationCanceledException)
            {
            }
        }

        /// <summary>The request was never sent (its credential could not be had, or the run stopped first): Refused, with the cause and no status; nothing was applied.</summary>
        public void NotSent(Exception failure)
        {
            string cause = failure is OperationCanceledException ? "The run was stopped." : failure.Message;
            Complete(JournalFormat.Refused, null, "Not sent: " + cause, null, NotSentAnswer, null, failure as CopilotException);
        }

        /// <summary>
        /// The request failed: a 4xx from GitHub is Refused (nothing applied), with its status and GitHub's message; a 5xx,
        /// a dropped connection, a timeout or a stop is Unknown (GitHub may have applied it).
        /// </summary>
        public void Failed(Exception failure)
        {
            if (RequestNotSent.Was(failure))
                NotSent(failure);
            else if (failure is CopilotApiException api)
            {
                string message = api.GitHubMessage ?? api.Message;
                bool refused = api.StatusCode < 500;
                Complete(refused ? JournalFormat.Refused : JournalFormat.Unknown, api.StatusCode, message, null,
                    refused ? $"GitHub refused it ({api.StatusCode})" : $"GitHub answered {api.StatusCode}", null, api);
            }
            else if (failure is OperationCanceledException)
                Complete(JournalFormat.Unknown, null, "The run was stopped before GitHub answered.", null, "the run was stopped before GitHub answered", null, null);
            else
                Complete(JournalFormat.Unknown, null, failure.Message, null, "no answer came", null, failure as CopilotException);
        }

        private const string NotSentAnswer = "was not sent";

        /// <summary>Writes the lines that complete the request; lines that cannot be written are a CopilotSeats.JournalIncomplete saying what GitHub answered.</summary>
        private void Complete(string outcome, int? status, string? message, int? seatsChanged, string answer, object? result, CopilotException? failure)
        {
            try
            {
                Write(outcome, status, message, seatsChanged);
            }
            catch (CopilotException ex) when (ex.ErrorId == "CopilotSeats.JournalUnavailable" && ex.InnerException != null)
            {
                bool budget = _type == JournalFormat.BudgetType;
                string what = _names.Count == 1 ? $"'{_names[0]}'" : $"{_names.Count} names";
                throw new JournalIncompleteException(_journal.Path,
                    $"The request for {what} in the {_scope} {(answer == NotSentAnswer ? answer : "was sent and " + answer)}, but the change journal '{_journal.Path}' could not record it ({ChangeJournal.Cause(ex.InnerException)}); no further request was started.",
                    ex.InnerException, result, failure)
                {
                    RecommendedAction = $"Check the {(budget ? "budgets with Get-CopilotBudget" : "seats with Get-CopilotSeat")}: the journal lacks this answer. Then free the journal or pass another -JournalPath.",
                };
            }
        }

        internal void Write(string outcome, int? status, string? message, int? seatsChanged)
        {
            var lines = new List<CopilotJournalEntry>(_names.Count);
            foreach (string name in _names)
            {
                CopilotJournalEntry line = _journal.Line(_number, _scope, _action, _type, name, outcome);
                line.Status = status;
                line.Message = message;
                if (Adds) line.SeatsCreated = seatsChanged;
                else line.SeatsCancelled = seatsChanged;
                line.AmountUsd = AmountUsd;
                line.OldAmountUsd = OldAmountUsd;
                lines.Add(line);
            }
            _journal.Append(lines);
        }
    }
}
