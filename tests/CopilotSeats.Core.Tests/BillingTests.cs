using CopilotSeats.Billing;
using CopilotSeats.Simulator;
using CopilotSeats.Usage;

namespace CopilotSeats.Core.Tests;

/// <summary>The AI-credit usage report: period rules, mapping, the pool arithmetic, and the client against the simulator.</summary>
public class BillingTests : SimulatorTestBase
{
    private static readonly DateTimeOffset Today = new(2026, 12, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly SeatScope Org = SeatScope.ForOrganization("octo-org");
    protected override SimulatorOptions Options => new() { Now = Today };

    [Theory]
    [InlineData(2026, 13, null)]
    [InlineData(2026, 0, null)]
    [InlineData(null, null, 5)]
    [InlineData(2026, 2, 30)]
    [InlineData(2024, 11, null)]
    [InlineData(2024, 12, 19)] // a day counts by date: on 2026-12-20 the oldest is 2024-12-20
    [InlineData(26, 1, null)]
    [InlineData(2027, 1, null)]
    [InlineData(2026, 12, 21)]
    public void A_period_GitHub_cannot_answer_stops_before_any_request(int? year, int? month, int? day)
    {
        var error = Assert.ThrowsAny<CopilotException>(() => CreditPeriod.Resolve(year, month, day, Today));
        Assert.Equal("CopilotSeats.InvalidPeriod", error.ErrorId);
        Assert.True(error.IsTerminating);
    }

    [Theory]
    [InlineData(null, null, null, "")]
    [InlineData(2024, 12, null, "?year=2024&month=12")]
    [InlineData(null, 3, 31, "?month=3&day=31")]
    [InlineData(2024, 12, 20, "?year=2024&month=12&day=20")]
    public void A_period_sends_only_what_was_asked(int? year, int? month, int? day, string query) =>
        Assert.Equal("organizations/octo-org/settings/billing/ai_credit/usage" + query,
            new CreditUsageQuery(Org, CreditPeriod.Resolve(year, month, day, Today)).RelativePath());

    // GitHub's examples echo "GitHub" as the owner and a period of a year alone (2025): the items carry the owner and
    // period asked; with nothing asked, the month of the request (GitHub's default), never the echo's year with today's
    // month nor an empty month (rows of two months must differ in a CSV).
    [Theory]
    [InlineData("org", null, null, "acme", null, 2026, 12)]
    [InlineData("ghe", null, null, "octo-lab", "acme-ent", 2026, 12)]
    [InlineData("ghe", 2026, 3, "octo-lab", "acme-ent", 2026, 3)]
    [InlineData("org", 2026, null, "acme", null, 2026, 12)]
    [InlineData("user", null, null, "acme", null, 2026, 12)]
    public void GitHubs_examples_map_to_one_flat_item_each_with_the_owner_and_period_asked(string example, int? year, int? month,
        string organization, string? enterprise, int itemYear, int? itemMonth)
    {
        byte[] body = File.ReadAllBytes(Path.Combine(Repo.Fixtures, "examples", "billing", $"get-github-billing-ai-credit-usage-report-{example}.200.json"));
        var query = enterprise is null ? new CreditUsageQuery(SeatScope.ForOrganization("acme"), CreditPeriod.Resolve(year, month, null, Today))
            : new CreditUsageQuery(SeatScope.ForEnterprise(enterprise), CreditPeriod.Resolve(year, month, null, Today)) { Organization = organization };
        var item = Assert.Single(CreditUsageMapper.Map(body, query));
        Assert.Equal((itemYear, itemMonth, organization, enterprise), (item.Year, item.Month, item.Organization, item.Enterprise));
        Assert.Equal(example == "user" ? "monalisa" : null, item.UserName);
        Assert.Equal(("GPT-5", 0.01m, 100m, 1m, 0m, 100m, 1m), (item.Model, item.PricePerUnit, item.GrossQuantity, item.GrossAmount, item.DiscountQuantity, item.NetQuantity, item.NetAmount));
    }

    // 10 business users bring 19,000 credits; 5 inactive ones (95 USD of seats, 9,500 credits) are reclaimable. On the
    // 15th of a 30-day month the month-to-date use is half the projected use.
    [Theory]
    [InlineData(0.10, 95, 0)]
    [InlineData(0.95, 9.50, 0)]
    [InlineData(1.50, 0, 95)]
    public void Reclaiming_saves_the_seat_price_minus_the_overage_the_smaller_pool_brings(double utilisation, double saving, double projectedOverage)
    {
        decimal projected = 19000m * (decimal)utilisation;
        var usage = new CreditTotals { Used = projected / 2, Covered = projected / 2 };
        var figures = new CopilotSeatSummary { InactiveMonthlyCost = 95m };
        CreditPool.Apply(figures, 19000m, 9500m, usage, new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(projected, figures.ProjectedCredits);
        Assert.Equal((decimal)utilisation, figures.PoolUtilisation);
        Assert.Equal((decimal)saving, figures.ReclaimSavingUsd);
        Assert.Equal((decimal)projectedOverage, figures.ProjectedOverageUsd);
    }

    // The pool is the estimate, at least what GitHub covered; billed overage proves it used up (then it is what was covered) for
    // this month's figures.
    // One inactive seat of 19 USD brings 1,900 credits; on the 16th of a 30-day month the projection doubles the use.
    [Theory]
    // Billed overage with less covered than the estimate (a prorated month): this month's figures divide by what was covered,
    // the saving is the next cycle's, whose pool resets to the estimate (17,100 left after reclaiming, above the projected use).
    [InlineData(19000, 6000, 5000, 10, 2.4, 70, 19)]
    [InlineData(1000, 6000, 5000, 10, 2.4, 70, 0)]
    [InlineData(19000, 2000, 1000, 10, 4.0, 30, 19)]
    [InlineData(19000, 100, 0, 1, null, 2, 19)]
    // Used far beyond even the next cycle's pool: the reclaimed seat's 1,900 credits come back as overage, whole.
    [InlineData(19000, 20000, 2000, 180, 20.0, 380, 0)]
    [InlineData(0, 1000, 1000, 0, 2.0, 10, 9)]
    [InlineData(0, 0, 0, 0, null, 0, 19)]
    public void The_pool_is_the_estimate_or_what_GitHub_covered_and_utilisation_divides_by_the_same_pool(double included, double used, double covered,
        double netUsd, double? utilisation, double projectedOverage, double saving)
    {
        var usage = new CreditTotals { Used = (decimal)used, Covered = (decimal)covered, NetUsd = (decimal)netUsd };
        var figures = new CopilotSeatSummary { InactiveMonthlyCost = 19m };
        CreditPool.Apply(figures, (decimal)included, 1900m, usage, new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal((decimal?)utilisation, figures.PoolUtilisation);
        Assert.Equal((decimal)projectedOverage, figures.ProjectedOverageUsd);
        Assert.Equal((decimal)saving, figures.ReclaimSavingUsd);
    }

    // Every seat cancelled this month: no seats, but the pool still has usage (removals shrink it next cycle). The page
    // shows the credit section, and a figure it cannot give (PoolUtilisation of an empty pool) as n/a. One clock: the
    // report asked is of the month of the builder's now (November), not of another reading of the clock.
    [Theory]
    [InlineData(500, "data-credit=\"PoolUtilisation\" data-value=\"200\">200<")]
    [InlineData(0, "data-credit=\"PoolUtilisation\" data-value=\"\">n/a<")]
    public void A_target_of_no_seats_still_takes_the_pool_figures_from_the_report(int used, string shown)
    {
        var builder = new Reports.SeatReportBuilder(30, null, null, new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero), "organization noseats");
        builder.AddCredits(new CreditUsageReport(Query(Org), new[] { new CopilotCreditUsage { GrossQuantity = used, DiscountQuantity = used } }, "{}"));
        CreditPeriod asked = ((ICreditSink)builder).CurrentMonthQuery(Org).Period;
        Assert.Equal((2026, 11), (asked.Year, asked.Month));
        var report = builder.Complete();
        Assert.Equal((0, 0m, used, used, 0m, 0m), (report.Summary.Seats, report.Summary.IncludedCredits, report.Summary.CreditsUsed, report.Summary.CoveredCredits, report.Summary.OverageUsd, report.Summary.ReclaimSavingUsd));
        var page = new StringWriter();
        Reports.SeatReportWriter.Write(report, page);
        Assert.DoesNotContain("no-pool-note", page.ToString());
        Assert.Contains(shown, page.ToString());
    }

    // -IncludeCredits given but the credit report not read (its error was written): the page says so, not to pass the switch.
    [Fact]
    public void A_credit_report_asked_but_not_read_is_said_so_instead_of_advising_IncludeCredits()
    {
        var builder = new Reports.SeatReportBuilder(30, null, null, TestSeats.Now, "organization octo-org") { CreditsAsked = true };
        builder.Add(new[] { TestSeats.Seat("idle", activeDaysAgo: 60) });
        var page = new StringWriter();
        Reports.SeatReportWriter.Write(builder.Complete(), page);
        Assert.Contains("id=\"credits-unread-note\">Seat prices only: the AI-credit usage report could not be read", page.ToString());
        Assert.DoesNotContain("-IncludeCredits", page.ToString());
    }

    [Theory]
    [InlineData("business", true, false)]
    [InlineData("unknown", false, false)]
    [InlineData("unknown", true, true)]
    public void Seats_of_a_plan_with_no_allowance_warn_once_with_credits_naming_IncludedCredits(string plan, bool credits, bool warns)
    {
        var summarizer = new Summary.SeatSummarizer(30, null, null, Summary.SeatGrouping.None, TestSeats.Now);
        summarizer.Add(new[] { TestSeats.Seat("a", plan: plan), TestSeats.Seat("b", plan: plan) });
        if (credits) summarizer.AddCredits(new CreditUsageReport(Query(Org), Array.Empty<CopilotCreditUsage>(), "{}"));
        string? warning = summarizer.NoAllowanceWarning();
        Assert.Equal(warns, warning != null);
        if (warns) Assert.Contains("-IncludedCredits", warning);
    }

    [Fact]
    public void The_pool_counts_each_user_once_at_their_highest_plan_and_the_saving_only_the_reclaimable_ones()
    {
        var summarizer = new Summary.SeatSummarizer(30, null, null, Summary.SeatGrouping.None, TestSeats.Now);
        summarizer.Add(new[]
        {
            TestSeats.Seat("a", org: "o1"), TestSeats.Seat("a", org: "o2", plan: "enterprise"),
            TestSeats.Seat("idle", activeDaysAgo: 60), TestSeats.Seat("leaving", activeDaysAgo: 60, pending: true),
        });
        summarizer.AddCredits(new CreditUsageReport(Query(Org), new[] { new CopilotCreditUsage { GrossQuantity = 7000m, DiscountQuantity = 7000m } }, "{}"));
        var summary = Assert.Single(summarizer.Complete());
        Assert.Equal(3900m + 1900m + 1900m, summary.IncludedCredits);
        Assert.Equal(19m, summary.InactiveMonthlyCost);
        // 7,000 used by noon on 22 November: 9,767 projected over a pool of 7,700, so reclaiming "idle" (1,900 credits) adds its whole price as overage.
        Assert.Equal(Math.Round(7000m * 30 / 21.5m, 2), summary.ProjectedCredits);
        Assert.Equal(0m, summary.ReclaimSavingUsd);
    }

    // Seats all pending cancellation leave the pool at the next cycle, so reclaiming is counted against the pool without
    // them: alice, bob, carol (business) and erin (enterprise, pending) bring 9,600 credits, 5,700 next cycle; 8,000
    // projected (by noon on 22 November). Reclaiming bob and carol leaves 1,900: 38 USD more overage, their whole price.
    [Fact]
    public void Reclaiming_counts_against_the_pool_without_the_users_pending_cancellation()
    {
        var summarizer = new Summary.SeatSummarizer(30, null, null, Summary.SeatGrouping.None, TestSeats.Now);
        summarizer.Add(new[]
        {
            TestSeats.Seat("alice"), TestSeats.Seat("bob", activeDaysAgo: 60), TestSeats.Seat("carol", activeDaysAgo: 60),
            TestSeats.Seat("erin", activeDaysAgo: 60, pending: true, plan: "enterprise"),
        });
        summarizer.AddCredits(new CreditUsageReport(Query(Org), new[] { new CopilotCreditUsage { GrossQuantity = 5733.33m, DiscountQuantity = 5733.33m } }, "{}"));
        var summary = Assert.Single(summarizer.Complete());
        Assert.Equal((9600m, 8000m, 38m), (summary.IncludedCredits!.Value, summary.ProjectedCredits!.Value, summary.InactiveMonthlyCost));
        Assert.Equal(0m, summary.ReclaimSavingUsd);
    }

    // Piped seats with -IncludeCredits: a seat's enterprise, else its organization, one for all (names case-insensitive).
    [Theory]
    [InlineData("o1,O1", null, "organization o1")]
    [InlineData("o1,o2", "e1,E1", "enterprise e1")]
    [InlineData("o1,o2", null, null)]
    [InlineData("o1,", null, null)]
    [InlineData("o1,o1", "e1,", null)]
    public void Piped_seats_have_one_credit_target_or_none(string orgs, string? ents, string? target)
    {
        string[] o = orgs.Split(','), e = ents?.Split(',') ?? new string[o.Length];
        var targets = new CreditTarget();
        targets.Add(o.Select((org, i) => TestSeats.Seat("u" + i, org: org.Length == 0 ? null : org, ent: string.IsNullOrEmpty(e[i]) ? null : e[i])));
        if (target is null) Assert.Equal("CopilotSeats.CreditsTargetUnknown", Assert.ThrowsAny<CopilotException>(() => targets.Resolve()).ErrorId);
        else Assert.Equal(target, targets.Resolve().ToString());
    }

    [Fact]
    public void IncludedCredits_takes_a_number_or_a_table_and_names_itself_in_errors()
    {
        Assert.Equal(1000m, Summary.SeatPrices.FromValue(1000, null, "-IncludedCredits")!["business"]);
        var error = Assert.ThrowsAny<CopilotException>(() => Summary.SeatPrices.FromValue("lots", null, "-IncludedCredits"));
        Assert.Equal("CopilotSeats.InvalidIncludedCredits", error.ErrorId);
        Assert.Contains("-IncludedCredits", error.Message + error.RecommendedAction);
    }

    private static CreditUsageQuery Query(SeatScope scope, int? day = null) => new(scope, CreditPeriod.Resolve(2026, 12, day, Today));

    [Fact]
    public async Task A_users_billed_credits_on_a_day_are_the_usage_reports_ai_credits_of_that_day()
    {
        using var client = Client();
        var usage = new List<CopilotUserUsage>();
        await client.Usage().ReadAsync(Org, UsageReportKind.Users, new DateTime(2026, 12, 18), UsageRecordFormat.Typed,
            (batch, _) => { usage.AddRange(batch.Cast<CopilotUserUsage>()); return Task.CompletedTask; }, null, CancellationToken.None);
        var active = usage.Where(u => u.AiCreditsUsed > 0).Take(5).ToList();
        Assert.NotEmpty(active);
        foreach (var record in active)
        {
            var report = await client.Billing().GetAsync(Query(Org, 18).ForUser(record.Login!), CancellationToken.None);
            Assert.Equal(record.AiCreditsUsed, report.Items.Sum(i => i.GrossQuantity));
        }
    }

    [Fact]
    public async Task Per_user_spend_comes_in_input_order_and_adds_up_to_the_whole_report()
    {
        using var client = Client(new CopilotClientOptions { ThrottleLimit = 4 });
        var whole = await client.Billing().GetAsync(Query(Org), CancellationToken.None);
        string[] users = Sim.State.OrgSeats("octo-org").Select(s => s.Login).Reverse().Append("no-seat-1").ToArray();
        var seen = new List<UserSpend>();
        var perUser = client.Billing().PerUser(Query(Org), (spend, _) => { seen.Add(spend); return Task.CompletedTask; });
        foreach (string user in users) await perUser.AddAsync(user, CancellationToken.None);
        await perUser.CompleteAsync(CancellationToken.None);
        Assert.Equal(users, seen.Select(s => s.User));
        Assert.Empty(seen.Last().Report!.Items);
        Assert.Equal(whole.Items.Sum(i => i.NetAmount), seen.Sum(s => s.Report!.Items.Sum(i => i.NetAmount)));
        Assert.True(Sim.Stats().MaxConcurrent <= 4);
    }

    [Fact]
    public async Task Per_user_spend_asks_once_for_a_login_given_again_in_any_case()
    {
        using var client = Client();
        var seen = new List<string>();
        var perUser = client.Billing().PerUser(Query(Org), (spend, _) => { seen.Add(spend.User); return Task.CompletedTask; });
        foreach (string user in new[] { "octocat", "hubot", "OctoCat", "octocat" }) await perUser.AddAsync(user, CancellationToken.None);
        await perUser.CompleteAsync(CancellationToken.None);
        Assert.Equal(new[] { "octocat", "hubot" }, seen);
        Assert.Equal(2, Sim.Stats().TotalRequests);
    }

    // GitHub does not document the answer for an unknown user=: a 404 for the first user is about the target, later the user's.
    [Theory]
    [InlineData(new[] { "ghost", "octocat" }, true)]
    [InlineData(new[] { "octocat", "ghost", "hubot" }, false)]
    public async Task A_404_for_a_user_ends_per_user_spend_only_when_no_user_was_answered_before(string[] users, bool ends)
    {
        Sim.Faults = new FaultSettings { Script = new[] { new ScriptedFault { PathContains = "/ai_credit/", QueryContains = "user=ghost", Status = 404 } } };
        using var client = Client();
        var seen = new List<UserSpend>();
        var perUser = client.Billing().PerUser(Query(Org), (spend, _) => { seen.Add(spend); return Task.CompletedTask; });
        // The run ends where the 404 is handed on: in CompleteAsync, or in an AddAsync that finds it already in.
        var ended = await Record.ExceptionAsync(async () =>
        {
            foreach (string user in users) await perUser.AddAsync(user, CancellationToken.None);
            await perUser.CompleteAsync(CancellationToken.None);
        }) as CopilotApiException;
        Assert.Equal(ends, ended?.IsTerminating == true && ended.Message.Contains("usage-based billing may not apply"));
        if (ends) return;
        Assert.Equal(users, seen.Select(s => s.User));
        var error = seen.Single(s => s.User == "ghost").Error!;
        Assert.Equal(("CopilotSeats.Http404", (object)"ghost", false), (error.ErrorId, error.TargetObject!, error.IsTerminating));
        Assert.Contains("user ghost", error.Message);
    }

    [Fact]
    public async Task A_refused_report_ends_per_user_spend_and_names_the_role()
    {
        using var client = Client(token: "sim_member_canary");
        var perUser = client.Billing().PerUser(Query(SeatScope.ForEnterprise("octo-ent")), (_, _) => Task.CompletedTask);
        await perUser.AddAsync("octocat", CancellationToken.None);
        var error = await Assert.ThrowsAsync<CopilotApiException>(() => perUser.CompleteAsync(CancellationToken.None));
        Assert.True(error.IsTerminating);
        Assert.Contains("enterprise admin or billing manager", error.Message);
        Assert.Contains("manage_billing:enterprise or read:enterprise (assumed: GitHub documents no classic scope for this report)", error.RecommendedAction);
    }
}
