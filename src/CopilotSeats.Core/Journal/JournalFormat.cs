using System.Globalization;
using System.IO;
using System.Text.Json;
using CopilotSeats.Validation;

namespace CopilotSeats.Journal
{
    /// <summary>
    /// The journal's line format: one JSON object per line, UTF-8, fields in snake_case as GitHub writes them:
    /// <c>{"v":1,"run":"…","request":3,"time":"2026-12-06T10:00:00.000Z","command":"Remove-CopilotUser",
    /// "organization":"octo-org","action":"Remove","type":"User","name":"alice","outcome":"Applied","seats_cancelled":1}</c>. A budget change (Set-/Remove-CopilotBudget) has action SetBudget or
    /// RemoveBudget, type Budget and the optional amount_usd / old_amount_usd (whole dollars); readers ignore fields they do not know.
    /// Only these fields are ever written: names, targets and GitHub's own answer, never a token, key or URL query.
    /// </summary>
    public static class JournalFormat
    {
        public const int Version = 1;
        public const string Sent = "Sent";
        public const string Applied = "Applied";
        public const string Refused = "Refused";
        public const string Unknown = "Unknown";
        /// <summary>The type of a budget change's lines (Set-/Remove-CopilotBudget).</summary>
        public const string BudgetType = "Budget";
        /// <summary>The actions of budget changes: Set-CopilotBudget's create or update, Remove-CopilotBudget's delete.</summary>
        public const string SetBudget = "SetBudget";
        public const string RemoveBudget = "RemoveBudget";
        /// <summary>The name on the lines of the all-users budget.</summary>
        public const string AllUsersName = "(all users)";

        /// <summary>The lines, each ending in '\n', as one buffer (written with one call).</summary>
        public static byte[] Serialize(IReadOnlyList<CopilotJournalEntry> entries)
        {
            using var buffer = new MemoryStream(entries.Count * 256);
            foreach (CopilotJournalEntry entry in entries)
            {
                using (var w = new Utf8JsonWriter(buffer))
                {
                    Write(w, entry);
                }
                buffer.WriteByte((byte)'\n');
            }
            return buffer.ToArray();
        }

        private static void Write(Utf8JsonWriter w, CopilotJournalEntry e)
        {
            w.WriteStartObject();
            w.WriteNumber("v", Version);
            w.WriteString("run", e.RunId.ToString("D"));
            w.WriteNumber("request", e.Request);
            w.WriteString("time", e.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteString("command", e.Command);
            if (e.Organization != null) w.WriteString("organization", e.Organization);
            if (e.Enterprise != null) w.WriteString("enterprise", e.Enterprise);
            w.WriteString("action", e.Action);
            w.WriteString("type", e.AssigneeType);
            w.WriteString("name", e.Name);
            w.WriteString("outcome", e.Outcome);
            if (e.Status != null) w.WriteNumber("status", e.Status.Value);
            if (e.Message != null) w.WriteString("message", Scrub(e.Message));
            if (e.SeatsCreated != null) w.WriteNumber("seats_created", e.SeatsCreated.Value);
            if (e.SeatsCancelled != null) w.WriteNumber("seats_cancelled", e.SeatsCancelled.Value);
            if (e.AmountUsd != null) w.WriteNumber("amount_usd", e.AmountUsd.Value);
            if (e.OldAmountUsd != null) w.WriteNumber("old_amount_usd", e.OldAmountUsd.Value);
            if (e.UndoOf != null) w.WriteString("undo_of", e.UndoOf.Value.ToString("D"));
            w.WriteEndObject();
        }

        /// <summary>A message with nothing secret-shaped in it (<see cref="SecretText.Redact"/>: tokens, JWTs, URL queries), as a second guard behind the error mapper's.</summary>
        public static string Scrub(string message) => SecretText.Redact(message)!;

        /// <summary>One line, or null when it is not a journal line of this version (torn by a killed process, foreign, or newer).</summary>
        public static CopilotJournalEntry? Parse(byte[] line, int offset, int count) => Parse(line, offset, count, out _);

        /// <summary>
        /// As <see cref="Parse(byte[], int, int)"/>; <paramref name="newerRun"/> is set (to the line's run, or Guid.Empty) when the line is a
        /// journal line of a newer format ("v" above <see cref="Version"/>), which this version cannot read. A UTF-8 byte order mark before the line is skipped.
        /// </summary>
        internal static CopilotJournalEntry? Parse(byte[] line, int offset, int count, out Guid? newerRun)
        {
            newerRun = null;
            if (count >= 3 && line[offset] == 0xEF && line[offset + 1] == 0xBB && line[offset + 2] == 0xBF)
            {
                offset += 3;
                count -= 3;
            }
            try
            {
                using var doc = JsonDocument.Parse(new ReadOnlyMemory<byte>(line, offset, count));
                JsonElement r = doc.RootElement;
                if (r.ValueKind != JsonValueKind.Object) return null;
                bool hasRun = r.TryGetProperty("run", out JsonElement run) && run.ValueKind == JsonValueKind.String && Guid.TryParse(run.GetString(), out _);
                Guid runId = hasRun ? Guid.Parse(run.GetString()!) : Guid.Empty;
                if (Number(r, "v") > Version)
                {
                    newerRun = runId;
                    return null;
                }
                if (!hasRun) return null;
                string? outcome = Text(r, "outcome");
                string? time = Text(r, "time");
                if (outcome is null || time is null) return null;
                return new CopilotJournalEntry
                {
                    RunId = runId,
                    Request = Number(r, "request") ?? 0,
                    Time = DateTimeOffset.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                    Command = Text(r, "command") ?? string.Empty,
                    Organization = Text(r, "organization"),
                    Enterprise = Text(r, "enterprise"),
                    Action = Text(r, "action") ?? string.Empty,
                    AssigneeType = Text(r, "type") ?? string.Empty,
                    Name = Text(r, "name") ?? string.Empty,
                    Outcome = outcome,
                    Status = Number(r, "status"),
                    // Redacted on reading too: a journal written before the redaction may hold a token GitHub echoed.
                    Message = Text(r, "message") is { } message ? Scrub(message) : null,
                    SeatsCreated = Number(r, "seats_created"),
                    SeatsCancelled = Number(r, "seats_cancelled"),
                    AmountUsd = Number(r, "amount_usd"),
                    OldAmountUsd = Number(r, "old_amount_usd"),
                    UndoOf = Guid.TryParse(Text(r, "undo_of"), out Guid undoOf) ? undoOf : (Guid?)null,
                };
            }
            catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is InvalidOperationException || ex is ArgumentException)
            {
                return null;
            }
        }

        private static string? Text(JsonElement r, string name) =>
            r.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static int? Number(JsonElement r, string name) =>
            r.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n) ? n : (int?)null;

        /// <summary>The key that pairs a Sent line with the line that completes it.</summary>
        internal static string PairKey(CopilotJournalEntry e) =>
            e.RunId.ToString("N") + "|" + e.Request.ToString(CultureInfo.InvariantCulture) + "|" + e.Name.ToLowerInvariant();
    }
}
