using CopilotSeats.Validation;

namespace CopilotSeats.Journal
{
    /// <summary>
    /// A journal entry read back from a record that is not a live <see cref="CopilotJournalEntry"/>: an Import-Csv row of
    /// an exported journal, a ConvertFrom-Json object, or a deserialized entry (see <see cref="RecordReader"/>). So such an
    /// entry undoes only itself, as the live entry does, not its whole run.
    /// </summary>
    public static class JournalRecord
    {
        /// <summary>Whether the record is shaped like a journal entry: a RunId, a Request, a Name and an Outcome (a change of a run has no Request or Outcome).</summary>
        public static bool IsEntry(IDictionary<string, object?> record) =>
            RecordReader.Has(record, nameof(CopilotJournalEntry.RunId), nameof(CopilotJournalEntry.Request), nameof(CopilotJournalEntry.Name), nameof(CopilotJournalEntry.Outcome));

        /// <summary>The entry the record describes; a value that does not read as its property's type is a CopilotSeats.InvalidJournalEntry error.</summary>
        /// <param name="deserialized">See <see cref="RecordReader"/>.</param>
        public static CopilotJournalEntry Read(IDictionary<string, object?> record, bool deserialized = false)
        {
            var field = new RecordReader(record, "CopilotSeats.InvalidJournalEntry", "journal entry", deserialized);
            return new CopilotJournalEntry
            {
                RunId = field.Required(nameof(CopilotJournalEntry.RunId), field.Id, "GUID"),
                Request = field.Number(nameof(CopilotJournalEntry.Request), int.Parse) ?? 0,
                Time = field.Required(nameof(CopilotJournalEntry.Time), field.Time, "date"),
                Command = field.Text(nameof(CopilotJournalEntry.Command)) ?? string.Empty,
                Organization = field.Text(nameof(CopilotJournalEntry.Organization)),
                Enterprise = field.Text(nameof(CopilotJournalEntry.Enterprise)),
                Action = field.Text(nameof(CopilotJournalEntry.Action)) ?? string.Empty,
                AssigneeType = field.Text(nameof(CopilotJournalEntry.AssigneeType)) ?? string.Empty,
                Name = field.Text(nameof(CopilotJournalEntry.Name)) ?? string.Empty,
                Outcome = field.Text(nameof(CopilotJournalEntry.Outcome)) ?? string.Empty,
                Status = field.Number(nameof(CopilotJournalEntry.Status), int.Parse),
                Message = field.Text(nameof(CopilotJournalEntry.Message)),
                SeatsCreated = field.Number(nameof(CopilotJournalEntry.SeatsCreated), int.Parse),
                SeatsCancelled = field.Number(nameof(CopilotJournalEntry.SeatsCancelled), int.Parse),
                AmountUsd = field.Number(nameof(CopilotJournalEntry.AmountUsd), int.Parse),
                OldAmountUsd = field.Number(nameof(CopilotJournalEntry.OldAmountUsd), int.Parse),
                UndoOf = field.Id(nameof(CopilotJournalEntry.UndoOf)),
            };
        }
    }
}
