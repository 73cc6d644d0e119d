using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using CopilotSeats.Simulator.Api;
using CopilotSeats.Simulator.Routing;

namespace CopilotSeats.Simulator.Budgets;

/// <summary>
/// GitHub's budgets API for organizations (<c>/organizations/{org}/settings/billing/budgets</c>) and enterprises
/// (<c>/enterprises/{enterprise}/settings/billing/budgets</c>): list (page/per_page, has_next_page, scope and user
/// filters, the user's effective budget), get, create, update, delete. Budgets live with their owner (a reset
/// seeds new owners, so none survive it). Consumption: <see cref="BudgetConsumption"/>.
/// </summary>
internal sealed class BudgetEndpoints(SimulatorState state, Func<BudgetSettings> settings)
{
    private readonly ConditionalWeakTable<SeatOwner, List<BudgetRecord>> _budgets = new();

    /// <summary>The routes of one owner kind; classic scopes assumed (README.md, "Budgets").</summary>
    public IEnumerable<ApiRoute> Routes(string owner, RouteScope scope, string read, string write)
    {
        string root = owner + "/settings/billing/budgets", one = root + "/{budget_id}";
        yield return new("GET",    root, scope, read,  List);
        yield return new("POST",   root, scope, write, Create);
        yield return new("GET",    one,  scope, read,  Get);
        yield return new("PATCH",  one,  scope, write, Update);
        yield return new("DELETE", one,  scope, write, Delete);
        if (scope == RouteScope.Enterprise) yield return new("GET", one + "/user-states", scope, read, UserStates);
    }

    /// <summary>The owner's budgets (the control API and tests read them too).</summary>
    public List<BudgetRecord> Of(SeatOwner owner) => _budgets.GetValue(owner, _ => new List<BudgetRecord>());

