using System.Text;
using CopilotSeats.Journal;

namespace CopilotSeats.Core.Tests;

/// <summary>The change journal's format, writer, reader and locations (no network).</summary>
public sealed class JournalTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "journal-tests-" + Guid.NewGuid().ToString("N"));
    private string File1 => Path.Combine(_dir, "j.jsonl");
    private static readonly SeatScope Org = SeatScope.ForOrganization("octo-org");

    public JournalTests() => Directory.CreateDirectory(_dir);
    public void Dispose() => Directory.Delete(_dir, true);

    private static CopilotJournalEntry[] Read(string file, JournalQuery? query = null) => JournalReader.Read(new[] { file }, query).ToArray();

    [Fact]
    public void A_line_round_trips_every_field_and_redacts_a_URL_query_and_a_token()
    {
        var entry = new CopilotJournalEntry
        {
            RunId = Guid.NewGuid(), Request = 7, Time = new DateTimeOffset(2026, 12, 6, 10, 0, 0, 123, TimeSpan.Zero), Command = "Remove-CopilotUser",
            Enterprise = "octo-ent", Action = "Remove", AssigneeType = "User", Name = "mona", Outcome = "Refused", Status = 422,
            Message = "echo: Authorization: token ghs_SECRET see https://x.example/a?sig=SECRET#frag now", SeatsCancelled = 0, AmountUsd = 10, OldAmountUsd = 5, UndoOf = Guid.NewGuid(),
        };
        byte[] line = JournalFormat.Serialize(new[] { entry });
        Assert.Equal((byte)'\n', line[^1]);
        Assert.DoesNotContain("SECRET", Encoding.UTF8.GetString(line));
        CopilotJournalEntry back = JournalFormat.Parse(line, 0, line.Length - 1)!;
        Assert.Equal("echo: Authorization: token [redacted] see https://x.example/a?[redacted]#frag now", back.Message);
        back.Message = entry.Message;
        Assert.Equivalent(entry, back);
    }

    [Fact]
    public void A_message_written_before_the_redaction_reads_back_redacted()
    {
        byte[] line = Encoding.UTF8.GetBytes("{\"v\":1,\"run\":\"6f1c2c1e-0000-4000-8000-000000000001\",\"time\":\"2026-12-01T10:00:00.000Z\",\"outcome\":\"Refused\",\"message\":\"echo: ghp_OLD0123456789abcdefghij\"}");
        Assert.Equal("echo: [redacted]", JournalFormat.Parse(line, 0, line.Length)!.Message);
    }

    [Fact]
    public void A_line_written_before_budget_amounts_existed_reads_without_them_and_writes_back_unchanged()
    {
        const string old = "{\"v\":1,\"run\":\"6f1c2c1e-0000-4000-8000-000000000001\",\"request\":1,\"time\":\"2026-12-01T10:00:00.000Z\",\"command\":\"Add-CopilotUser\",\"organization\":\"octo-org\",\"action\":\"Add\",\"type\":\"User\",\"name\":\"mona\",\"outcome\":\"Applied\",\"seats_created\":1}";
        CopilotJournalEntry entry = JournalFormat.Parse(Encoding.UTF8.GetBytes(old), 0, old.Length)!;
        Assert.Equal(("mona", 1, null, null), (entry.Name, entry.SeatsCreated, entry.AmountUsd, entry.OldAmountUsd));
        Assert.Equal(old + "\n", Encoding.UTF8.GetString(JournalFormat.Serialize(new[] { entry })));
    }

    [Theory]
    [InlineData("{\"v\":1,\"run\":\"6f1c")]
    [InlineData("not json")]
    [InlineData("{\"v\":1,\"outcome\":\"Applied\"}")]
    public void A_torn_or_foreign_line_is_not_an_entry(string text) =>
        Assert.Null(JournalFormat.Parse(Encoding.UTF8.GetBytes(text), 0, text.Length));

    [Fact]
    public void The_reader_pairs_Sent_lines_newest_first_and_reports_the_unanswered_as_Unknown_past_a_torn_line()
    {
        using (ChangeJournal journal = ChangeJournal.Open(File1, "Remove-CopilotUser"))
        {
            journal.Sent(Org, SeatAction.Remove, AssigneeKind.User, new[] { "a", "b" }).Applied(2);
            journal.Sent(Org, SeatAction.Remove, AssigneeKind.User, new[] { "c" }).Failed(new CopilotApiException(422, CopilotErrorCategory.InvalidOperation, "c", "x", "Not a member", null));
            journal.Sent(Org, SeatAction.Remove, AssigneeKind.User, new[] { "d" });
        }
        File.AppendAllText(File1, "{\"v\":1,\"run\":\"torn");
        CopilotJournalEntry[] entries = Read(File1);
        Assert.Equal(new[] { "d:Unknown", "c:Refused", "b:Applied", "a:Applied" }, entries.Select(e => e.Name + ":" + e.Outcome));
        Assert.Equal(JournalReader.NoAnswer, entries[0].Message);
        Assert.Equal((422, "Not a member"), (entries[1].Status!.Value, entries[1].Message));
        Assert.Equal(2, entries[2].SeatsCancelled);
    }

    [Fact]
    public void An_append_after_a_torn_line_starts_a_line_of_its_own()
    {
        File.WriteAllText(File1, "{\"torn");
        using (ChangeJournal journal = ChangeJournal.Open(File1, "Add-CopilotUser"))
            journal.Sent(Org, SeatAction.Add, AssigneeKind.User, new[] { "a" }).Applied(1);
        Assert.Equal("a", Assert.Single(Read(File1)).Name);
    }

    [Fact]
    public void Journals_appending_at_once_never_interleave_a_line_and_lines_span_read_blocks()
    {
        string[] names = Enumerable.Range(0, 3).Select(i => "user-" + new string('x', 40) + i).ToArray();
        var journals = Enumerable.Range(0, 4).Select(_ => ChangeJournal.Open(File1, "Add-CopilotUser")).ToArray();
        Parallel.ForEach(journals, new ParallelOptions { MaxDegreeOfParallelism = 4 }, journal =>
        {
            for (int r = 0; r < 300; r++) journal.Sent(Org, SeatAction.Add, AssigneeKind.User, names).Applied(3);
        });
        foreach (ChangeJournal journal in journals) journal.Dispose();
        Assert.Equal(4 * 300 * 3 * 2, File.ReadAllLines(File1).Length);
        CopilotJournalEntry[] entries = Read(File1);
        Assert.Equal(4 * 300 * 3, entries.Length);
        Assert.All(journals, j => Assert.Equal(Enumerable.Range(1, 300).Reverse(), entries.Where(e => e.RunId == j.RunId && e.Name == names[0]).Select(e => e.Request)));
    }

    [Fact]
    public void The_query_filters_by_run_time_action_and_name()
    {
        var clock = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        using ChangeJournal journal = ChangeJournal.Open(File1, "Add-CopilotUser", () => clock = clock.AddHours(1));
        journal.Sent(Org, SeatAction.Add, AssigneeKind.User, new[] { "mona", "hubot" }).Applied(2);
        journal.Sent(Org, SeatAction.Remove, AssigneeKind.User, new[] { "mona" }).Applied(1);
        Assert.Equal(2, Read(File1, new JournalQuery { NameMatch = n => n == "mona" }).Length);
        Assert.Single(Read(File1, new JournalQuery { Action = "remove" }));
        Assert.Single(Read(File1, new JournalQuery { Since = clock.AddMinutes(-90) }));
        Assert.Empty(Read(File1, new JournalQuery { RunIds = new[] { Guid.NewGuid() } }));
    }

    [Fact]
    public void A_journal_that_cannot_be_opened_is_JournalUnavailable()
    {
        File.WriteAllText(File1, "");
        var ex = Assert.Throws<CopilotException>(() => ChangeJournal.Open(Path.Combine(File1, "sub", "j.jsonl"), "Add-CopilotUser"));
        Assert.Equal(("CopilotSeats.JournalUnavailable", true), (ex.ErrorId, ex.IsTerminating));
    }

    [Theory]
    [InlineData("utf-16LE")]
    [InlineData("utf-16BE")]
    public void A_journal_saved_as_UTF16_is_not_appended_to_in_UTF8_lines_it_would_lose(string encoding)
    {
        File.WriteAllText(File1, "{}\n", Encoding.GetEncoding(encoding == "utf-16LE" ? "utf-16" : "utf-16BE"));
        long before = new FileInfo(File1).Length;
        var ex = Assert.Throws<CopilotException>(() => ChangeJournal.Open(File1, "Add-CopilotUser"));
        Assert.Equal("CopilotSeats.JournalUnavailable", ex.ErrorId);
        Assert.Contains("saved as UTF-16", ex.Message);
        Assert.Equal(before, new FileInfo(File1).Length);
    }

    [Fact]
    public void A_journal_that_cannot_be_read_is_JournalUnavailable_naming_the_file()
    {
        Directory.CreateDirectory(File1); // a folder where the file should be
        var ex = Assert.Throws<CopilotException>(() => JournalReader.Read(new[] { File1 }).ToList());
        Assert.Equal(("CopilotSeats.JournalUnavailable", CopilotErrorCategory.ResourceUnavailable, true, File1), (ex.ErrorId, ex.Category, ex.IsTerminating, ex.TargetObject));
    }

    [Fact]
    public void Lines_of_a_newer_format_and_foreign_lines_are_counted_a_BOM_is_skipped_the_torn_last_line_is_silent_and_UTF16_is_read()
    {
        var run = Guid.NewGuid();
        string Line(int v, string name) => $"{{\"v\":{v},\"run\":\"{run}\",\"request\":1,\"time\":\"2026-12-01T10:00:00.000Z\",\"command\":\"Add-CopilotUser\",\"organization\":\"o\",\"action\":\"Add\",\"type\":\"User\",\"name\":\"{name}\",\"outcome\":\"Applied\"}}";
        File.WriteAllText(File1, "\uFEFF" + Line(1, "bom") + "\nnot json\n" + Line(2, "future") + "\n" + Line(1, "plain") + "\n{\"v\":1,\"ru");
        string wide = Path.Combine(_dir, "wide.jsonl");
        File.WriteAllText(wide, Line(1, "wide-1") + "\r\n" + Line(1, "\u010A-wide") + "\r\n", Encoding.BigEndianUnicode); // '\u010A' holds a '\n' byte
        var report = new JournalReadReport();
        Assert.Equal(new[] { "plain", "bom", "\u010A-wide", "wide-1" }, JournalReader.Read(new[] { File1, wide }, null, report).Select(e => e.Name));
        Assert.Equal((1, 1, run), (report.Newer, report.Unreadable, report.NewerRuns.Single()));
        Assert.Equal(2, report.Warnings().Count());
        File.WriteAllText(wide, Line(1, "\u010A-little-endian") + "\n", Encoding.Unicode);
        Assert.Equal("\u010A-little-endian", JournalReader.Read(new[] { wide }).Single().Name);
    }

    /// <summary>Makes every later append fail: the lock file becomes a folder (as a full disk or a lock held past the timeout would).</summary>
    private void BreakLock()
    {
        File.Delete(File1 + ".lock");
        Directory.CreateDirectory(File1 + ".lock");
    }

    [Fact]
    public async Task An_answer_the_journal_cannot_record_is_JournalIncomplete_with_the_change_and_a_later_request_names_what_was_sent()
    {
        using ChangeJournal journal = ChangeJournal.Open(File1, "Remove-CopilotUser");
        journal.Sent(Org, SeatAction.Remove, AssigneeKind.User, new[] { "a" }).Applied(1);
        var change = new CopilotSeatChange { SeatsChanged = 2 };
        var ex = await Assert.ThrowsAsync<JournalIncompleteException>(() => journal.Sent(Org, SeatAction.Remove, AssigneeKind.User, new[] { "b", "c" })
            .CompleteAsync(() => { BreakLock(); return Task.FromResult(change); }, c => c.SeatsChanged));
        Assert.Equal(("CopilotSeats.JournalIncomplete", CopilotErrorCategory.WriteError, true, change), (ex.ErrorId, ex.Category, ex.IsTerminating, ex.Result));
        Assert.StartsWith("The request for 2 names in the organization octo-org was sent and GitHub answered 2 seat(s) cancelled, but the change journal", ex.Message);
        Assert.Contains("Get-CopilotSeat", ex.RecommendedAction);
        var later = Assert.Throws<CopilotException>(() => journal.Sent(Org, SeatAction.Remove, AssigneeKind.User, new[] { "d" }));
        Assert.Equal("CopilotSeats.JournalUnavailable", later.ErrorId);
        Assert.EndsWith("so nothing more was sent; this run had already sent 2 request(s) for 3 name(s), and GitHub applied 1 name(s).", later.Message);
        Assert.Equal("Unknown", Read(File1).First().Outcome); // b and c: Sent, never completed
    }

    [Fact]
    public async Task A_refusal_the_journal_cannot_record_is_JournalIncomplete_with_GitHubs_error()
    {
        using ChangeJournal journal = ChangeJournal.Open(File1, "Add-CopilotUser");
        var refused = new CopilotApiException(422, CopilotErrorCategory.InvalidOperation, "x", "x", "Not a member.", null);
        var ex = await Assert.ThrowsAsync<JournalIncompleteException>(() => journal.Sent(Org, SeatAction.Add, AssigneeKind.User, new[] { "x" })
            .CompleteAsync<CopilotSeatChange>(() => { BreakLock(); throw refused; }, c => c.SeatsChanged));
        Assert.Equal((null, refused), (ex.Result, ex.Failure));
        Assert.StartsWith("The request for 'x' in the organization octo-org was sent and GitHub refused it (422), but", ex.Message);
    }

    public static TheoryData<string?, string?, string?, bool, string> Locations() => new()
    {
        { "/p/given.jsonl", "/p/session.jsonl", "/p/env.jsonl", false, "/p/given.jsonl" },
        { null, "/p/session.jsonl", "/p/env.jsonl", false, "/p/session.jsonl" },
        { null, null, "/p/env.jsonl", false, "/p/env.jsonl" },
        { null, null, null, false, "/xdg/CopilotSeats/journal/2026-12.jsonl" },
        { null, null, null, true, "/local/CopilotSeats/journal/2026-12.jsonl" },
        { "/p/folder/", null, null, false, "/p/folder/2026-12.jsonl" },
    };

    [Theory]
    [MemberData(nameof(Locations))]
    public void The_journal_is_the_parameter_then_the_session_then_the_variable_then_the_monthly_file(string? given, string? session, string? variable, bool windows, string expected)
    {
        var env = new FakeEnvironment();
        env.Variables[JournalLocation.Variable] = variable;
        env.Variables["XDG_DATA_HOME"] = "/xdg";
        env.Variables["LOCALAPPDATA"] = "/local";
        string path = JournalLocation.ForWriting(given, session, env, new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.Zero), windows);
        Assert.Equal(expected.Replace('/', Path.DirectorySeparatorChar), path.Replace('/', Path.DirectorySeparatorChar));
    }

    [Theory]
    [InlineData(null, "/home/u/.local/share/CopilotSeats/journal")]
    [InlineData("relative/data", "/home/u/.local/share/CopilotSeats/journal")]
    public void Without_an_absolute_XDG_DATA_HOME_the_folder_is_under_the_home(string? xdg, string expected)
    {
        var env = new FakeEnvironment();
        env.Variables["HOME"] = "/home/u";
        env.Variables["XDG_DATA_HOME"] = xdg;
        Assert.Equal(expected, JournalLocation.DefaultFolder(env, windows: false).Replace('\\', '/'));
    }

    [Fact]
    public void A_folder_is_read_newest_month_first_and_written_to_this_month()
    {
        File.WriteAllText(Path.Combine(_dir, "2026-11.jsonl"), "");
        File.WriteAllText(Path.Combine(_dir, "2026-12.jsonl"), "");
        var env = new FakeEnvironment();
        Assert.Equal(new[] { "2026-12.jsonl", "2026-11.jsonl" }, JournalLocation.ForReading(_dir, null, env).Select(Path.GetFileName));
        Assert.Equal(Path.Combine(_dir, "2027-01.jsonl"), JournalLocation.ForWriting(null, _dir, env, new DateTimeOffset(2027, 1, 2, 0, 0, 0, TimeSpan.Zero)));
    }
}
