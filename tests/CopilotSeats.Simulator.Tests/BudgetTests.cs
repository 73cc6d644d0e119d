using CopilotSeats.Simulator.Budgets;

namespace CopilotSeats.Simulator.Tests;

/// <summary>The budgets API over real HTTP: GitHub's validation, paging, the user's effective budget, roles.</summary>
public class BudgetTests : IAsyncLifetime
{
    private const string Budgets = "/organizations/octo-org/settings/billing/budgets";
    private SimulatorHost _sim = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _sim = await SimulatorHost.StartAsync(new SimulatorOptions { Seats = 40, LabSeats = 4, Now = new DateTimeOffset(2026, 12, 20, 12, 0, 0, TimeSpan.Zero) });
        _api = new HttpClient { BaseAddress = _sim.BaseUri };
        _api.DefaultRequestHeaders.UserAgent.ParseAdd("budget-tests/1.0");
        _api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sim_budgets");
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _sim.DisposeAsync();
    }

    private static string UserBudget(string user, int amount, bool prevent = true, bool alert = false, string sku = "ai_credits") =>
        $"{{\"budget_amount\":{amount},\"prevent_further_usage\":{(prevent ? "true" : "false")},\"budget_scope\":\"user\",\"budget_entity_name\":\"\",\"budget_type\":\"BundlePricing\",\"budget_product_sku\":\"{sku}\",\"budget_alerting\":{{\"will_alert\":{(alert ? "true" : "false")},\"alert_recipients\":[]}}{(user.Length > 0 ? $",\"user\":\"{user}\"" : "")}}}";

    private async Task<(HttpStatusCode Status, JsonNode Body)> Send(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json") };
        var response = await _api.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    public static TheoryData<string, int, string> Refused() => new()
    {
        { UserBudget("", 10), 400, "Missing required fields: budget_entity_name" },
        { UserBudget("user-0001", 10, prevent: false), 422, "prevent_further_usage must be true" },
        { UserBudget("user-0001", 10, alert: true), 422, "alerting is not supported" },
        { UserBudget("user-0001", 10, sku: "actions"), 422, "only supported for the ai_credits" },
        { UserBudget("user-0001", -1), 422, "whole number" },
        { UserBudget("nobody-here", 10), 422, "not a member" },
        { "{\"budget_amount\":5}", 400, "Missing required fields: prevent_further_usage, budget_scope, budget_type" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_create_that_breaks_a_documented_rule_is_refused_with_its_reason(string body, int status, string words)
    {
        var (code, answer) = await Send(HttpMethod.Post, Budgets, body);
        Assert.Equal(status, (int)code);
        // A 422 is GitHub's validation-error: "Validation Failed", the reason in errors[].
        Assert.Contains(words, (status == 422 ? answer["errors"]![0]!["message"] : answer["message"])!.GetValue<string>());
        if (status == 422) Assert.Equal("Validation Failed", answer["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task One_budget_per_user_and_sku_pages_by_has_next_page_and_the_user_filter_gives_the_effective_budget()
    {
        for (int i = 1; i <= 12; i++) Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Post, Budgets, UserBudget($"user-{i:0000}", i))).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Send(HttpMethod.Post, Budgets, UserBudget("user-0001", 3))).Status);
        var first = (await Send(HttpMethod.Get, Budgets)).Body;
        Assert.Equal(10, first["budgets"]!.AsArray().Count);
        Assert.True(first["has_next_page"]!.GetValue<bool>());
        Assert.False((await Send(HttpMethod.Get, Budgets + "?page=2")).Body["has_next_page"]!.GetValue<bool>());
        var own = (await Send(HttpMethod.Get, Budgets + "?user=user-0002")).Body;
        Assert.Equal(2, own["effective_budget"]!["budget_amount"]!.GetValue<decimal>());
        decimal consumed = own["effective_budget"]!["consumed_amount"]!.GetValue<decimal>();
        Assert.Equal(consumed, own["budgets"]!.AsArray().Single()!["consumed_amount"]!.GetValue<decimal>());
        Assert.Null((await Send(HttpMethod.Get, Budgets + "?user=user-0030")).Body["effective_budget"]);
        var all = "{\"budget_amount\":7,\"prevent_further_usage\":true,\"budget_scope\":\"multi_user_customer\",\"budget_type\":\"BundlePricing\",\"budget_product_sku\":\"ai_credits\"}";
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Post, Budgets, all)).Status);
        Assert.Equal(7, (await Send(HttpMethod.Get, Budgets + "?user=user-0030")).Body["effective_budget"]!["budget_amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task An_update_keeps_the_user_rules_and_a_delete_answers_the_id_then_404()
    {
        string id = (await Send(HttpMethod.Post, Budgets, UserBudget("user-0003", 5))).Body["budget"]!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Send(HttpMethod.Patch, $"{Budgets}/{id}", "{\"prevent_further_usage\":false}")).Status);
        var updated = (await Send(HttpMethod.Patch, $"{Budgets}/{id}", "{\"budget_amount\":9}")).Body["budget"]!;
        Assert.Equal(9, updated["budget_amount"]!.GetValue<decimal>());
        Assert.NotNull(updated["consumed_amount"]);
        Assert.Equal(id, (await Send(HttpMethod.Delete, $"{Budgets}/{id}")).Body["budget_id"]!.GetValue<string>());
        var gone = await Send(HttpMethod.Delete, $"{Budgets}/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Contains(id, gone.Body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_plain_member_is_refused_a_billing_manager_is_not_and_an_owner_without_usage_based_billing_answers_404()
    {
        _api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sim_member_1");
        var refused = await Send(HttpMethod.Post, Budgets, UserBudget("user-0001", 1));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("Insufficient permissions to create a budget.", refused.Body["message"]!.GetValue<string>());
        _api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sim_billing_1");
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, Budgets)).Status);
        _sim.Faults = new FaultSettings { Budgets = new BudgetSettings { DisabledFor = new[] { "octo-org" } } };
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, Budgets)).Status);
    }

    [Fact]
    public async Task An_enterprise_budget_needs_its_alerting_and_its_user_states_list_who_consumed_most_first()
    {
        _sim.State.Apps.Tag("ghp_enterprise_billing", Apps.TokenKind.Classic, new[] { "manage_billing:enterprise" }, new Dictionary<string, string>());
        _api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "ghp_enterprise_billing");
        const string Root = "/enterprises/octo-ent/settings/billing/budgets";
        string all = "\"budget_amount\":7,\"prevent_further_usage\":true,\"budget_scope\":\"multi_user_customer\",\"budget_type\":\"BundlePricing\",\"budget_product_sku\":\"ai_credits\"";
        Assert.Contains("budget_alerting", (await Send(HttpMethod.Post, Root, "{" + all + "}")).Body["message"]!.GetValue<string>());
        var created = await Send(HttpMethod.Post, Root, "{" + all + ",\"budget_alerting\":{\"will_alert\":false,\"alert_recipients\":[]}}");
        var states = (await Send(HttpMethod.Get, $"{Root}/{created.Body["budget"]!["id"]!.GetValue<string>()}/user-states")).Body;
        var consumed = states["user_states"]!.AsArray().Select(u => u!["consumed_amount"]!.GetValue<decimal>()).ToList();
        Assert.NotEmpty(consumed);
        Assert.Equal(consumed.OrderByDescending(c => c), consumed);
        Assert.All(states["user_states"]!.AsArray(), u => Assert.Equal(7, u!["target_amount"]!.GetValue<decimal>()));
    }
}
