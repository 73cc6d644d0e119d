using CopilotSeats.Summary;

using static CopilotSeats.Core.Tests.TestSeats;

namespace CopilotSeats.Core.Tests;

/// <summary>SeatSummarizer arithmetic on hand-made seats: de-duplication, plans and prices, activity, pending, grouping.</summary>
public class SummaryTests
{
    private static SeatSummarizer Summarizer(SeatGrouping grouping = SeatGrouping.None, IReadOnlyDictionary<string, decimal>? prices = null, int days = 30, string? name = null) =>
        new(days, prices, null, grouping, Now, name);

    private static CopilotSeatSummary One(IEnumerable<CopilotSeat> seats, IReadOnlyDictionary<string, decimal>? prices = null, int days = 30)
    {
        var s = Summarizer(prices: prices, days: days);
        s.Add(seats);
        return Assert.Single(s.Complete());
    }

    [Fact]
    public void Counts_rows_users_direct_team_and_list_prices()
    {
        var summary = One(new[]
        {
            Seat("a"), Seat("b", team: "t1"), Seat("c", plan: "enterprise", activeDaysAgo: 45), Seat("d", activeDaysAgo: null, createdDaysAgo: 200),
        });
        Assert.Equal((4, 4, 3, 1), (summary.Seats, summary.Users, summary.Direct, summary.ViaTeam));
        Assert.Equal((2, 2, 1), (summary.Active, summary.Inactive, summary.NeverUsed));
        Assert.Equal((3, 1), (summary.Business, summary.Enterprise));
        Assert.Equal(19m * 3 + 39m, summary.MonthlyCost);
        Assert.Equal(39m + 19m, summary.InactiveMonthlyCost);
        Assert.Equal(("USD", 30), (summary.Currency, summary.InactiveDays));
    }

    [Fact]
    public void An_enterprise_user_seated_through_two_orgs_counts_once_at_the_highest_plan_and_is_active_if_any_seat_is()
    {
        var summary = One(new[]
        {
            Seat("Mona", org: "o1", plan: "business", activeDaysAgo: 200),
            Seat("mona", org: "o2", plan: "enterprise", activeDaysAgo: 2),   // logins compare case-insensitively
            Seat("hubot", org: "o1", plan: "business", activeDaysAgo: 60),
            Seat("hubot", org: "o2", plan: "business", activeDaysAgo: null, createdDaysAgo: 90),
        });
        Assert.Equal((4, 2), (summary.Seats, summary.Users));
        Assert.Equal((1, 1), (summary.Active, summary.Inactive));   // mona active through o2; hubot inactive on both
        Assert.Equal(0, summary.NeverUsed);                         // hubot used his o1 seat once
        Assert.Equal((1, 1), (summary.Business, summary.Enterprise));
        Assert.Equal(39m + 19m, summary.MonthlyCost);
        Assert.Equal(19m, summary.InactiveMonthlyCost);
    }

    [Fact]
    public void Pending_cancellation_users_cost_but_are_not_savings_and_a_user_with_one_running_seat_is_not_pending()
    {
        var summary = One(new[]
        {
            Seat("gone", activeDaysAgo: 100, pending: true),
            Seat("half", org: "o1", activeDaysAgo: 100, pending: true),
            Seat("half", org: "o2", activeDaysAgo: 100, pending: false),
            Seat("idle", activeDaysAgo: 100),
            Seat("busy", activeDaysAgo: 1, pending: true),
        });
        Assert.Equal(2, summary.PendingCancellation);               // gone and busy
        Assert.Equal((1, 3), (summary.Active, summary.Inactive));
        Assert.Equal(4 * 19m, summary.MonthlyCost);
        Assert.Equal(2 * 19m, summary.InactiveMonthlyCost);         // half and idle: gone is already being reclaimed
    }

    [Fact]
    public void Active_and_Inactive_follow_the_InactiveDays_rule_with_the_grace_period_of_new_seats()
    {
        var seats = new[]
        {
            Seat("new", activeDaysAgo: null, createdDaysAgo: 10),   // never used, 10 days old
            Seat("old", activeDaysAgo: null, createdDaysAgo: 45),
            Seat("edge", activeDaysAgo: 30),
            Seat("fresh", activeDaysAgo: 29),
        };
        var at30 = One(seats);
        Assert.Equal((2, 2, 2), (at30.Active, at30.Inactive, at30.NeverUsed)); // new and fresh active
        var at5 = One(seats, days: 5);
        Assert.Equal((0, 4), (at5.Active, at5.Inactive));
        Assert.Equal(seats.Count(s => SeatFilter.IsInactive(s, 30, Now)), at30.Inactive); // one user per seat: the filter's count
    }

    [Fact]
    public void Custom_prices_apply_and_the_highest_priced_plan_wins()
    {
        var prices = SeatPrices.From(new Dictionary<object, object?> { ["Business"] = 10, ["enterprise"] = "25.5", ["trial"] = 30.0 });
        var summary = One(new[]
        {
            Seat("a", plan: "business"), Seat("a", org: "o2", plan: "trial"),
            Seat("b", plan: "ENTERPRISE"), Seat("c", plan: "business", activeDaysAgo: 90),
        }, prices);
        Assert.Equal(30m + 25.5m + 10m, summary.MonthlyCost);
        Assert.Equal(10m, summary.InactiveMonthlyCost);
        Assert.Equal((1, 1), (summary.Business, summary.Enterprise)); // a's highest plan is trial: neither
        Assert.Equal(3, summary.Users);
    }

