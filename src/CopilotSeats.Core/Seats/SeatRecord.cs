using CopilotSeats.Validation;

namespace CopilotSeats.Seats
{
    /// <summary>
    /// A seat read back from a record that is not a live <see cref="CopilotSeat"/>: an Import-Csv row of an exported
    /// seat list, a ConvertFrom-Json object, or a deserialized seat (see <see cref="RecordReader"/>).
    /// </summary>
    public static class SeatRecord
    {
        /// <summary>
        /// Whether the record is shaped like a seat: it has a Login (any value: a deleted account's is empty) and a
        /// CreatedAt or LastActivityAt, the fields every seat listing and export has, and no Action (a plan item has Login
        /// and LastActivityAt too, and an Add item is no seat).
        /// </summary>
        public static bool IsSeat(IDictionary<string, object?> record) =>
            record.ContainsKey(nameof(CopilotSeat.Login)) && (record.ContainsKey(nameof(CopilotSeat.CreatedAt)) || record.ContainsKey(nameof(CopilotSeat.LastActivityAt)))
            && !record.ContainsKey(nameof(CopilotSeatPlanItem.Action));

        /// <summary>The seat the record describes; a value that does not read as its property's type is a CopilotSeats.InvalidSeatRecord error.</summary>
        /// <param name="deserialized">See <see cref="RecordReader"/>.</param>
        public static CopilotSeat Read(IDictionary<string, object?> record, bool deserialized = false)
        {
            var field = new RecordReader(record, "CopilotSeats.InvalidSeatRecord", "seat record", deserialized);
            return new CopilotSeat
            {
                Login = field.Text(nameof(CopilotSeat.Login)) ?? string.Empty,
                UserId = field.Number(nameof(CopilotSeat.UserId), long.Parse),
                AssigneeType = field.Text(nameof(CopilotSeat.AssigneeType)),
                Organization = field.Text(nameof(CopilotSeat.Organization)),
                Enterprise = field.Text(nameof(CopilotSeat.Enterprise)),
                AssigningTeam = field.Text(nameof(CopilotSeat.AssigningTeam)),
                PlanType = field.Text(nameof(CopilotSeat.PlanType)),
                CreatedAt = field.Time(nameof(CopilotSeat.CreatedAt)),
                LastActivityAt = field.Time(nameof(CopilotSeat.LastActivityAt)),
                LastActivityEditor = field.Text(nameof(CopilotSeat.LastActivityEditor)),
                LastAuthenticatedAt = field.Time(nameof(CopilotSeat.LastAuthenticatedAt)),
                PendingCancellationDate = field.Time(nameof(CopilotSeat.PendingCancellationDate)),
                DaysInactive = field.Number(nameof(CopilotSeat.DaysInactive), int.Parse),
                UsageActiveDays = field.Number(nameof(CopilotSeat.UsageActiveDays), int.Parse),
                UsageLastActiveDay = field.Time(nameof(CopilotSeat.UsageLastActiveDay))?.DateTime,
                UsageInteractions = field.Number(nameof(CopilotSeat.UsageInteractions), long.Parse),
                UsageAiCreditsUsed = field.Number(nameof(CopilotSeat.UsageAiCreditsUsed), decimal.Parse),
                UsageReportEndDay = field.Time(nameof(CopilotSeat.UsageReportEndDay))?.DateTime,
            };
        }
    }
}
