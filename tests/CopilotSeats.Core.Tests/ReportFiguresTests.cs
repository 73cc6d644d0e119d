using CopilotSeats.Reports;
using CopilotSeats.Summary;

using static CopilotSeats.Core.Tests.TestSeats;

namespace CopilotSeats.Core.Tests;

/// <summary>SeatReportBuilder on hand-made seats: histogram boundaries, charts, the reclaimable rule and order, and headline figures equal to Measure-CopilotSeat's.</summary>
public class ReportFiguresTests
{
    private static SeatReport Report(IEnumerable<CopilotSeat> seats, int days = 30, IReadOnlyDictionary<string, decimal>? prices = null, string? target = null)
    {
        var builder = new SeatReportBuilder(days, prices, null, Now, target);
        builder.Add(seats);
        return builder.Complete();
    }

    private static int Bucket(SeatReport report, string label) => Assert.Single(report.Histogram, b => b.Label == label).Count;

    [Theory]
    [InlineData(0, "0-7")]
    [InlineData(7, "0-7")]
    [InlineData(7.99, "0-7")]    // whole days: 7 days 23 hours is 7
    [InlineData(8, "8-30")]
    [InlineData(30, "8-30")]
    [InlineData(31, "31-60")]
    [InlineData(60, "31-60")]
    [InlineData(61, "61-90")]
    [InlineData(90, "61-90")]
    [InlineData(91, "over 90")]
    [InlineData(-2, "0-7")]      // activity after now (clock skew) is today
    public void A_seat_falls_in_the_histogram_column_of_its_whole_days_since_last_activity(double daysAgo, string expected)
    {
        var report = Report(new[] { Seat("a", activeDaysAgo: daysAgo) });
        Assert.Equal(1, Bucket(report, expected));
        Assert.Equal(1, report.Histogram.Sum(b => b.Count));
        Assert.Equal(expected, SeatReportBuilder.LabelOf(SeatReportBuilder.BucketOf(Seat("a", activeDaysAgo: daysAgo), Now)));
    }

    [Fact]
    public void A_seat_without_last_activity_is_never_used_however_new_and_columns_come_in_order()
    {
        var report = Report(new[]
        {
            Seat("new", activeDaysAgo: null, createdDaysAgo: 2), Seat("old", activeDaysAgo: null, createdDaysAgo: 500),
            new CopilotSeat { Login = "nodates" }, Seat("a", activeDaysAgo: 3),
        });
        Assert.Equal(new[] { "0-7", "8-30", "31-60", "61-90", "over 90", "never used" }, report.Histogram.Select(b => b.Label));
        Assert.Equal(new[] { 1, 0, 0, 0, 0, 3 }, report.Histogram.Select(b => b.Count));
    }

    [Fact]
    public void Charts_count_seats_by_editor_organization_and_team_largest_first()
    {
        var report = Report(new[]
        {
            Seat("a", editor: "vscode/1.95.3/copilot/1.245.0"), Seat("b", editor: "vscode/1.2"), Seat("c", editor: "JetBrains-IU/2024.1"),
            Seat("d", editor: "Neovim"), Seat("e", activeDaysAgo: null), Seat("f", editor: "  "),
            Seat("a", org: "o2", team: "t1", editor: "VSCode/1"), Seat("g", org: null, ent: "e", team: "ent-team"),
        });
        Assert.Equal(new[] { ("vscode", 4), ("(none)", 2), ("JetBrains-IU", 1), ("Neovim", 1) }, report.ByEditor.Select(b => (b.Label, b.Count)));
        Assert.Equal(new[] { ("o", 6), ("(none)", 1), ("o2", 1) }, report.ByOrganization.Select(b => (b.Label, b.Count)));
        Assert.Equal(3, report.OrganizationCount);
        Assert.Equal(new[] { ("(direct)", 6), ("ent-team", 1), ("t1", 1) }, report.ByTeam.Select(b => (b.Label, b.Count)));
        foreach (var chart in new[] { report.Histogram, report.ByEditor, report.ByOrganization, report.ByTeam })
            Assert.Equal(report.Summary.Seats, chart.Sum(b => b.Count));
    }

    [Fact]
    public void Reclaimable_seats_are_inactive_direct_and_not_pending()
    {
        var seats = new[]
        {
            Seat("idle", activeDaysAgo: 45),
            Seat("edge", activeDaysAgo: 30),                          // exactly -InactiveDays: inactive
            Seat("fresh", activeDaysAgo: 29),                         // active
            Seat("viateam", activeDaysAgo: 100, team: "t1"),          // team-granted: Remove-CopilotTeam's
            Seat("pending", activeDaysAgo: 100, pending: true),       // already being reclaimed
            Seat("newbie", activeDaysAgo: null, createdDaysAgo: 10),  // never used, in its grace period
            Seat("ghost", activeDaysAgo: null, createdDaysAgo: 200),  // never used, past it
        };
        var report = Report(seats);
        Assert.Equal(new[] { "ghost", "idle", "edge" }, report.Reclaimable.Select(r => r.Login));
        Assert.Equal(seats.Where(s => SeatReportBuilder.IsReclaimable(s, 30, Now)).Select(s => s.Login).OrderBy(l => l),
            report.Reclaimable.Select(r => r.Login).OrderBy(l => l));
        Assert.Equal(new[] { "idle", "edge", "fresh" }, Report(seats, days: 1).Reclaimable.Select(r => r.Login).Skip(1).Take(3));
    }

