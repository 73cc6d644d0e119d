namespace CopilotSeats.Simulator.Tests;

/// <summary>The two AI-credit usage report endpoints over real HTTP, against GitHub's description and examples.</summary>
public class CreditUsageTests : IAsyncLifetime
{
    private SimulatorHost _sim = null!;
    private HttpResponseMessage? _last;

    public async Task InitializeAsync() =>
        _sim = await SimulatorHost.StartAsync(new SimulatorOptions { Seats = 40, LabSeats = 12, Now = new DateTimeOffset(2026, 12, 20, 9, 0, 0, TimeSpan.Zero) });

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonNode Body)> Get(string path, string token = "sim_credits")
    {
        using var api = new HttpClient { BaseAddress = _sim.BaseUri };
        api.DefaultRequestHeaders.UserAgent.ParseAdd("credit-tests/1.0");
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var r = _last = await api.GetAsync(path);
        return (r.StatusCode, JsonNode.Parse(await r.Content.ReadAsStringAsync())!);
    }

    private static decimal Sum(JsonNode body, string field) => body["usageItems"]!.AsArray().Sum(i => i![field]!.GetValue<decimal>());

    [Theory]
    [InlineData("/organizations/octo-org/settings/billing/ai_credit/usage", "get-github-billing-ai-credit-usage-report-org.200.json")]
    [InlineData("/enterprises/octo-ent/settings/billing/ai_credit/usage", "get-github-billing-ai-credit-usage-report-ghe.200.json")]
    public async Task A_report_has_the_example_shape_and_gross_minus_discount_is_net(string path, string example)
    {
        var (status, body) = await Get(path);
        Assert.Equal(HttpStatusCode.OK, status);
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Fixtures, "examples", "billing", example)))!;
        Assert.Equal(sample.AsObject().Select(p => p.Key).Order(), body!.AsObject().Select(p => p.Key).Order());
        var item = body["usageItems"]!.AsArray()[0]!.AsObject();
        Assert.Equal(sample["usageItems"]![0]!.AsObject().Select(p => p.Key).Order(), item.Select(p => p.Key).Order());
        Assert.Equal((2026, 12), (body["timePeriod"]!["year"]!.GetValue<int>(), body["timePeriod"]!["month"]!.GetValue<int>()));
        Assert.Equal(Sum(body, "grossQuantity") - Sum(body, "discountQuantity"), Sum(body, "netQuantity"));
    }

    [Theory]
    [InlineData("?month=13", HttpStatusCode.BadRequest)]
    [InlineData("?year=2024&month=11", HttpStatusCode.BadRequest)]
    [InlineData("?year=2024&month=12", HttpStatusCode.OK)]
    [InlineData("?year=2024&month=12&day=19", HttpStatusCode.BadRequest)] // a day by date: 2024-12-20 is the oldest
    [InlineData("?year=2024&month=12&day=20", HttpStatusCode.OK)]
    [InlineData("?day=40", HttpStatusCode.BadRequest)]
    public async Task The_window_is_24_months_and_bad_values_answer_400(string query, HttpStatusCode expected) =>
        Assert.Equal(expected, (await Get("/organizations/octo-org/settings/billing/ai_credit/usage" + query)).Status);

    [Theory]
    [InlineData("sim_member_x", "/organizations/octo-org", HttpStatusCode.Forbidden)]
    [InlineData("sim_member_x", "/enterprises/octo-ent", HttpStatusCode.Forbidden)]
    [InlineData("sim_billing_x", "/organizations/octo-org", HttpStatusCode.Forbidden)]
    [InlineData("sim_billing_x", "/enterprises/octo-ent", HttpStatusCode.OK)]
    [InlineData("sim_readonly_x", "/organizations/octo-org", HttpStatusCode.Forbidden)]
    public async Task Roles_and_scopes_decide_who_reads_it(string token, string owner, HttpStatusCode expected) =>
        Assert.Equal(expected, (await Get(owner + "/settings/billing/ai_credit/usage", token)).Status);

    // GitHub documents no classic scope for the billing routes and sends X-Accepted-OAuth-Scopes empty there.
    [Theory]
    [InlineData("/organizations/octo-org/settings/billing/ai_credit/usage", HttpStatusCode.Forbidden)]
    [InlineData("/enterprises/octo-ent/settings/billing/budgets", HttpStatusCode.OK)]
    public async Task Billing_routes_name_no_accepted_scope(string path, HttpStatusCode expected)
    {
        Assert.Equal(expected, (await Get(path, "sim_readonly_x")).Status);
        Assert.Equal("", _last!.Headers.GetValues("X-Accepted-OAuth-Scopes").Single());
    }

    [Fact]
    public async Task Filters_narrow_the_report_and_are_echoed()
    {
        const string ent = "/enterprises/octo-ent/settings/billing/ai_credit/usage";
        var (_, all) = await Get(ent);
        var (_, lab) = await Get(ent + "?organization=OCTO-LAB");
        var (_, model) = await Get(ent + "?model=GPT-4.1");
        var (_, other) = await Get(ent + "?product=Actions");
        var (_, none) = await Get(ent + "?cost_center_id=none");
        Assert.Equal("OCTO-LAB", lab["organization"]!.GetValue<string>());
        Assert.InRange(Sum(lab, "grossQuantity"), 0.01m, Sum(all, "grossQuantity") - 0.01m);
        Assert.Equal("gpt-4.1", Assert.Single(model["usageItems"]!.AsArray())!["model"]!.GetValue<string>());
        Assert.Empty(other["usageItems"]!.AsArray());
        Assert.Equal(Sum(all, "netAmount"), Sum(none, "netAmount"));
        Assert.Equal(HttpStatusCode.NotFound, (await Get(ent + "?cost_center_id=cc-1")).Status);
    }
}
