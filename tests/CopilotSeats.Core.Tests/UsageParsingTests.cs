using System.Text;
using System.Text.Json;
using CopilotSeats.Usage;

namespace CopilotSeats.Core.Tests;

/// <summary>The NDJSON line reader, the record mapper, the seat join and link redaction.</summary>
public class UsageParsingTests
{
    /// <summary>A stream that hands out at most a few bytes per read, so lines cross every buffer boundary.</summary>
    private sealed class TrickleStream : MemoryStream
    {
        private readonly Random _random;
        public TrickleStream(byte[] bytes, int seed) : base(bytes) => _random = new Random(seed);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, 1 + _random.Next(7)), cancellationToken);
    }

    private static async Task<List<(long Number, string Text, bool TooLong)>> Lines(byte[] bytes, int bufferSize = 16, int maxLine = 1 << 20, int seed = 1)
    {
        var reader = new NdjsonLineReader(new TrickleStream(bytes, seed), bufferSize, maxLine);
        var lines = new List<(long, string, bool)>();
        while (await reader.ReadLineAsync(CancellationToken.None) is NdjsonLine line)
            lines.Add((line.Number, Encoding.UTF8.GetString(line.Bytes.Span), line.TooLong));
        return lines;
    }

    [Fact]
    public async Task Lines_split_across_buffers_with_crlf_blank_lines_a_bom_and_no_final_newline_come_out_whole_and_numbered()
    {
        byte[] text = Encoding.UTF8.GetBytes("\uFEFF{\"a\":1,\"name\":\"first line is longer than the buffer\"}\r\n\r\n   \n{\"b\":2}\n\n{\"c\":\"ü-ß\"}\r\n{\"d\":4}");
        var lines = await Lines(text);
        Assert.Equal(new[]
        {
            (1L, "{\"a\":1,\"name\":\"first line is longer than the buffer\"}", false),
            (4L, "{\"b\":2}", false),
            (6L, "{\"c\":\"ü-ß\"}", false),
            (7L, "{\"d\":4}", false),
        }, lines);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Random_files_read_with_any_buffer_size_give_exactly_the_lines_a_plain_split_gives(int seed)
    {
        var random = new Random(seed);
        var expected = new List<(long, string, bool)>();
        var text = new StringBuilder();
        for (int n = 1; n <= 300; n++)
        {
            int kind = random.Next(10);
            string line = kind == 0 ? "" : kind == 1 ? "  " : "{\"n\":" + n + ",\"pad\":\"" + new string('x', random.Next(0, 200)) + "\"}";
            text.Append(line).Append(random.Next(2) == 0 ? "\r\n" : "\n");
            if (line.Trim().Length > 0) expected.Add((n, line, false));
        }
        foreach (int size in new[] { 16, 17, 64, 4096 })
            Assert.Equal(expected, await Lines(Encoding.UTF8.GetBytes(text.ToString()), size, seed: seed + size));
    }

    [Fact]
    public async Task A_huge_line_far_longer_than_the_buffer_comes_out_whole()
    {
        string huge = "{\"blob\":\"" + new string('q', 3_000_000) + "\"}";
        var lines = await Lines(Encoding.UTF8.GetBytes("{\"x\":1}\n" + huge + "\n{\"y\":2}\n"), bufferSize: 64 * 1024, maxLine: NdjsonLineReader.DefaultMaxLineLength);
        Assert.Equal(3, lines.Count);
        Assert.Equal(huge, lines[1].Text);
        Assert.Equal((3L, "{\"y\":2}", false), lines[2]);
    }

    [Fact]
    public async Task A_line_over_the_maximum_is_reported_too_long_and_the_next_line_keeps_its_number()
    {
        var lines = await Lines(Encoding.UTF8.GetBytes("{\"ok\":1}\n{\"big\":\"" + new string('z', 500) + "\"}\n{\"ok\":3}"), bufferSize: 32, maxLine: 100);
        Assert.Equal(new[] { (1L, "{\"ok\":1}", false), (2L, "", true), (3L, "{\"ok\":3}", false) }, lines);
    }

    private const string Record = """
        {"day":"2026-11-20","organization_id":1001,"user_id":42,"user_login":"octocat","user_initiated_interaction_count":7,
         "code_generation_activity_count":5,"code_acceptance_activity_count":3,"loc_suggested_to_add_sum":40,"loc_suggested_to_delete_sum":4,
         "loc_added_sum":20,"loc_deleted_sum":2,"used_chat":true,"used_agent":false,"used_cli":false,"ai_credits_used":1.25,"brand_new_field":{"x":1},
         "totals_by_ide":[{"ide":"vscode","last_known_ide_version":{"ide_version":"1.95.3"}},{"ide":"intellij"},{"ide":"vscode"}],
         "totals_by_feature":[{"feature":"code_completion"},{"feature":"chat_panel_agent_mode"},{"feature":"code_completion"}]}
        """;

    private static byte[] Line(string json) => Encoding.UTF8.GetBytes(json.Replace("\n", "").Replace("\r", ""));

    [Fact]
    public void A_users_record_maps_to_flat_scalar_properties()
    {
        var usage = (CopilotUserUsage)UsageRecordMapper.Map(Line(Record), UsageReportKind.Users, UsageRecordFormat.Typed, SeatScope.ForOrganization("octo-org"));
        Assert.Equal("octo-org", usage.Organization);
        Assert.Null(usage.Enterprise);
        Assert.Equal(new DateTime(2026, 11, 20), usage.Day);
        Assert.Equal(DateTimeKind.Unspecified, usage.Day!.Value.Kind);
        Assert.Equal(("octocat", 42L), (usage.Login, usage.UserId!.Value));
        Assert.Equal((7L, 5L, 3L, 40L, 4L, 20L, 2L), (usage.Interactions, usage.CodeGenerations, usage.CodeAcceptances, usage.LinesSuggestedToAdd,
            usage.LinesSuggestedToDelete, usage.LinesAdded, usage.LinesDeleted));
        Assert.Equal((true, false, false, true), (usage.UsedChat, usage.UsedAgent, usage.UsedCli, usage.Active));
        Assert.Equal("intellij, vscode", usage.Ides);
        Assert.Equal("chat_panel_agent_mode, code_completion", usage.Features);
        Assert.Equal(1.25m, usage.AiCreditsUsed);
        Assert.All(typeof(CopilotUserUsage).GetProperties(), p => Assert.True(p.PropertyType.IsValueType || p.PropertyType == typeof(string), p.Name));
    }

    [Theory]
    [InlineData("""{"day":"2026-11-20","user_login":"a"}""", false)]
    [InlineData("""{"user_login":"a","used_cli":true}""", true)]
    [InlineData("""{"user_login":"a","code_acceptance_activity_count":1}""", true)]
    [InlineData("""{"user_login":"a","code_generation_activity_count":2.0}""", true)]
    [InlineData("""{"user_login":"a","user_initiated_interaction_count":0,"used_chat":false}""", false)]
    public void Active_follows_the_rule_and_missing_fields_are_zero(string json, bool active)
    {
        var usage = (CopilotUserUsage)UsageRecordMapper.Map(Line(json), UsageReportKind.Users, UsageRecordFormat.Typed, SeatScope.ForEnterprise("octo-ent"));
        Assert.Equal(active, usage.Active);
        Assert.Equal("octo-ent", usage.Enterprise);
        Assert.Null(usage.AiCreditsUsed);
        Assert.Equal(string.Empty, usage.Features);
    }

    [Fact]
    public void Ids_counts_flags_and_credits_written_as_strings_are_read_too()
    {
        const string json = """{"day":"2026-11-20","user_id":"42","user_login":"octocat","user_initiated_interaction_count":"3","used_agent":"true","ai_credits_used":"0.75"}""";
        var usage = (CopilotUserUsage)UsageRecordMapper.Map(Line(json), UsageReportKind.Users, UsageRecordFormat.Typed, SeatScope.ForOrganization("o"));
        Assert.Equal((42L, 3L, true, 0.75m, true), (usage.UserId!.Value, usage.Interactions, usage.UsedAgent, usage.AiCreditsUsed!.Value, usage.Active));
    }

    [Fact]
    public void A_users_record_without_a_day_of_its_own_gets_the_day_of_its_1_day_report()
    {
        var scope = SeatScope.ForOrganization("o");
        var dayless = (CopilotUserUsage)UsageRecordMapper.Map(Line("""{"user_login":"a"}"""), UsageReportKind.Users, UsageRecordFormat.Typed, scope, new DateTime(2026, 11, 20));
        Assert.Equal(new DateTime(2026, 11, 20), dayless.Day);
        var own = (CopilotUserUsage)UsageRecordMapper.Map(Line("""{"user_login":"a","day":"2026-11-19"}"""), UsageReportKind.Users, UsageRecordFormat.Typed, scope, new DateTime(2026, 11, 20));
        Assert.Equal(new DateTime(2026, 11, 19), own.Day);
    }

    [Fact]
    public void Ides_and_features_are_distinct_and_sorted_as_a_plain_sort_of_the_names_gives()
    {
        const string json = """{"user_login":"a","totals_by_ide":[{"ide":"visualstudio"},{"ide":"vscode"},{"ide":"visual_studio"},{"ide":"VSCode"},{"ide":"eclipse"}],"totals_by_feature":[{"feature":"chat_panel"},{"feature":"chat_inline"},{"feature":"chatx"},{"feature":"chat_inline"}]}""";
        var usage = (CopilotUserUsage)UsageRecordMapper.Map(Line(json), UsageReportKind.Users, UsageRecordFormat.Typed, SeatScope.ForOrganization("o"));
        Assert.Equal("eclipse, visual_studio, visualstudio, vscode", usage.Ides);
        Assert.Equal("chat_inline, chat_panel, chatx", usage.Features);
    }

    [Fact]
    public void Other_reports_keep_their_own_property_names_nested_objects_and_arrays_and_raw_is_the_json_text()
    {
        byte[] line = Line("""{"day":"2026-11-20","repository_name":"o/r","pull_requests":{"created_count":3,"ratio":0.5},"tags":["a",1,null,true]}""");
        var record = (JsonRecord)UsageRecordMapper.Map(line, UsageReportKind.Repositories, UsageRecordFormat.Typed, SeatScope.ForOrganization("o"));
        Assert.Equal(new[] { "day", "repository_name", "pull_requests", "tags" }, record.Properties.Select(p => p.Key));
        var pulls = (JsonRecord)record.Properties[2].Value!;
        Assert.Equal(3L, pulls.Properties[0].Value);
        Assert.Equal(0.5m, pulls.Properties[1].Value);
        Assert.Equal(new object?[] { "a", 1L, null, true }, (object?[])record.Properties[3].Value!);
        Assert.Equal(Encoding.UTF8.GetString(line), UsageRecordMapper.Map(line, UsageReportKind.Users, UsageRecordFormat.Raw, SeatScope.ForOrganization("o")));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("42")]
    [InlineData("{\"a\":1} trailing")]
    public void A_line_that_is_not_a_json_object_throws_JsonException(string text) =>
        Assert.ThrowsAny<JsonException>(() => UsageRecordMapper.Map(Line(text), UsageReportKind.Users, UsageRecordFormat.Raw, SeatScope.ForOrganization("o")));

    private static CopilotUserUsage U(string login, int day, long interactions, bool active, decimal? credits = null, long? id = null) => new()
    {
        Login = login, UserId = id, Day = new DateTime(2026, 11, day), Interactions = interactions, UsedChat = active, Active = active, AiCreditsUsed = credits,
    };

    [Fact]
    public void The_join_keeps_active_days_once_per_day_the_last_active_day_and_sums_and_fills_every_seat()
    {
        var join = new UsageSeatJoin();
        join.SetWindow(new DateTime(2026, 11, 1), new DateTime(2026, 11, 28));
        join.Add(new object[]
        {
            U("Octocat", 3, 5, true, 1.5m), U("octocat", 3, 1, true), U("octocat", 9, 2, true, 0.25m), U("octocat", 12, 0, false),
            U("idle", 4, 0, false), U(null!, 5, 4, true, null, id: 77),
        });
        var seats = new[]
        {
            new CopilotSeat { Login = "OCTOCAT" }, new CopilotSeat { Login = "idle" }, new CopilotSeat { Login = "absent" },
            new CopilotSeat { Login = "renamed", UserId = 77 },
        };
        join.Stamp(seats);
        Assert.Equal((2, new DateTime(2026, 11, 9), 8L, 1.75m), (seats[0].UsageActiveDays, seats[0].UsageLastActiveDay, seats[0].UsageInteractions, seats[0].UsageAiCreditsUsed));
        // No credits in the records, or no record at all: the report was read and shows nothing spent (null means no report).
        Assert.Equal((0, (DateTime?)null, 0L, (decimal?)0m), (seats[1].UsageActiveDays, seats[1].UsageLastActiveDay, seats[1].UsageInteractions, seats[1].UsageAiCreditsUsed));
        Assert.Equal((0, 0L, 0m), (seats[2].UsageActiveDays!.Value, seats[2].UsageInteractions!.Value, seats[2].UsageAiCreditsUsed!.Value));
        Assert.Equal((1, new DateTime(2026, 11, 5)), (seats[3].UsageActiveDays!.Value, seats[3].UsageLastActiveDay!.Value));
        Assert.All(seats, s => Assert.Equal(new DateTime(2026, 11, 28), s.UsageReportEndDay));
        Assert.Equal(3, join.Users);
    }

    [Fact]
    public void Links_are_shown_without_their_query_string()
    {
        var link = new Uri("https://blob.example.net/reports/r-1.ndjson?sv=2025&se=123&sig=SECRETSIGNATURE%2Bx");
        Assert.Equal("https://blob.example.net/reports/r-1.ndjson", ReportDownloadClient.Redact(link));
        string scrubbed = ReportDownloadClient.Scrub("failed: " + link.AbsoluteUri + " and sig=SECRETSIGNATURE%2Bx and SECRETSIGNATURE+x", link);
        Assert.DoesNotContain("SECRETSIGNATURE", scrubbed);
        Assert.Contains("https://blob.example.net/reports/r-1.ndjson", scrubbed);
    }

    [Theory]
    [InlineData("https://blob.example.net/f.ndjson?sig=1", true)]
    [InlineData("http://127.0.0.1:5000/f.ndjson?sig=1", true)]
    [InlineData("http://localhost:5000/f.ndjson", true)]
    [InlineData("http://[::1]:5000/f.ndjson", true)]
    [InlineData("http://blob.example.net/f.ndjson?sig=1", false)]
    [InlineData("ftp://blob.example.net/f.ndjson", false)]
    public void Only_https_or_loopback_http_links_are_downloaded(string url, bool allowed)
    {
        var ex = Xunit.Record.Exception(() => ReportDownloadClient.EnsureAllowed(new Uri(url), "o"));
        if (allowed) Assert.Null(ex);
        else
        {
            var refused = Assert.IsType<CopilotException>(ex);
            Assert.Equal("CopilotSeats.InsecureDownload", refused.ErrorId);
            Assert.DoesNotContain("sig=", refused.Message);
        }
    }
}