    [Fact]
    public void Reclaimable_rows_sort_by_days_inactive_descending_seats_without_dates_first_then_by_login()
    {
        var report = Report(new[]
        {
            Seat("b", activeDaysAgo: 40), Seat("never", activeDaysAgo: null, createdDaysAgo: 60), Seat("A", activeDaysAgo: 40),
            Seat("old", activeDaysAgo: 80), new CopilotSeat { Login = "nodates", Organization = "o" }, Seat("c", activeDaysAgo: 40, org: "a-org"),
        });
        Assert.Equal(new[] { "nodates", "old", "never", "A", "b", "c" }, report.Reclaimable.Select(r => r.Login));
        Assert.Equal(new int?[] { null, 80, 60, 40, 40, 40 }, report.Reclaimable.Select(r => r.DaysInactive));
    }

    [Fact]
    public void Reclaimable_rows_carry_what_the_table_shows()
    {
        var prices = SeatPrices.From(new Dictionary<object, object?> { ["business"] = 21.5m });
        var report = Report(new[]
        {
            Seat("a", activeDaysAgo: 50, editor: "JetBrains-IU/2024.1"), Seat("b", activeDaysAgo: null, org: null, ent: "ent", plan: "enterprise"),
        }, prices: prices);
        ReclaimableSeat a = Assert.Single(report.Reclaimable, r => r.Login == "a");
        Assert.Equal(("o", "business", "JetBrains-IU", 50, 21.5m), (a.GrantedIn, a.PlanType, a.Editor, a.DaysInactive!.Value, a.MonthlyPrice));
        Assert.Equal(Now.AddDays(-50), a.LastActivityAt);
        ReclaimableSeat b = Assert.Single(report.Reclaimable, r => r.Login == "b");
        Assert.Equal(("ent", (string?)null, 0m, 400), (b.GrantedIn, b.Editor, b.MonthlyPrice, b.DaysInactive!.Value)); // enterprise is not in -Price: 0
        Assert.NotNull(report.UnknownPlanWarning);
    }

    public static TheoryData<int> Thresholds() => new() { 1, 30, 60, 365 };

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void Headline_figures_are_Measure_CopilotSeats_for_the_same_seats_threshold_and_prices(int days)
    {
        var rng = new Random(days);
        var seats = Enumerable.Range(0, 300).Select(i => Seat("user-" + rng.Next(0, 120),
            activeDaysAgo: rng.Next(0, 6) == 0 ? null : rng.Next(0, 400), createdDaysAgo: rng.Next(0, 700),
            org: "org-" + rng.Next(0, 3), team: rng.Next(0, 5) == 0 ? "team-" + rng.Next(0, 3) : null, pending: rng.Next(0, 10) == 0,
            plan: rng.Next(0, 4) == 0 ? "enterprise" : "business")).ToList();
        var prices = SeatPrices.From(new Dictionary<object, object?> { ["business"] = 10, ["enterprise"] = 25.5 });
        var summarizer = new SeatSummarizer(days, prices, "EUR", SeatGrouping.None, Now, "octo-ent");
        summarizer.Add(seats);
        CopilotSeatSummary expected = summarizer.Complete()[0];

        var builder = new SeatReportBuilder(days, prices, "EUR", Now, "enterprise octo-ent", "octo-ent");
        foreach (var page in seats.Chunk(100)) builder.Add(page);
        SeatReport report = builder.Complete();
        foreach (var property in typeof(CopilotSeatSummary).GetProperties())
            Assert.Equal(property.GetValue(expected), property.GetValue(report.Summary));
        Assert.True(expected.Inactive > 0 && expected.Active > 0 && expected.InactiveMonthlyCost > 0);
        Assert.Equal(("enterprise octo-ent", days, "EUR"), (report.Target, report.InactiveDays, report.Currency));
        Assert.Equal(new[] { ("business", 10m), ("enterprise", 25.5m) }, report.Prices.Select(p => (p.Key, p.Value)));
    }

    [Fact]
    public void Piped_seats_are_named_by_the_organizations_and_enterprises_seen_and_no_seats_by_that()
    {
        Assert.Equal("o1, o2", Report(new[] { Seat("a", org: "o1"), Seat("b", org: "o2"), Seat("c", org: "O1") }).Target);
        Assert.Equal("octo-ent", Report(new[] { Seat("a", org: "o1", ent: "octo-ent") }).Target);
        SeatReport empty = Report(Array.Empty<CopilotSeat>());
        Assert.Equal("no seats", empty.Target);
        Assert.Equal((0, 0), (empty.Summary.Seats, empty.Summary.Users));
        Assert.All(empty.Histogram, b => Assert.Equal(0, b.Count));
        Assert.Empty(empty.ByEditor);
        Assert.Empty(empty.Reclaimable);
        Assert.Equal(Now, empty.GeneratedAt);
        Assert.Equal(new[] { ("business", 19m), ("enterprise", 39m) }, empty.Prices.Select(p => (p.Key, p.Value)));
    }
}
