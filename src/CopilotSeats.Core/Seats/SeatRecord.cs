using System.Collections;
using System.Globalization;

namespace CopilotSeats.Seats
{
    /// <summary>
    /// A seat read back from a record that is not a live <see cref="CopilotSeat"/>: an Import-Csv row of an exported
    /// seat list (every value text, dates as PowerShell writes them), a ConvertFrom-Json object (dates as DateTime), or
    /// a deserialized seat from Import-Clixml, a job or remoting (a DateTimeOffset comes back as a property bag). The
    /// cmdlet layer hands the record's properties over as a case-insensitive dictionary, a nested record as a nested
    /// dictionary.
    /// </summary>
    public static class SeatRecord
    {
        private static readonly string[] DateFields = { nameof(CopilotSeat.CreatedAt), nameof(CopilotSeat.LastActivityAt) };

        /// <summary>
        /// Whether the record is shaped like a seat: it has a Login (any value: a deleted account's is empty) and a
        /// CreatedAt or LastActivityAt, the fields every seat listing and export has.
        /// </summary>
        public static bool IsSeat(IDictionary<string, object?> record) =>
            record.ContainsKey(nameof(CopilotSeat.Login)) && DateFields.Any(record.ContainsKey);

        /// <summary>The seat the record describes; an empty value is null. A value that does not read as its property's type is a CopilotSeats.InvalidSeatRecord error.</summary>
        public static CopilotSeat Read(IDictionary<string, object?> record)
        {
            string? login = Text(record, nameof(CopilotSeat.Login));
            var reader = new FieldReader(record, login);
            return new CopilotSeat
            {
                Login = login ?? string.Empty,
                UserId = reader.Number(nameof(CopilotSeat.UserId), long.Parse),
                AssigneeType = Text(record, nameof(CopilotSeat.AssigneeType)),
                Organization = Text(record, nameof(CopilotSeat.Organization)),
                Enterprise = Text(record, nameof(CopilotSeat.Enterprise)),
                AssigningTeam = Text(record, nameof(CopilotSeat.AssigningTeam)),
                PlanType = Text(record, nameof(CopilotSeat.PlanType)),
                CreatedAt = reader.Time(nameof(CopilotSeat.CreatedAt)),
                LastActivityAt = reader.Time(nameof(CopilotSeat.LastActivityAt)),
                LastActivityEditor = Text(record, nameof(CopilotSeat.LastActivityEditor)),
                LastAuthenticatedAt = reader.Time(nameof(CopilotSeat.LastAuthenticatedAt)),
                PendingCancellationDate = reader.Time(nameof(CopilotSeat.PendingCancellationDate)),
                DaysInactive = reader.Number(nameof(CopilotSeat.DaysInactive), int.Parse),
                UsageActiveDays = reader.Number(nameof(CopilotSeat.UsageActiveDays), int.Parse),
                UsageLastActiveDay = reader.Time(nameof(CopilotSeat.UsageLastActiveDay))?.DateTime,
                UsageInteractions = reader.Number(nameof(CopilotSeat.UsageInteractions), long.Parse),
                UsageAiCreditsUsed = reader.Number(nameof(CopilotSeat.UsageAiCreditsUsed), decimal.Parse),
                UsageReportEndDay = reader.Time(nameof(CopilotSeat.UsageReportEndDay))?.DateTime,
            };
        }

        private static string? Text(IDictionary<string, object?> record, string name) =>
            record.TryGetValue(name, out object? value) && value != null && value is not IDictionary && value.ToString() is { Length: > 0 } text ? text : null;

        /// <summary>Reads typed fields, each from its own value or its text; the login names the record in an error.</summary>
        private sealed class FieldReader
        {
            private readonly IDictionary<string, object?> _record;
            private readonly string? _login;

            public FieldReader(IDictionary<string, object?> record, string? login)
            {
                _record = record;
                _login = login;
            }

            public T? Number<T>(string name, Func<string, NumberStyles, IFormatProvider, T> parse) where T : struct
            {
                if (!_record.TryGetValue(name, out object? value) || value is null) return null;
                if (value is T typed) return typed;
                if (value is IConvertible && value is not string)
                {
                    try { return (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture); }
                    catch (Exception ex) when (ex is InvalidCastException or OverflowException or FormatException) { throw Invalid(name, value); }
                }
                string text = value.ToString()?.Trim() ?? string.Empty;
                if (text.Length == 0) return null;
                // Export-Csv writes numbers in the session's culture ("1,5" in de-DE), ConvertTo-Json culture-invariant; no
                // group separators, so "1.5" in de-DE is one and a half, not fifteen.
                try { return parse(text, NumberStyles.Float, CultureInfo.CurrentCulture); }
                catch (Exception ex) when (ex is FormatException or OverflowException) { }
                try { return parse(text, NumberStyles.Float, CultureInfo.InvariantCulture); }
                catch (Exception ex) when (ex is FormatException or OverflowException) { throw Invalid(name, value); }
            }

            public DateTimeOffset? Time(string name)
            {
                if (!_record.TryGetValue(name, out object? value) || value is null) return null;
                switch (value)
                {
                    case DateTimeOffset time: return time;
                    case DateTime date: return Offset(date);
                    // A deserialized DateTimeOffset: its properties, of which UtcDateTime is exact.
                    case IDictionary bag when bag.Contains("UtcDateTime") && bag["UtcDateTime"] is DateTime utc:
                        return new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
                }
                string text = value.ToString()?.Trim() ?? string.Empty;
                if (text.Length == 0) return null;
                // Export-Csv writes the session's culture (30/11/2026 in en-GB, 11/30/2026 in en-US); ISO 8601 reads in any.
                foreach (CultureInfo culture in new[] { CultureInfo.CurrentCulture, CultureInfo.InvariantCulture })
                {
                    if (DateTimeOffset.TryParse(text, culture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed)) return parsed;
                }
                throw Invalid(name, value);
            }

            /// <summary>A DateTime as it stands; one of unspecified kind (a text without offset) is taken as UTC, as GitHub's times are.</summary>
            private static DateTimeOffset Offset(DateTime date) =>
                new DateTimeOffset(date.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(date, DateTimeKind.Utc) : date);

            private CopilotException Invalid(string name, object value) => new CopilotException("CopilotSeats.InvalidSeatRecord",
                CopilotErrorCategory.InvalidArgument, _login,
                $"The seat record of '{_login}' has {name} '{value}', which is not a {(name.EndsWith("At", StringComparison.Ordinal) || name.EndsWith("Day", StringComparison.Ordinal) || name.EndsWith("Date", StringComparison.Ordinal) ? "date" : "number")}.")
            { RecommendedAction = $"Correct {name} in the file, or list the seats again with Get-CopilotSeat." };
        }
    }
}
