using System.Collections;
using System.Globalization;
using CopilotSeats.Seats;

namespace CopilotSeats.Core.Tests;

/// <summary>Seats read back from exported rows: the values as Export-Csv, ConvertFrom-Json and Import-Clixml give them.</summary>
public class SeatRecordTests
{
    /// <summary>Runs <paramref name="test"/> with the thread's culture set to <paramref name="culture"/> (as a pwsh session's would be).</summary>
    internal static void InCulture(string culture, Action test)
    {
        CultureInfo before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(culture);
            test();
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    private static Dictionary<string, object?> Record(params (string Name, object? Value)[] fields)
    {
        var record = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in fields) record[name] = value;
        return record;
    }

    [Fact]
    public void A_csv_row_reads_as_the_seat_it_was_with_empty_cells_as_null()
    {
        CopilotSeat seat = SeatRecord.Read(Record(("login", "alice"), ("UserId", "42"), ("Organization", "octo-org"), ("Enterprise", ""),
            ("PlanType", "business"), ("CreatedAt", "2026-01-02T03:04:05Z"), ("LastActivityAt", "2026-11-30T23:00:00-05:00"),
            ("PendingCancellationDate", ""), ("DaysInactive", "3"), ("UsageAiCreditsUsed", "12.5"), ("UsageLastActiveDay", "2026-11-29")));
        Assert.Equal("alice", seat.Login);
        Assert.Equal(42L, seat.UserId);
        Assert.Equal("octo-org", seat.Organization);
        Assert.Null(seat.Enterprise);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), seat.CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.FromHours(-5)), seat.LastActivityAt);
        Assert.Null(seat.PendingCancellationDate);
        Assert.Equal(3, seat.DaysInactive);
        Assert.Equal(12.5m, seat.UsageAiCreditsUsed);
        Assert.Equal(new DateTime(2026, 11, 29), seat.UsageLastActiveDay);
        Assert.Null(seat.UsageActiveDays);
    }

    [Fact]
    public void Typed_values_of_json_and_clixml_keep_their_instant()
    {
        var utc = new DateTime(2026, 11, 1, 10, 0, 0, DateTimeKind.Utc);
        CopilotSeat seat = SeatRecord.Read(Record(("Login", "bob"), ("UserId", 7), ("CreatedAt", utc.ToLocalTime()),
            ("LastActivityAt", new Hashtable { ["UtcDateTime"] = utc, ["Offset"] = "02:00:00" }),
            ("LastAuthenticatedAt", new DateTime(2026, 11, 2, 8, 0, 0)), ("UsageInteractions", 5.0)));
        Assert.Equal(7L, seat.UserId);
        Assert.Equal(utc, seat.CreatedAt!.Value.UtcDateTime);
        Assert.Equal(utc, seat.LastActivityAt!.Value.UtcDateTime);
        Assert.Equal(new DateTime(2026, 11, 2, 8, 0, 0), seat.LastAuthenticatedAt!.Value.UtcDateTime);
        Assert.Equal(5L, seat.UsageInteractions);
    }

    [Fact]
    public void A_deleted_accounts_row_reads_with_an_empty_login()
    {
        CopilotSeat seat = SeatRecord.Read(Record(("Login", ""), ("CreatedAt", "2026-01-01T00:00:00Z")));
        Assert.Equal(string.Empty, seat.Login);
        Assert.Null(seat.UserId);
    }

    [Theory]
    [InlineData("de-DE", "30.11.2026 10:00:00 +01:00", "1234,5", "1,0")]
    [InlineData("de-DE", "2026-11-30T10:00:00+01:00", "1234,5", "1")]
    [InlineData("en-GB", "30/11/2026 10:00:00 +01:00", "1234.5", "1")]
    [InlineData("en-US", "11/30/2026 10:00:00 +01:00", "1234.5", "1.0")]
    public void Rows_written_in_the_sessions_culture_read_in_it(string culture, string created, string credits, string interactions)
    {
        InCulture(culture, () =>
        {
            CopilotSeat seat = SeatRecord.Read(Record(("Login", "c"), ("CreatedAt", created), ("UsageAiCreditsUsed", credits), ("UsageInteractions", interactions)));
            Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(1)), seat.CreatedAt);
            Assert.Equal(1234.5m, seat.UsageAiCreditsUsed);
            Assert.Equal(1L, seat.UsageInteractions);
        });
    }

    [Theory]
    [InlineData("en-GB", false, "12/01/2026 10:00:00 +00:00", 12, 1)]  // Export-Csv in en-GB: day first
    [InlineData("en-GB", true, "12/01/2026 10:00:00 +00:00", 1, 12)]   // a job's text: culture-invariant, month first
    [InlineData("en-US", true, "12/01/2026 10:00:00 +00:00", 1, 12)]
    public void Text_reads_in_the_culture_it_was_written_in(string culture, bool deserialized, string text, int day, int month)
    {
        InCulture(culture, () =>
        {
            DateTimeOffset? read = SeatRecord.Read(Record(("Login", "c"), ("CreatedAt", text)), deserialized).CreatedAt;
            Assert.Equal((day, month, 2026), (read!.Value.Day, read.Value.Month, read.Value.Year));
        });
    }

    [Theory]
    [InlineData("en-US", "CreatedAt", "30.11.2026 10:00:00 +01:00")]  // a de-DE file: no guess, an error
    [InlineData("de-DE", "UsageInteractions", "1.000")]              // a grouped number: no guess of 1
    [InlineData("en-US", "UsageAiCreditsUsed", "1,5")]
    public void Text_of_another_culture_that_could_be_misread_is_an_error(string culture, string field, string text)
    {
        InCulture(culture, () =>
        {
            Assert.Equal("CopilotSeats.InvalidSeatRecord", Assert.Throws<CopilotException>(() => SeatRecord.Read(Record(("Login", "c"), ("CreatedAt", "2026-01-01"), (field, text)))).ErrorId);
        });
    }

    [Theory]
    [InlineData("LastActivityAt", "soon", "date")]
    [InlineData("UsageLastActiveDay", "never", "date")]
    [InlineData("UserId", "x1", "number")]
    [InlineData("DaysInactive", "99999999999", "number")]
    public void A_value_that_does_not_read_is_an_error_naming_the_seat_and_field(string field, string value, string kind)
    {
        var ex = Assert.Throws<CopilotException>(() => SeatRecord.Read(Record(("Login", "dana"), ("CreatedAt", "2026-01-01"), (field, value))));
        Assert.Equal("CopilotSeats.InvalidSeatRecord", ex.ErrorId);
        Assert.Equal("dana", ex.TargetObject);
        Assert.Equal($"The seat record of 'dana' has {field} '{value}', which is not a {kind}.", ex.Message);
    }

    [Theory]
    [InlineData(true, "Login", "CreatedAt")]
    [InlineData(true, "login", "lastactivityat")]
    [InlineData(false, "Login", "Organization")]
    [InlineData(false, "Name", "CreatedAt")]
    [InlineData(false, "Login", "Action")] // a plan item: Login, LastActivityAt and an Action
    public void Only_a_record_with_a_login_and_a_seat_date_is_a_seat(bool expected, string first, string second)
    {
        var record = Record((first, "x"), (second, null));
        if (second == "Action") record["LastActivityAt"] = null;
        Assert.Equal(expected, SeatRecord.IsSeat(record));
    }
}