    [Fact]
    public void Unknown_plan_types_cost_nothing_and_are_counted_for_one_warning()
    {
        var s = Summarizer();
        s.Add(new[] { Seat("a", plan: "trial"), Seat("b", plan: null), Seat("c", plan: "trial"), Seat("d") });
        var summary = Assert.Single(s.Complete());
        Assert.Equal(19m, summary.MonthlyCost);
        Assert.Equal(3, s.UnknownPlanSeats);
        Assert.Equal(new[] { "(none)", "trial" }, s.UnknownPlanTypes);
        Assert.Equal("3 seat(s) have a plan type that -Price does not list ((none), trial); they are counted at a price of 0.", s.UnknownPlanWarning());

        var known = Summarizer();
        known.Add(new[] { Seat("a") });
        Assert.Null(known.UnknownPlanWarning());
    }

    [Theory]
    [InlineData("business", -1)]
    [InlineData("business", "nineteen")]
    [InlineData("", 19)]
    [InlineData("business", null)]
    public void Invalid_prices_are_terminating_errors(string plan, object? price)
    {
        var ex = Assert.Throws<CopilotException>(() => SeatPrices.From(new[] { new KeyValuePair<object, object?>(plan, price) }));
        Assert.Equal("CopilotSeats.InvalidPrice", ex.ErrorId);
        Assert.True(ex.IsTerminating);
    }

    [Fact]
    public void Groups_by_team_editor_organization_and_plan_sorted_by_seats_descending_then_name()
    {
        var seats = new[]
        {
            Seat("a", org: "o1", team: "t1", editor: "JetBrains-IU/243.1/copilot-intellij/1.5"),
            Seat("b", org: "o1", team: "t1", editor: "vscode/1.95.3/copilot/1.245.0"),
            Seat("c", org: "o2", editor: "vscode/1.90"),
            Seat("d", org: "o2", activeDaysAgo: null),
            Seat("e", org: "o2", plan: "enterprise", editor: "Neovim"),
            Seat("a", org: "o2", team: "t2", editor: "vscode/1"),
        };
        IReadOnlyList<CopilotSeatSummary> By(SeatGrouping g)
        {
            var s = Summarizer(g);
            foreach (var seat in seats) s.Add(seat);
            return s.Complete();
        }

        Assert.Equal(new[] { ("(direct)", 3, 3), ("t1", 2, 2), ("t2", 1, 1) }, By(SeatGrouping.Team).Select(x => (x.Name!, x.Seats, x.Users)));
        Assert.Equal(new[] { ("vscode", 3, 3), ("(none)", 1, 1), ("JetBrains-IU", 1, 1), ("Neovim", 1, 1) }, By(SeatGrouping.Editor).Select(x => (x.Name!, x.Seats, x.Users)));
        Assert.Equal(new[] { ("o2", 4, 4), ("o1", 2, 2) }, By(SeatGrouping.Organization).Select(x => (x.Name!, x.Seats, x.Users)));
        var plans = By(SeatGrouping.PlanType);
        Assert.Equal(new[] { ("business", 5, 4), ("enterprise", 1, 1) }, plans.Select(x => (x.Name!, x.Seats, x.Users)));
        Assert.Equal((76m, 39m), (plans[0].MonthlyCost, plans[1].MonthlyCost));
        Assert.Empty(Summarizer(SeatGrouping.Team).Complete());
    }

    [Theory]
    [InlineData("vscode/1.77.3/copilot/1.86.82", "vscode")]
    [InlineData("copilot-cli/1.0.3", "copilot-cli")]
    [InlineData("Neovim", "Neovim")]
    [InlineData(null, "(none)")]
    [InlineData("", "(none)")]
    [InlineData("/x", "(none)")]
    public void Editor_is_the_part_before_the_first_slash(string? raw, string editor) => Assert.Equal(editor, SeatSummarizer.EditorOf(raw));

    [Fact]
    public void The_single_summary_is_named_after_the_scope_else_the_seats_and_exists_for_no_seats()
    {
        var named = Summarizer(name: "octo-ent");
        named.Add(Seat("a", org: "o1", ent: "octo-ent"));
        Assert.Equal("octo-ent", Assert.Single(named.Complete()).Name);

        var fromSeats = Summarizer();
        fromSeats.Add(new[] { Seat("a", org: "o1"), Seat("b", org: "O1"), Seat("c", org: "o2") });
        Assert.Equal("o1, o2", Assert.Single(fromSeats.Complete()).Name);

        var fromEnterprise = Summarizer();
        fromEnterprise.Add(new[] { Seat("a", org: "o1", ent: "e"), Seat("b", org: "o2", ent: "e") });
        Assert.Equal("e", Assert.Single(fromEnterprise.Complete()).Name);

        var empty = Assert.Single(Summarizer().Complete());
        Assert.Equal((null, 0, 0, 0m), (empty.Name, empty.Seats, empty.Users, empty.MonthlyCost));
    }

    [Fact]
    public void Keeps_no_seat_it_counted()
    {
        var s = Summarizer();
        var sample = new List<WeakReference>();
        IEnumerable<CopilotSeat> Rows()
        {
            for (int i = 0; i < 20_000; i++)
            {
                var seat = Seat("user-" + (i % 500), org: "o" + (i / 500), activeDaysAgo: i % 500 < 100 ? 1 : 100);
                if (i % 100 == 0) sample.Add(new WeakReference(seat));
                yield return seat;
            }
        }
        s.Add(Rows());
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.Equal(200, sample.Count);
        Assert.All(sample, w => Assert.False(w.IsAlive)); // no row survives: only counters per user and group
        var summary = Assert.Single(s.Complete());
        Assert.Equal((20_000, 500, 100, 400), (summary.Seats, summary.Users, summary.Active, summary.Inactive));
        Assert.Equal(500 * 19m, summary.MonthlyCost);
    }
}
