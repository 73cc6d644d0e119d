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

        /// <summary>GitHub applied the request: seats_created (add) or seats_cancelled (remove) on every name's line; null for a budget.</summary>
        public void Applied(int? seatsChanged) => Write(JournalFormat.Applied, null, null, seatsChanged);

        /// <summary>
        /// Sends the request with <paramref name="send"/> and completes its lines: Applied (with the seats changed that
        /// <paramref name="seatsChanged"/> reads from the answer), or as <see cref="Failed"/> says, rethrowing the failure.
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
                Failed(ex);
                throw;
            }
            Applied(seatsChanged(result));
            return result;
        }

        /// <summary>
        /// The request failed: a 4xx from GitHub is Refused (nothing applied), with its status and GitHub's message; a 5xx,
        /// a dropped connection, a timeout or a stop is Unknown (GitHub may have applied it).
        /// </summary>
        public void Failed(Exception failure)
        {
            if (failure is CopilotApiException api)
            {
                string message = api.GitHubMessage ?? api.Message;
                Write(api.StatusCode < 500 ? JournalFormat.Refused : JournalFormat.Unknown, api.StatusCode, message, null);
            }
            else if (failure is OperationCanceledException)
                Write(JournalFormat.Unknown, null, "The run was stopped before GitHub answered.", null);
            else
                Write(JournalFormat.Unknown, null, failure.Message, null);
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