    private Answer List(RouteRequest request)
    {
        if (BudgetRules.Refusal(request, settings(), "view budgets") is { } refused) return refused;
        string? scopeFilter = request.Query["scope"].FirstOrDefault();
        string? user = request.Query["user"].FirstOrDefault();
        var matching = Of(request.Owner!).Where(b => string.IsNullOrEmpty(scopeFilter) || b.Scope == scopeFilter)
            .Where(b => string.IsNullOrEmpty(user) || b.IsUserLevel && (b.User is null || string.Equals(b.User, user, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        var paging = Paging.Of(request, matching.Count, 10); // no Link header: GitHub pages budgets by has_next_page
        decimal? consumed = string.IsNullOrEmpty(user) ? null : BudgetConsumption.Consumed(state, request.Owner!, user);
        var items = paging.Slice(matching).Select(b => (JsonNode)b.ToJson(listing: true,
            b.User is null ? (b.IsUserLevel ? consumed : null)
            : consumed != null && string.Equals(b.User, user, StringComparison.OrdinalIgnoreCase) ? consumed
            : BudgetConsumption.Consumed(state, request.Owner!, b.User)));
        var body = new JsonObject
        {
            ["budgets"] = new JsonArray(items.ToArray()),
            ["has_next_page"] = paging.Page * paging.PerPage < matching.Count,
            ["total_count"] = matching.Count,
        };
        if (!string.IsNullOrEmpty(user))
        {
            body["user"] = user;
            if (Effective(request.Owner!, user!) is { } effective)
                body["effective_budget"] = new JsonObject { ["id"] = effective.Id, ["budget_amount"] = effective.Amount, ["consumed_amount"] = consumed };
        }
        return new Answer(200, body);
    }

    /// <summary>The AI-credit budget that applies to the user: their own, else the universal (all-users) one.</summary>
    private BudgetRecord? Effective(SeatOwner owner, string user)
    {
        var credits = Of(owner).Where(b => b.Sku == "ai_credits").ToList();
        return credits.FirstOrDefault(b => b.Scope == "user" && string.Equals(b.User, user, StringComparison.OrdinalIgnoreCase))
            ?? credits.FirstOrDefault(b => b.Scope == "multi_user_customer");
    }

    private Answer Get(RouteRequest request)
    {
        if (BudgetRules.Refusal(request, settings(), "view budgets") is { } refused) return refused;
        return Find(request) is { } budget ? new Answer(200, budget.ToJson(listing: false, null)) : NotFound(request);
    }

    private Answer Create(RouteRequest request)
    {
        if (BudgetRules.Refusal(request, settings(), "create a budget") is { } refused) return refused;
        if (Parse(request.Body) is not { } body) return BudgetRules.Error(400, "Problems parsing JSON");
        var budgets = Of(request.Owner!);
        if (BudgetRules.CheckCreate(state, request.Owner!, body, budgets) is { } invalid) return invalid;
        string scope = BudgetRules.Text(body, "budget_scope")!;
        var budget = new BudgetRecord
        {
            Id = Guid.NewGuid().ToString(), Type = BudgetRules.Text(body, "budget_type") ?? "BundlePricing",
            Sku = BudgetRules.Text(body, "budget_product_sku") ?? "", Scope = scope,
            Entity = BudgetRules.Text(body, "budget_entity_name") ?? "", Amount = BudgetRules.Amount(body)!.Value,
            Prevent = BudgetRules.Bool(body, "prevent_further_usage") == true, User = scope == "user" ? BudgetRules.Text(body, "user") : null,
            WillAlert = BudgetRules.Alerting(body), Recipients = BudgetRules.Recipients(body),
        };
        budgets.Add(budget);
        return new Answer(200, new JsonObject { ["message"] = "Budget successfully created.", ["budget"] = budget.ToJson(listing: false, null) });
    }

    private Answer Update(RouteRequest request)
    {
        if (BudgetRules.Refusal(request, settings(), "update a budget") is { } refused) return refused;
        if (Find(request) is not { } budget) return NotFound(request);
        if (Parse(request.Body) is not { } body) return BudgetRules.Error(400, "Problems parsing JSON");
        if (BudgetRules.CheckUpdate(budget, body) is { } invalid) return invalid;
        if (BudgetRules.Amount(body) is { } amount) budget.Amount = amount;
        if (BudgetRules.Bool(body, "prevent_further_usage") is { } prevent) budget.Prevent = prevent;
        // Alerting is ignored for user budgets (GitHub: "Ignored for user-scope").
        if (budget.Scope != "user" && body["budget_alerting"] is JsonObject)
        {
            budget.WillAlert = BudgetRules.Alerting(body);
            budget.Recipients = BudgetRules.Recipients(body);
        }
        decimal? consumed = budget.User != null ? BudgetConsumption.Consumed(state, request.Owner!, budget.User) : null;
        return new Answer(200, new JsonObject { ["message"] = "Budget successfully updated.", ["budget"] = budget.ToJson(listing: false, consumed) });
    }

    private Answer Delete(RouteRequest request)
    {
        if (BudgetRules.Refusal(request, settings(), "delete a budget") is { } refused) return refused;
        if (Find(request) is not { } budget) return NotFound(request);
        Of(request.Owner!).Remove(budget);
        return new Answer(200, new JsonObject { ["message"] = "Budget successfully deleted.", ["budget_id"] = budget.Id });
    }

    /// <summary>
    /// An enterprise multi-user budget's users: those who consumed this cycle (GitHub lists a user only after a first
    /// use), each with the per-user target or their own budget's (override_budget_id); user, threshold bounds
    /// (percent of the target), sort_order ("0" descending, "1" ascending by consumption) and pages (default 10 assumed).
    /// </summary>
    private Answer UserStates(RouteRequest request)
    {
        if (BudgetRules.Refusal(request, settings(), "view budgets") is { } refused) return refused;
        if (Find(request) is not { } budget) return NotFound(request);
        var owner = request.Owner!;
        string? user = request.Query["user"].FirstOrDefault();
        int lower = BudgetRules.IntQuery(request, "threshold_lower_bound", 0), upper = BudgetRules.IntQuery(request, "threshold_upper_bound", int.MaxValue);
        var states = budget.Scope is not ("multi_user_customer" or "multi_user_cost_center") ? new List<(string User, decimal Consumed, decimal Target, string? Override)>()
            : state.RowsLocked(owner).Select(s => s.Login).Distinct(StringComparer.OrdinalIgnoreCase)
                .Where(login => string.IsNullOrEmpty(user) || string.Equals(login, user, StringComparison.OrdinalIgnoreCase))
                .Select(login => (User: login, Consumed: BudgetConsumption.Consumed(state, owner, login), Own: Effective(owner, login)))
                .Where(u => u.Consumed > 0)
                .Select(u => (u.User, u.Consumed, Target: u.Own is { Scope: "user" } own ? own.Amount : budget.Amount, Override: u.Own is { Scope: "user" } o ? o.Id : null))
                .Where(u => u.Target == 0 || (u.Consumed * 100 / u.Target >= lower && u.Consumed * 100 / u.Target <= upper))
                .ToList();
        states = request.Query["sort_order"].FirstOrDefault() == "1" ? states.OrderBy(u => u.Consumed).ToList() : states.OrderByDescending(u => u.Consumed).ToList();
        var paging = Paging.Of(request, states.Count, 10);
        var items = paging.Slice(states).Select(u =>
        {
            var item = new JsonObject { ["user"] = u.User, ["consumed_amount"] = u.Consumed, ["target_amount"] = u.Target };
            if (u.Override != null) item["override_budget_id"] = u.Override;
            return (JsonNode)item;
        });
        return new Answer(200, new JsonObject { ["user_states"] = new JsonArray(items.ToArray()), ["has_next_page"] = paging.Page * paging.PerPage < states.Count, ["total_count"] = states.Count });
    }

    private BudgetRecord? Find(RouteRequest request) => Of(request.Owner!).FirstOrDefault(b => b.Id == request["budget_id"]);

    private static Answer NotFound(RouteRequest request) => BudgetRules.Error(404, $"Budget with ID {request["budget_id"]} not found.");

    private static JsonObject? Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return new JsonObject();
        try { return JsonNode.Parse(body) as JsonObject; }
        catch (JsonException) { return null; }
    }
}
