using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using CopilotSeats.Budgets;
using CopilotSeats.Simulator;

namespace CopilotSeats.Core.Tests;

/// <summary>Per-user AI-credit budgets: amounts, which budget applies, create-or-update, GitHub's JSON, paging.</summary>
public class BudgetTests : SimulatorTestBase
{
    private static readonly SeatScope Org = SeatScope.ForOrganization("octo-org");

    private static CopilotBudget Budget(string scope, int amount, string? user = null, decimal? consumed = null, string sku = "ai_credits", bool prevent = true) =>
        new() { Id = scope + user + amount, Scope = scope, UserName = user, AmountUsd = amount, ConsumedUsd = consumed, Sku = sku, PreventFurtherUsage = prevent };

    [Theory]
    [InlineData("-1")]
    [InlineData("10.5")]
    [InlineData("0.01")]
    public void An_amount_below_zero_or_not_whole_is_refused_before_any_request(string amount)
    {
        var ex = Assert.Throws<CopilotException>(() => BudgetRules.ValidateAmount(decimal.Parse(amount, CultureInfo.InvariantCulture)));
        Assert.Equal("CopilotSeats.InvalidAmount", ex.ErrorId);
        Assert.True(ex.IsTerminating);
    }

    [Theory]
    [InlineData(null, true, 10, BudgetAction.Create)]
    [InlineData(5, true, 10, BudgetAction.Update)]
    [InlineData(10, true, 10, BudgetAction.Unchanged)]
    [InlineData(10, false, 10, BudgetAction.Update)]
    public void Create_or_update_is_decided_from_the_existing_budget(int? existing, bool prevent, int amount, BudgetAction expected)
    {
        var item = new BudgetPlanItem("mona", existing is { } e ? Budget("User", e, "mona", prevent: prevent) : null, amount);
        Assert.Equal(expected, item.Action);
        Assert.Equal($"user mona in the organization octo-org: {(existing is null ? "no budget" : "$" + existing)} -> ${amount}", item.Target(Org));
    }

    public static TheoryData<string, string, int?, bool> Resolutions => new()
    {
        { "own and all-users", "User", 3, true },
        { "all-users only", "AllUsers", 20, false },
        { "none", "None", null, false },
        { "another user's own and a licence budget", "None", null, false },
    };

    [Theory]
    [MemberData(nameof(Resolutions))]
    public void The_users_own_budget_applies_before_the_all_users_one(string budgets, string scope, int? amount, bool blocked)
    {
        var list = new List<CopilotBudget>();
        if (budgets.Contains("own")) list.Add(Budget("User", budgets.Contains("another") ? 1 : 3, budgets.Contains("another") ? "lisa" : "mona", consumed: 4.5m));
        if (budgets.Contains("all-users")) list.Add(Budget("AllUsers", 20, consumed: 4.5m));
        if (budgets.Contains("licence")) list.Add(Budget("AllUsers", 5, sku: "copilot_business"));
        var r = BudgetRules.Resolve("mona", Org, list, null);
        Assert.Equal((scope, amount, blocked), (r.AppliedScope, r.AmountUsd, r.Blocked));
        Assert.Equal(amount is null ? null : Math.Max(0m, amount.Value - 4.5m), r.RemainingUsd);
    }

    [Fact]
    public void GitHubs_effective_budget_wins_and_its_example_reads_with_the_skus_array()
    {
        var page = BudgetWire.ReadPage(Encoding.UTF8.GetBytes(Repo.Example("../billing/get-all-budgets-org.200.with_user_filter.json")), Org);
        Assert.Equal(("AllUsers", "ai_credits", "BundlePricing", "org-owner"), (page.Budgets[0].Scope, page.Budgets[1].Sku, page.Budgets[1].PricingType, page.Budgets[1].AlertRecipients));
        var r = BudgetRules.Resolve("octocat", Org, page.Budgets.Where(BudgetRules.IsAiCredits).ToList(), page.Effective);
        // Its effective budget is not among the listed ones: every figure is the effective budget's, its scope unknown.
        Assert.Equal(("Unknown", "9a7d04e8-6600-44f5-94ef-65ca92b95f0b", 1000, 42m, 958m), (r.AppliedScope, r.BudgetId, r.AmountUsd, r.ConsumedUsd, r.RemainingUsd));
        Assert.Equal((true, false), (r.PreventFurtherUsage, r.Blocked));
    }