/// <summary>Journal entries read back: each undoes only itself, so it must read whole and typed.</summary>
public class JournalRecordTests
{
    private static Dictionary<string, object?> Row(params (string Name, object? Value)[] fields)
    {
        var record = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["RunId"] = "6f1c2b4e-0000-4000-8000-000000000001", ["Request"] = "2", ["Time"] = "2026-12-01T10:00:00Z", ["Command"] = "Remove-CopilotUser",
            ["Organization"] = "octo-org", ["Enterprise"] = "", ["Action"] = "Remove", ["AssigneeType"] = "User", ["Name"] = "mona",
            ["Outcome"] = "Applied", ["Status"] = "", ["SeatsCancelled"] = "1", ["UndoOf"] = "",
        };
        foreach (var (name, value) in fields) record[name] = value;
        return record;
    }

    [Fact]
    public void A_csv_row_reads_as_the_entry_it_was()
    {
        CopilotJournalEntry entry = Journal.JournalRecord.Read(Row());
        Assert.Equal(Guid.Parse("6f1c2b4e-0000-4000-8000-000000000001"), entry.RunId);
        Assert.Equal(2, entry.Request);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), entry.Time);
        Assert.Equal(("octo-org", (string?)null, "Remove", "User", "mona", "Applied"), (entry.Organization, entry.Enterprise, entry.Action, entry.AssigneeType, entry.Name, entry.Outcome));
        Assert.Null(entry.Status);
        Assert.Equal(1, entry.SeatsCancelled);
        Assert.Null(entry.UndoOf);
    }

    [Theory]
    [InlineData("RunId", "GUID")]
    [InlineData("Time", "date")]
    public void An_entry_without_its_run_or_time_is_an_error(string field, string kind)
    {
        var ex = Assert.Throws<CopilotException>(() => Journal.JournalRecord.Read(Row((field, ""))));
        Assert.Equal($"The journal entry of 'mona' has {field} '', which is not a {kind}.", ex.Message);
    }

    [Fact]
    public void A_bad_run_id_is_an_error_naming_the_entry()
    {
        var ex = Assert.Throws<CopilotException>(() => Journal.JournalRecord.Read(Row(("UndoOf", "run-7"))));
        Assert.Equal("CopilotSeats.InvalidJournalEntry", ex.ErrorId);
        Assert.Equal("The journal entry of 'mona' has UndoOf 'run-7', which is not a GUID.", ex.Message);
    }

    [Fact]
    public void A_change_of_a_run_is_not_an_entry()
    {
        Assert.True(Journal.JournalRecord.IsEntry(Row()));
        var change = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["RunId"] = Guid.NewGuid(), ["Action"] = "Remove", ["Requested"] = "mona", ["SeatsChanged"] = 1 };
        Assert.False(Journal.JournalRecord.IsEntry(change));
    }
}
