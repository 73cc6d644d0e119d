using System.Text.Json.Nodes;

namespace CopilotSeats.Simulator.Budgets;

/// <summary>One budget of an organization or an enterprise, as GitHub's budgets API shows it (BUDGETS.md).</summary>
internal sealed class BudgetRecord
{
    public required string Id { get; init; }
    public required string Type { get; set; }
    public required string Sku { get; set; }
    public required string Scope { get; set; }
    public string Entity { get; set; } = "";
    public decimal Amount { get; set; }
    public bool Prevent { get; set; }
    public bool WillAlert { get; set; }
    public List<string> Recipients { get; set; } = new();
    /// <summary>The login of a <c>user</c> budget; null for the other scopes.</summary>
    public string? User { get; set; }

    public bool IsUserLevel => Scope is "user" or "multi_user_customer" or "multi_user_cost_center";

    /// <summary>
    /// GitHub's budget object. Listings carry <c>budget_product_skus</c> (an array, as GitHub's examples) beside the
    /// schema's <c>budget_product_sku</c>; <paramref name="consumed"/> is added where GitHub reports it.
    /// </summary>
    public JsonObject ToJson(bool listing, decimal? consumed)
    {
        var json = new JsonObject
        {
            ["id"] = Id,
            ["budget_type"] = Type,
            ["budget_product_sku"] = Sku,
            ["budget_scope"] = Scope,
            ["budget_entity_name"] = Entity,
            ["budget_amount"] = Amount,
            ["prevent_further_usage"] = Prevent,
            ["budget_alerting"] = new JsonObject
            {
                ["will_alert"] = WillAlert,
                ["alert_recipients"] = new JsonArray(Recipients.Select(r => (JsonNode)JsonValue.Create(r)).ToArray()),
            },
        };
        if (listing) json["budget_product_skus"] = new JsonArray(JsonValue.Create(Sku));
        if (User != null) json["user"] = User;
        if (consumed.HasValue) json["consumed_amount"] = consumed.Value;
        return json;
    }
}

/// <summary>Budget knobs of the fault settings (PUT /_simulator/faults, "budgets").</summary>
public sealed class BudgetSettings
{
    /// <summary>Organizations and enterprises without usage-based billing: their budget paths answer 404 "Not Found".</summary>
    public string[] DisabledFor { get; set; } = Array.Empty<string>();
}
