using System.Globalization;
using System.Text.Json;

namespace CopilotSeats.Budgets
{
    /// <summary>One page of GitHub's budget list: the budgets, whether more follow, and (with ?user=) the user's effective budget.</summary>
    public sealed class BudgetPage
    {
        public List<CopilotBudget> Budgets { get; } = new List<CopilotBudget>();
        /// <summary>has_next_page; null when GitHub leaves it out (it is optional in the list schema).</summary>
        public bool? HasNextPage { get; set; }
        /// <summary>total_count; null when left out.</summary>
        public int? TotalCount { get; set; }
        public EffectiveBudget? Effective { get; set; }
    }

    /// <summary>GitHub's effective_budget of a user: the budget that applies and what the user consumed under it.</summary>
    public sealed class EffectiveBudget
    {
        public EffectiveBudget(string id, int amountUsd, decimal consumedUsd) { Id = id; AmountUsd = amountUsd; ConsumedUsd = consumedUsd; }
        public string Id { get; }
        public int AmountUsd { get; }
        public decimal ConsumedUsd { get; }
    }

    /// <summary>
    /// GitHub's budget JSON, read tolerantly (BUDGETS.md, "Schema vs examples"): budget_product_sku or the examples'
    /// budget_product_skus array, an amount sent as 1000.0, budget_type as an open string, ids as opaque strings.
    /// </summary>
    public static class BudgetWire
    {
        public const string AiCredits = "ai_credits";

        /// <summary>GitHub's budget_scope and this module's Scope names, both ways.</summary>
        private static readonly (string Wire, string Name)[] Scopes =
        {
            ("organization", "Organization"), ("enterprise", "Enterprise"), ("repository", "Repository"), ("cost_center", "CostCenter"),
            ("multi_user_customer", "AllUsers"), ("multi_user_cost_center", "CostCenterUsers"), ("user", "User"),
        };

        public static IEnumerable<string> ScopeNames => Scopes.Select(s => s.Name);

        public static string ScopeName(string wire) => Scopes.FirstOrDefault(s => s.Wire == wire).Name ?? wire;

