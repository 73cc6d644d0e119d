using System.Collections;
using System.Globalization;

namespace CopilotSeats.Validation
{
    /// <summary>
    /// Reads the typed fields of a record that is not a live object of the module: an Import-Csv row (every value text,
    /// written in the session's culture), a ConvertFrom-Json object (dates as DateTime), or a deserialized object from
    /// Import-Clixml, a job or remoting (a DateTimeOffset comes back as a property bag, given here as a dictionary, or at
    /// depth 1 as text written culture-invariant). An empty value is null; one that does not read as its field's type is an
    /// error naming the record and the field, never a guess: text is read in the culture it was written in, else as ISO 8601.
    /// </summary>
    public sealed class RecordReader
    {
        private readonly IDictionary<string, object?> _record;
        private readonly string _errorId;
        private readonly string _what;
        private readonly CultureInfo _written;

        /// <param name="record">The record's properties by name (case-insensitive); a nested property bag as a dictionary.</param>
        /// <param name="errorId">The ErrorId of a field that does not read.</param>
        /// <param name="what">The record in an error: "seat record", "journal entry".</param>
        /// <param name="deserialized">A deserialized object: its text was written culture-invariant (PowerShell's serializer), not in the session's culture (Export-Csv).</param>
        public RecordReader(IDictionary<string, object?> record, string errorId, string what, bool deserialized = false)
        {
            _record = record;
            _errorId = errorId;
            _what = what;
            _written = deserialized ? CultureInfo.InvariantCulture : CultureInfo.CurrentCulture;
            Name = Text(nameof(Name)) ?? Text("Login");
        }

        /// <summary>The record's Name (else Login): what an error names it by.</summary>
        public string? Name { get; }

        /// <summary>Whether the record has every one of these properties (any value).</summary>
        public static bool Has(IDictionary<string, object?> record, params string[] names) => names.All(record.ContainsKey);

        /// <summary>The field as text; empty (or a nested record) is null.</summary>
        public string? Text(string name) =>
            _record.TryGetValue(name, out object? value) && value != null && value is not IDictionary && value.ToString() is { Length: > 0 } text ? text : null;

        public T? Number<T>(string name, Func<string, NumberStyles, IFormatProvider, T> parse) where T : struct
        {
            if (!_record.TryGetValue(name, out object? value) || value is null) return null;
            if (value is T typed) return typed;
            if (value is IConvertible && value is not string)
            {
                try { return (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture); }
                catch (Exception ex) when (ex is InvalidCastException or OverflowException or FormatException) { throw Invalid(name, value, "number"); }
            }
            string text = value.ToString()?.Trim() ?? string.Empty;
            if (text.Length == 0) return null;
            // Export-Csv writes numbers in the session's culture ("1,5" in de-DE) and never with group separators. Text of
            // another culture reads culture-invariant only when it cannot be a grouped number of this one: "1.000" in
            // de-DE is an error, not 1.
            try { return parse(text, NumberStyles.Float, _written); }
            catch (Exception ex) when (ex is FormatException or OverflowException) { }
            if (text.Contains(_written.NumberFormat.NumberGroupSeparator)) throw Invalid(name, value, "number");
            try { return parse(text, NumberStyles.Float, CultureInfo.InvariantCulture); }
            catch (Exception ex) when (ex is FormatException or OverflowException) { throw Invalid(name, value, "number"); }
        }

        public DateTimeOffset? Time(string name)
        {
            if (!_record.TryGetValue(name, out object? value) || value is null) return null;
            switch (value)
            {
                case DateTimeOffset time: return time;
                // One of unspecified kind (a text without offset) is taken as UTC, as GitHub's and the journal's times are.
                case DateTime date: return new DateTimeOffset(date.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(date, DateTimeKind.Utc) : date);
                // A deserialized DateTimeOffset: its properties, of which UtcDateTime is exact.
                case IDictionary bag when bag.Contains("UtcDateTime") && bag["UtcDateTime"] is DateTime utc:
                    return new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
            }
            string text = value.ToString()?.Trim() ?? string.Empty;
            if (text.Length == 0) return null;
            // Export-Csv writes the session's culture (30/11/2026 in en-GB, 11/30/2026 in en-US), the serializer the
            // invariant one; else only ISO 8601 (yyyy-MM-dd...), never a guess between day and month.
            if (DateTimeOffset.TryParse(text, _written, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed)) return parsed;
            if (IsoDate.IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out parsed)) return parsed;
            throw Invalid(name, value, "date");
        }

        public Guid? Id(string name)
        {
            if (!_record.TryGetValue(name, out object? value) || value is null) return null;
            if (value is Guid id) return id;
            string text = value.ToString()?.Trim() ?? string.Empty;
            if (text.Length == 0) return null;
            return Guid.TryParse(text, out Guid parsed) ? parsed : throw Invalid(name, value, "GUID");
        }

        /// <summary>A field the record cannot do without: empty or missing, it is an error as a value that does not read.</summary>
        public T Required<T>(string name, Func<string, T?> read, string kind) where T : struct =>
            read(name) ?? throw Invalid(name, _record.TryGetValue(name, out object? value) ? value ?? string.Empty : string.Empty, kind);

        private static readonly System.Text.RegularExpressions.Regex IsoDate = new System.Text.RegularExpressions.Regex(@"^\d{4}-\d{2}-\d{2}([T ]|$)");

        private CopilotException Invalid(string name, object value, string kind) => new CopilotException(_errorId, CopilotErrorCategory.InvalidArgument, Name,
            $"The {_what} of '{Name}' has {name} '{value}', which is not a {kind}.")
        { RecommendedAction = $"Correct {name} in the file, or read the {_what}s again from the module." };
    }
}