    [Theory]
    [InlineData("\"effective_budget\":{\"id\":\"b2\",\"budget_amount\":7}", null, "hubot")]
    [InlineData("\"effective_budget\":{\"id\":\"all\",\"budget_amount\":9}", null, null)]
    [InlineData("\"other\":1", null, null)]
    public void A_user_filtered_answer_names_only_the_budget_its_effective_budget_names(string effective, string? first, string? second)
    {
        const string User = "{{\"id\":\"{0}\",\"budget_scope\":\"user\",\"budget_product_sku\":\"ai_credits\",\"budget_amount\":{1}}}";
        string budgets = string.Format(CultureInfo.InvariantCulture, User, "b1", 5) + "," + string.Format(CultureInfo.InvariantCulture, User, "b2", 7)
            + ",{\"id\":\"all\",\"budget_scope\":\"multi_user_customer\",\"budget_product_sku\":\"ai_credits\",\"budget_amount\":9}";
        var page = BudgetWire.ReadPage(Encoding.UTF8.GetBytes($"{{\"budgets\":[{budgets}],\"user\":\"hubot\",{effective}}}"), Org);
        Assert.Equal((first, second), (page.Budgets[0].UserName, page.Budgets[1].UserName));
        Assert.Equal(second is null ? null : "b2", BudgetRules.OwnBudget(page.Budgets, "hubot")?.Id);
    }

    [Fact]
    public void GitHubs_user_filter_example_leaves_the_user_budget_its_effective_budget_does_not_name_unnamed()
    {
        // The only user budget listed could be anyone's (?user= filters consumed amounts, not the list): taking it as
        // octocat's would let Set-/Remove-CopilotBudget change another user's budget.
        var page = BudgetWire.ReadPage(Encoding.UTF8.GetBytes(Repo.Example("../billing/get-all-budgets-org.200.with_user_filter.json")), Org);
        Assert.Equal(new string?[] { null, null }, page.Budgets.Select(b => b.UserName));
        Assert.Null(BudgetRules.OwnBudget(page.Budgets, "octocat"));
    }

    [Fact]
    public async Task Bulk_set_creates_then_a_second_identical_plan_sends_nothing_and_the_listing_pages_on_has_next_page()
    {
        using var client = Client();
        var users = Enumerable.Range(1, 110).Select(i => $"user-{i:0000}").ToList();
        var changes = new List<CopilotBudgetChange>();
        async Task Apply(int amount)
        {
            var existing = await client.Budgets().ListAiCreditBudgetsAsync(Org, "user", default);
            var plan = users.Select(u => new BudgetPlanItem(u, BudgetRules.OwnBudget(existing, u), amount)).ToList();
            await client.Budgets().ApplyAsync(Org, plan, c => { lock (changes) changes.Add(c); return Task.CompletedTask; }, ex => throw ex, null, default);
        }
        await Apply(0);
        Assert.All(changes, c => Assert.Equal("Created", c.Result));
        Sim.Log.Clear();
        await Apply(0);
        Assert.Equal(new[] { "GET", "GET" }, Requests.Select(r => r.Method));
        Assert.Equal(110, changes.Count(c => c.Result == "Unchanged"));
        var mona = await client.Budgets().ForUserAsync(Org, "user-0001", default);
        Assert.Equal(("User", 0, true), (mona.AppliedScope, mona.AmountUsd, mona.Blocked));
    }

    [Theory]
    [InlineData(403, "Resource not accessible by integration", "PATCH", false, "GitHub Apps update organization budgets")]
    [InlineData(403, "Resource not accessible by personal access token", "GET", false, "permission 'Administration' (read)")]
    [InlineData(403, "Insufficient permissions to create a budget.", "POST", true, "enterprise owner or billing manager (or an organization admin for that organization's budgets, or a custom role with write access")]
    [InlineData(404, "Budget with ID 42 not found.", "PATCH", false, "does not exist")]
    [InlineData(404, "Not Found", "GET", false, "Usage-based billing")]
    [InlineData(422, "prevent_further_usage must be true for user-level budgets.", "POST", false, "prevent_further_usage must be true")]
    public void A_budget_error_names_the_role_the_permission_or_the_feature_and_keeps_GitHubs_words(int status, string said, string method, bool enterprise, string expected)
    {
        using var client = Clients.ForHandler(new ScriptedHandler((_, _) => ScriptedHandler.Json((HttpStatusCode)status, $"{{\"message\":\"{said}\"}}")));
        var owner = enterprise ? SeatScope.ForEnterprise("octo-ent") : Org;
        var request = client.Budgets().Request(new HttpMethod(method), owner, method == "GET" ? null : "42", string.Empty, "mona");
        var error = ErrorMapper.FromResponse(request, new ApiResponse(status, new Dictionary<string, string>(), Encoding.UTF8.GetBytes($"{{\"message\":\"{said}\"}}"), request.Uri));
        Assert.Contains(expected, error.Message);
        Assert.False(string.IsNullOrEmpty(error.RecommendedAction));
    }