        public static string? WireScope(string name) => Scopes.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)).Wire;

        public static BudgetPage ReadPage(byte[] body, SeatScope owner)
        {
            var page = new BudgetPage();
            using JsonDocument doc = JsonDocument.Parse(body);
            JsonElement root = doc.RootElement;
            if (root.TryGetProperty("budgets", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
                foreach (JsonElement item in list.EnumerateArray()) page.Budgets.Add(ReadBudget(item, owner));
            if (root.TryGetProperty("has_next_page", out JsonElement next) && next.ValueKind is JsonValueKind.True or JsonValueKind.False)
                page.HasNextPage = next.ValueKind == JsonValueKind.True;
            if (root.TryGetProperty("total_count", out JsonElement total) && total.ValueKind == JsonValueKind.Number && total.TryGetInt32(out int count))
                page.TotalCount = count;
            if (root.TryGetProperty("effective_budget", out JsonElement eff) && eff.ValueKind == JsonValueKind.Object)
                page.Effective = new EffectiveBudget(Text(eff, "id") ?? string.Empty, Dollars(eff, "budget_amount"), Number(eff, "consumed_amount") ?? 0m);
            if (Text(root, "user") is { } user && UsersOwn(page) is { } own) own.UserName = user;
            return page;
        }

        /// <summary>
        /// With ?user=, GitHub names the user once, at the top, and its examples leave `user` out of the user budgets; the
        /// parameter is documented to filter consumed amounts, not the list. So the user's own is the listed user budget
        /// that effective_budget names, and no other: an unnamed budget could be anyone's, and changing it would change
        /// another user's budget. A user whose own budget is not the effective one is then taken to have none: a create
        /// GitHub refuses (422) is that user's error and changes nothing.
        /// </summary>
        private static CopilotBudget? UsersOwn(BudgetPage page) =>
            page.Effective is { } effective
                ? page.Budgets.FirstOrDefault(b => b.Id == effective.Id && b.Scope == "User" && b.UserName is null)
                : null;

        /// <summary>A budget object, or the "budget" inside a create or update answer.</summary>
        public static CopilotBudget ReadAnswer(byte[] body, SeatScope owner)
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            JsonElement root = doc.RootElement;
            return ReadBudget(root.TryGetProperty("budget", out JsonElement inner) && inner.ValueKind == JsonValueKind.Object ? inner : root, owner);
        }

        public static CopilotBudget ReadBudget(JsonElement e, SeatScope owner)
        {
            string scope = ScopeName(Text(e, "budget_scope") ?? string.Empty);
            string? entity = Text(e, "budget_entity_name");
            var recipients = e.TryGetProperty("budget_alerting", out JsonElement alerting) && alerting.ValueKind == JsonValueKind.Object
                && alerting.TryGetProperty("alert_recipients", out JsonElement r) && r.ValueKind == JsonValueKind.Array
                ? r.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)
                : Enumerable.Empty<string>();
            string? sku = Text(e, "budget_product_sku");
            if (sku is null && e.TryGetProperty("budget_product_skus", out JsonElement skus) && skus.ValueKind == JsonValueKind.Array)
                sku = string.Join(",", skus.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()));
            return new CopilotBudget
            {
                Id = Text(e, "id") ?? string.Empty,
                Organization = owner.Organization,
                Enterprise = owner.Enterprise,
                Scope = scope,
                UserName = Text(e, "user"),
                Entity = string.IsNullOrEmpty(entity) || scope == "User" ? null : entity,
                Sku = sku,
                PricingType = Text(e, "budget_type"),
                AmountUsd = Dollars(e, "budget_amount"),
                PreventFurtherUsage = e.TryGetProperty("prevent_further_usage", out JsonElement p) && p.ValueKind == JsonValueKind.True,
                AlertRecipients = string.Join(",", recipients),
                ConsumedUsd = Number(e, "consumed_amount"),
            };
        }

        /// <summary>The create body of an AI-credit budget for one user (<paramref name="user"/>) or for all users (null).</summary>
        public static byte[] CreateBody(string? user, int amountUsd) => Write(w =>
        {
            w.WriteNumber("budget_amount", amountUsd);
            w.WriteBoolean("prevent_further_usage", true);
            w.WriteString("budget_scope", user is null ? "multi_user_customer" : "user");
            w.WriteString("budget_entity_name", string.Empty);
            w.WriteString("budget_type", "BundlePricing");
            w.WriteString("budget_product_sku", AiCredits);
            w.WriteStartObject("budget_alerting");
            w.WriteBoolean("will_alert", false);
            w.WriteStartArray("alert_recipients");
            w.WriteEndArray();
            w.WriteEndObject();
            // GitHub's quirk: required for a user budget although the schema does not list it.
            if (user != null) w.WriteString("user", user);
        });

        /// <summary>The update body: the amount, and the hard stop a user-level budget must keep.</summary>
        public static byte[] UpdateBody(int amountUsd) => Write(w =>
        {
            w.WriteNumber("budget_amount", amountUsd);
            w.WriteBoolean("prevent_further_usage", true);
        });

        private static byte[] Write(Action<Utf8JsonWriter> fields)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                fields(w);
                w.WriteEndObject();
            }
            return stream.ToArray();
        }

        private static string? Text(JsonElement e, string name) =>
            e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static decimal? Number(JsonElement e, string name) =>
            e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal()
            : e.TryGetProperty(name, out v) && v.ValueKind == JsonValueKind.String && decimal.TryParse(v.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out decimal d) ? d
            : (decimal?)null;

        /// <summary>Whole dollars (GitHub's tutorial sends and shows 1000.0).</summary>
        private static int Dollars(JsonElement e, string name) => (int)Math.Round(Number(e, name) ?? 0m, MidpointRounding.AwayFromZero);
    }
}
