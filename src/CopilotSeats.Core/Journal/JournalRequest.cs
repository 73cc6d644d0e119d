namespace CopilotSeats.Journal
{
    /// <summary>One add or cancel request whose Sent lines are written: completes them with what came of it.</summary>
    public sealed class JournalRequest
    {
        private readonly ChangeJournal _journal;
        private readonly int _number;
        private readonly SeatScope _scope;
        private readonly SeatAction _action;
        private readonly AssigneeKind _kind;
        private readonly IReadOnlyList<string> _names;

        internal JournalRequest(ChangeJournal journal, int number, SeatScope scope, SeatAction action, AssigneeKind kind, IReadOnlyList<string> names)
        {
            _journal = journal;
            _number = number;
            _scope = scope;
            _action = action;
            _kind = kind;
            _names = names;
        }

        /// <summary>GitHub applied the request: seats_created (add) or seats_cancelled (remove) on every name's line.</summary>
        public void Applied(int seatsChanged) => Write(JournalFormat.Applied, null, null, seatsChanged);

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
                CopilotJournalEntry line = _journal.Line(_number, _scope, _action, _kind, name, outcome);
                line.Status = status;
                line.Message = message;
                if (_action == SeatAction.Add) line.SeatsCreated = seatsChanged;
                else line.SeatsCancelled = seatsChanged;
                lines.Add(line);
            }
            _journal.Append(lines);
        }
    }
}