    [Theory]
    [InlineData(422, "POST", true)]
    [InlineData(400, "PATCH", true)]
    [InlineData(400, "GET", false)]
    [InlineData(422, "DELETE", false)]
    public void Only_a_budget_write_refused_as_sent_blames_the_amount_or_the_user(int status, string method, bool write)
    {
        using var client = Clients.ForHandler(new ScriptedHandler((_, _) => ScriptedHandler.Json(HttpStatusCode.OK, "{}")));
        var request = client.Budgets().Request(new HttpMethod(method), Org, method == "GET" ? null : "42", string.Empty, "mona");
        var error = ErrorMapper.FromResponse(request, new ApiResponse(status, new Dictionary<string, string>(), Encoding.UTF8.GetBytes("{\"message\":\"Invalid request.\"}"), request.Uri));
        Assert.Equal(write, error.Message.EndsWith("Invalid request. GitHub refused the amount or the user.", StringComparison.Ordinal));
        Assert.Equal(write, error.RecommendedAction!.StartsWith("Check the amount", StringComparison.Ordinal));
    }

    [Fact]
    public async Task User_budgets_listed_without_their_user_as_in_GitHubs_examples_are_asked_for_per_user_not_yet_matched()
    {
        const string Budget = "{\"id\":\"b1\",\"budget_scope\":\"user\",\"budget_product_skus\":[\"ai_credits\"],\"budget_amount\":5,\"prevent_further_usage\":true}";
        string ada = Budget.Replace("b1", "b2").Replace("}", ",\"user\":\"ada\"}");
        var asked = new ConcurrentQueue<string>();
        using var client = Clients.ForHandler(new ScriptedHandler((request, _) =>
        {
            string query = request.RequestUri!.Query;
            asked.Enqueue(query.Contains("user=") ? query.Substring(query.IndexOf("user=", StringComparison.Ordinal)) : "list");
            string body = query.Contains("user=mona") ? $"{{\"budgets\":[{Budget}],\"user\":\"mona\",\"effective_budget\":{{\"id\":\"b1\",\"budget_amount\":5}},\"has_next_page\":false}}"
                : query.Contains("user=lisa") ? "{\"budgets\":[],\"user\":\"lisa\"}" : $"{{\"budgets\":[{Budget},{ada}],\"has_next_page\":false}}";
            return ScriptedHandler.Json(HttpStatusCode.OK, body);
        }));
        var own = await client.Budgets().OwnBudgetsAsync(Org, new[] { "mona", "ada", "lisa" }, default);
        Assert.Equal(("b1", "b2"), (own["mona"].Id, own["ada"].Id));
        Assert.False(own.ContainsKey("lisa"));
        Assert.Equal(new[] { "list", "user=lisa", "user=mona" }, asked.OrderBy(q => q, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Users_looked_up_as_they_come_are_answered_in_input_order_once_per_target()
    {
        using var client = Client(new CopilotClientOptions { ThrottleLimit = 2 });
        var input = new[] { (Org, "user-0003"), (SeatScope.ForEnterprise("octo-ent"), "user-0003"), (Org, "USER-0003"), (Org, "user-0001") };
        var seen = new List<string>();
        var lookup = client.Budgets().ForUsers(r => { seen.Add($"{r.Enterprise ?? r.Organization}/{r.UserName}"); return Task.CompletedTask; }, ex => throw ex);
        foreach (var (owner, user) in input) await lookup.AddAsync(owner, user, default);
        await lookup.CompleteAsync(default);
        Assert.Equal(input.Where((_, i) => i != 2).Select(item => $"{item.Item1.Name}/{item.Item2}"), seen);
    }

    [Theory]
    [InlineData("\"has_next_page\":true,\"total_count\":1", true)]
    [InlineData("\"has_next_page\":false,\"total_count\":500", false)]
    [InlineData("\"total_count\":101", true)]
    [InlineData("\"total_count\":100", false)]
    [InlineData("\"other\":1", true)]
    public void Paging_follows_has_next_page_else_total_count_else_goes_on_to_an_empty_page(string fields, bool more)
    {
        string budgets = string.Join(",", Enumerable.Repeat("{\"id\":\"b\",\"budget_scope\":\"user\"}", 100));
        var page = BudgetWire.ReadPage(Encoding.UTF8.GetBytes($"{{\"budgets\":[{budgets}],{fields}}}"), Org);
        Assert.Equal(more, BudgetRules.MorePages(page, 100));
        Assert.False(BudgetRules.MorePages(BudgetWire.ReadPage(Encoding.UTF8.GetBytes($"{{\"budgets\":[],{fields}}}"), Org), 100));
    }
}
