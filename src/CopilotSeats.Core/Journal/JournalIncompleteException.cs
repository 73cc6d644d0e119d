namespace CopilotSeats.Journal
{
    /// <summary>
    /// CopilotSeats.JournalIncomplete (terminating, WriteError): a request was sent and answered, but the journal could not
    /// record the answer (disk full, its lock held past <see cref="ChangeJournal.LockTimeout"/>). The journal can no longer be
    /// trusted, so the command sends nothing more; what GitHub applied (<see cref="Result"/>) or refused (<see cref="Failure"/>)
    /// is still reported before it stops.
    /// </summary>
    public sealed class JournalIncompleteException : CopilotException
    {
        internal JournalIncompleteException(string path, string message, Exception cause, object? result, CopilotException? failure)
            : base("CopilotSeats.JournalIncomplete", CopilotErrorCategory.WriteError, path, message, cause)
        {
            Result = result;
            Failure = failure;
            IsTerminating = true;
        }

        /// <summary>The same failure, carrying <paramref name="result"/>: what the caller made of the applied answer.</summary>
        internal JournalIncompleteException WithResult(object result) =>
            new JournalIncompleteException((string)TargetObject!, Message, InnerException!, result, Failure) { RecommendedAction = RecommendedAction };

        /// <summary>What the request's sender returned when GitHub applied it (a <see cref="CopilotSeatChange"/> for seats); null otherwise.</summary>
        public object? Result { get; }

        /// <summary>GitHub's failure when the request was refused or went unanswered; null when it was applied.</summary>
        public CopilotException? Failure { get; }
    }
}
