using System.Globalization;
using System.Text;
using System.Text.Json;
using CopilotSeats.Seats;

namespace CopilotSeats.Usage
{
    /// <summary>How report records come out: typed (CopilotUserUsage for the users reports, a <see cref="JsonRecord"/> otherwise) or raw JSON text.</summary>
    public enum UsageRecordFormat { Typed, Raw }

    /// <summary>A JSON object of a report record with its own property names, in order: values are null, string, bool, long, decimal, double, JsonRecord or object[].</summary>
    public sealed class JsonRecord
    {
        public JsonRecord(IReadOnlyList<KeyValuePair<string, object?>> properties) { Properties = properties; }
        public IReadOnlyList<KeyValuePair<string, object?>> Properties { get; }
    }

    /// <summary>Report lines to output objects. A line that is not a JSON object throws <see cref="JsonException"/>.</summary>
    public static class UsageRecordMapper
    {
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false, true);

        /// <summary>The object for one line of <paramref name="kind"/>'s report; a users record without a day of its own gets <paramref name="reportDay"/> (a 1-day report's report_day).</summary>
        public static object Map(ReadOnlyMemory<byte> line, UsageReportKind kind, UsageRecordFormat format, SeatScope scope, DateTime? reportDay = null)
        {
            using JsonDocument doc = JsonDocument.Parse(line);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new JsonException($"The line is JSON {root.ValueKind.ToString().ToLowerInvariant()}, not a JSON object.");
            if (format == UsageRecordFormat.Raw) return Utf8.GetString(line.ToArray());
            if (kind != UsageReportKind.Users) return ToRecord(root);
            CopilotUserUsage usage = ToUserUsage(root, scope);
            usage.Day ??= reportDay?.Date;
            return usage;
        }

        /// <summary>A users report record as <see cref="CopilotUserUsage"/> (missing fields are 0, false or null; unknown ones are ignored).</summary>
        public static CopilotUserUsage ToUserUsage(JsonElement root, SeatScope scope)
        {
            var usage = new CopilotUserUsage
            {
                Organization = scope.Organization,
                Enterprise = scope.Enterprise,
                Day = UsageReportSpec.ParseDay(String(root, "day")),
                Login = String(root, "user_login"),
                UserId = Int(root, "user_id"),
                Interactions = Int(root, "user_initiated_interaction_count") ?? 0,
                CodeGenerations = Int(root, "code_generation_activity_count") ?? 0,
                CodeAcceptances = Int(root, "code_acceptance_activity_count") ?? 0,
                LinesSuggestedToAdd = Int(root, "loc_suggested_to_add_sum") ?? 0,
                LinesSuggestedToDelete = Int(root, "loc_suggested_to_delete_sum") ?? 0,
                LinesAdded = Int(root, "loc_added_sum") ?? 0,
                LinesDeleted = Int(root, "loc_deleted_sum") ?? 0,
                UsedChat = Bool(root, "used_chat"),
                UsedAgent = Bool(root, "used_agent"),
                UsedCli = Bool(root, "used_cli"),
                AiCreditsUsed = Decimal(root, "ai_credits_used"),
                Ides = Names(root, "totals_by_ide", "ide"),
                Features = Names(root, "totals_by_feature", "feature"),
            };
            usage.Active = IsActive(usage);
            return usage;
        }

        /// <summary>The rule of USAGE-REPORTS.md: any of the three activity counts above zero, or any used_* flag.</summary>
        public static bool IsActive(CopilotUserUsage u) =>
            u.Interactions > 0 || u.CodeGenerations > 0 || u.CodeAcceptances > 0 || u.UsedChat || u.UsedAgent || u.UsedCli;

        /// <summary>The record as a tree of its own property names (nested objects and arrays kept).</summary>
        public static JsonRecord ToRecord(JsonElement obj)
        {
            var properties = new List<KeyValuePair<string, object?>>();
            foreach (JsonProperty p in obj.EnumerateObject()) properties.Add(new KeyValuePair<string, object?>(p.Name, ToValue(p.Value)));
            return new JsonRecord(properties);
        }

        private static object? ToValue(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object: return ToRecord(e);
                case JsonValueKind.Array:
                    var items = new object?[e.GetArrayLength()];
                    int i = 0;
                    foreach (JsonElement item in e.EnumerateArray()) items[i++] = ToValue(item);
                    return items;
                case JsonValueKind.String: return e.GetString();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.Number:
                    if (e.TryGetInt64(out long l)) return l;
                    if (e.TryGetDecimal(out decimal d)) return d;
                    return e.GetDouble();
                default: return null;
            }
        }

        private static string? String(JsonElement root, string name) =>
            root.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        // Numbers are also read from numeric strings (some exports quote ids): a record is never half-lost to a quoting choice.
        private static long? Int(JsonElement root, string name)
        {
            if (!root.TryGetProperty(name, out JsonElement v)) return null;
            if (v.ValueKind == JsonValueKind.String)
                return long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed) ? parsed : (long?)null;
            if (v.ValueKind != JsonValueKind.Number) return null;
            if (v.TryGetInt64(out long l)) return l;
            double d = v.GetDouble();
            return d >= long.MaxValue ? long.MaxValue : d <= long.MinValue ? long.MinValue : (long)Math.Round(d);
        }

        private static bool Bool(JsonElement root, string name) =>
            root.TryGetProperty(name, out JsonElement v)
            && (v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.String && string.Equals(v.GetString(), "true", StringComparison.OrdinalIgnoreCase)));

        private static decimal? Decimal(JsonElement root, string name)
        {
            if (!root.TryGetProperty(name, out JsonElement v)) return null;
            if (v.ValueKind == JsonValueKind.String)
                return decimal.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal parsed) ? parsed : (decimal?)null;
            if (v.ValueKind != JsonValueKind.Number) return null;
            return v.TryGetDecimal(out decimal d) ? d : (decimal?)null;
        }

        /// <summary>The distinct values of <paramref name="field"/> in the objects of the array <paramref name="array"/>, sorted, joined with ", ".</summary>
        private static string Names(JsonElement root, string array, string field)
        {
            if (!root.TryGetProperty(array, out JsonElement list) || list.ValueKind != JsonValueKind.Array) return string.Empty;
            var names = new SortedSet<string>(NameOrder.Instance);
            foreach (JsonElement item in list.EnumerateArray())
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty(field, out JsonElement v) && v.ValueKind == JsonValueKind.String
                    && !string.IsNullOrWhiteSpace(v.GetString()))
                    names.Add(v.GetString()!);
            return string.Join(", ", names);
        }

        /// <summary>
        /// Case-insensitive, ordinal over the lower-case names: "visual_studio" before "visualstudio", as sorting the
        /// names in PowerShell, Python or C# (ordinal) gives; OrdinalIgnoreCase would put '_' after the letters.
        /// </summary>
        private sealed class NameOrder : IComparer<string>
        {
            public static readonly NameOrder Instance = new NameOrder();
            public int Compare(string? x, string? y) => string.CompareOrdinal(x?.ToLowerInvariant(), y?.ToLowerInvariant());
        }
    }
}
