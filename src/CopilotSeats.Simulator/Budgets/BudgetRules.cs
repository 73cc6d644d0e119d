using System.Globalization;
using System.Text.Json.Nodes;
using CopilotSeats.Simulator.Api;
using CopilotSeats.Simulator.Middleware;
using CopilotSeats.Simulator.Routing;

namespace CopilotSeats.Simulator.Budgets;

/// <summary>
/// Who may call the budgets API and what a budget body must say (BUDGETS.md; documented vs assumed in README.md,
/// "Budgets"). Each check answers GitHub's error, or null when the request may go on.
/// </summary>
internal static class BudgetRules
{
    private const string DocsUrl = "https://docs.github.com/rest/billing/budgets";
    public static readonly string[] OrgScopes = { "organization", "repository", "multi_user_customer", "user" };
    public static readonly string[] EnterpriseScopes = { "enterprise", "organization", "repository", "cost_center", "multi_user_customer", "multi_user_cost_center", "user" };
    private static readonly string[] UserSkus = { "ai_credits", "premium_requests" };

    /// <summary>
    /// GitHub's error body for the budgets API: {message, documentation_url}; a 422 is its validation-error,
    /// message "Validation Failed" with the reason in errors[] ({resource, field, message, code}).
    /// </summary>
    public static Answer Error(int status, string message, string? field = null)
    {
        var body = new JsonObject { ["message"] = field is null ? message : GitHubMessages.ForStatus(422), ["documentation_url"] = DocsUrl };
        if (field != null)
            body["errors"] = new JsonArray(new JsonObject { ["resource"] = "Budget", ["field"] = field, ["code"] = "invalid", ["message"] = message });
        return new Answer(status, body);
    }

    /// <summary>
    /// The role the token stands for (SimTokens: <c>sim_member</c> is a plain member, refused; <c>sim_billing</c> a
    /// billing manager, allowed) and whether usage-based billing is on for the owner (else 404, as GitHub's
    /// "feature not enabled"). An installation token on the org PATCH is refused: GitHub flags it not for Apps.
    /// </summary>
    public static Answer? Refusal(RouteRequest request, BudgetSettings settings, string action)
    {
        if (settings.DisabledFor.Contains(request.Owner!.Name, StringComparer.OrdinalIgnoreCase)) return Error(404, "Not Found");
        if (request.Token is { } token && SimTokens.IsPlainMember(token)) return Error(403, $"Insufficient permissions to {action}.");
        if (request.Caller?.Kind == Apps.TokenKind.Installation && request.Method == "PATCH" && request.Owner.Kind == OwnerKind.Organization)
            return Error(403, "Resource not accessible by integration");
        return null;
    }

    /// <summary>A create body's checks, in GitHub's order: required fields (400), then the scope's rules (422).</summary>
    public static Answer? CheckCreate(SimulatorState state, SeatOwner owner, JsonObject body, IEnumerable<BudgetRecord> existing)
    {
        string[] required = { "budget_amount", "prevent_further_usage", "budget_scope", "budget_type" };
        var missing = required.Where(f => body[f] is null).ToList();
        if (owner.Kind == OwnerKind.Enterprise && body["budget_alerting"] is null) missing.Add("budget_alerting");
        if (missing.Count > 0) return Error(400, "Missing required fields: " + string.Join(", ", missing));
        string scope = Text(body, "budget_scope") ?? "";
        // GitHub's quirk: a user budget without "user" is refused as if budget_entity_name were missing.
        if (scope == "user" && string.IsNullOrEmpty(Text(body, "user"))) return Error(400, "Missing required fields: budget_entity_name");
        var scopes = owner.Kind == OwnerKind.Enterprise ? EnterpriseScopes : OrgScopes;
        if (!scopes.Contains(scope)) return Error(422, $"Invalid budget_scope '{scope}'; expected one of: {string.Join(", ", scopes)}.", "budget_scope");
        string sku = Text(body, "budget_product_sku") ?? "";
        bool userLevel = scope is "user" or "multi_user_customer" or "multi_user_cost_center";
        if (userLevel && !UserSkus.Contains(sku)) return Error(422, "User-level budgets are only supported for the ai_credits and premium_requests SKUs.", "budget_product_sku");
        if (userLevel && Bool(body, "prevent_further_usage") != true) return Error(422, "prevent_further_usage must be true for user-level budgets.", "prevent_further_usage");
        if (scope == "user" && Alerting(body)) return Error(422, "Budget alerting is not supported for user-scoped budgets.", "budget_alerting");
        if (Amount(body) is not { } amount || amount < 0 || amount != decimal.Truncate(amount))
            return Error(422, "budget_amount must be a whole number of dollars, 0 or more.", "budget_amount");
        string? user = Text(body, "user");
        if (scope == "user" && !state.IsMember(owner, user!)) return Error(422, $"User '{user}' is not a member of the {(owner.Kind == OwnerKind.Enterprise ? "enterprise" : "organization")}.", "user");
        string entity = Text(body, "budget_entity_name") ?? "";
        if (existing.Any(b => b.Scope == scope && b.Sku == sku && string.Equals(b.User ?? b.Entity, scope == "user" ? user : entity, StringComparison.OrdinalIgnoreCase)))
            return Error(422, scope == "user" ? $"A budget for user '{user}' and SKU '{sku}' already exists." : $"A {scope} budget for '{sku}' already exists.", "budget_scope");
        return null;
    }

    /// <summary>An update body's checks: a user-level budget keeps prevent_further_usage true; the amount stays whole and not negative.</summary>
    public static Answer? CheckUpdate(BudgetRecord budget, JsonObject body)
    {
        if (budget.IsUserLevel && body["prevent_further_usage"] != null && Bool(body, "prevent_further_usage") != true)
            return Error(422, "prevent_further_usage must be true for user-level budgets.", "prevent_further_usage");
        if (body["budget_amount"] != null && (Amount(body) is not { } amount || amount < 0 || amount != decimal.Truncate(amount)))
            return Error(422, "budget_amount must be a whole number of dollars, 0 or more.", "budget_amount");
        return null;
    }

    public static string? Text(JsonObject body, string field) =>
        body[field] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    public static bool? Bool(JsonObject body, string field) =>
        body[field] is JsonValue v && v.TryGetValue(out bool b) ? b : null;

    /// <summary>budget_amount as sent: an integer, or a number such as 1000.0 (GitHub's tutorial sends that).</summary>
    public static decimal? Amount(JsonObject body) =>
        body["budget_amount"] is JsonValue v && v.TryGetValue(out decimal d) ? d : null;

    public static bool Alerting(JsonObject body) =>
        body["budget_alerting"] is JsonObject a && ((a["will_alert"] is JsonValue w && w.TryGetValue(out bool on) && on) || (a["alert_recipients"] is JsonArray r && r.Count > 0));

    public static List<string> Recipients(JsonObject body) =>
        body["budget_alerting"] is JsonObject a && a["alert_recipients"] is JsonArray r
            ? r.Select(x => x is JsonValue v && v.TryGetValue(out string? s) ? s : null).OfType<string>().ToList()
            : new List<string>();

    public static int IntQuery(RouteRequest request, string name, int fallback) =>
        int.TryParse(request.Query[name].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 1 ? n : fallback;
}
