using CopilotSeats.Journal;

namespace CopilotSeats.Seats
{
    /// <summary>
    /// The one way a seat change is sent with its record: every request of a batch (a 422's narrowed resend included)
    /// has its names' Sent lines written before it goes, and completed (Applied, Refused or Unknown) after; one whose credential
    /// could not be had (a GitHub App token GitHub would not renew, say) was never sent: Refused, so no undo acts on it.
    /// A journal that cannot be written stops the batch before that request is sent (CopilotSeats.JournalUnavailable), or, after
    /// GitHub answered, with CopilotSeats.JournalIncomplete: the outcome's <see cref="BatchOutcome.Stop"/>, with the change GitHub applied.
    /// </summary>
    public static class JournaledSend
    {
        /// <summary>
        /// Sends one batch of at most 100 names like <see cref="CopilotClient.ChangeSeatsIsolatedAsync(SeatScope, SeatAction, AssigneeKind, IReadOnlyList{string}, CancellationToken)"/>,
        /// journaled in <paramref name="journal"/> (its run id and command); null sends without a record (-NoJournal).
        /// </summary>
        public static Task<BatchOutcome> SendAsync(CopilotClient client, ChangeJournal? journal, SeatScope scope, SeatAction action, AssigneeKind kind,
            IReadOnlyList<string> names, CancellationToken cancellationToken)
        {
            if (client is null) throw new ArgumentNullException(nameof(client));
            if (journal is null) return client.ChangeSeatsIsolatedAsync(scope, action, kind, names, cancellationToken);
            return client.ChangeSeatsIsolatedAsync(scope, action, kind, names, (list, ct) => journal.Sent(scope, action, kind, list).CompleteAsync(() => client.ReadyToSendAsync(scope, ct), async () =>
            {
                CopilotSeatChange change = await client.ChangeSeatsAsync(scope, action, kind, list, ct).ConfigureAwait(false);
                change.RunId = journal.RunId;
                return change;
            }, c => c.SeatsChanged), cancellationToken);
        }
    }
}
