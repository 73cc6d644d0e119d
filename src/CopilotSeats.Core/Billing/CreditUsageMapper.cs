using System.Text.Json;

namespace CopilotSeats.Billing
{
    /// <summary>
    /// GitHub's AI-credit usage report as flat <see cref="CopilotCreditUsage"/> items: the report's period, owner and
    /// echoed filters on every item. Numbers are JSON numbers (not integers) and read as decimal; labels (product, sku,
    /// unitType) are passed through as GitHub writes them, never matched. Unknown fields are ignored.
    /// </summary>
    public static class CreditUsageMapper
    {
        public static IReadOnlyList<CopilotCreditUsage> Map(byte[] body, CreditUsageQuery query)
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new JsonException("the report is not a JSON object");
            JsonElement period = Property(root, "timePeriod");
            int year = Int(period, "year") ?? query.Period.EffectiveYear;
            int? month = Int(period, "month") ?? query.Period.EffectiveMonth;
            int? day = Int(period, "day") ?? query.Period.Day;
            JsonElement costCenter = Property(root, "costCenter");
            string? organization = Text(root, "organization") ?? query.Organization;
            string? enterprise = Text(root, "enterprise");
            string? user = Text(root, "user") ?? query.User;
            string? center = Text(costCenter, "name") ?? Text(costCenter, "id") ?? query.CostCenterId;
            var items = new List<CopilotCreditUsage>();
            JsonElement list = Property(root, "usageItems");
            if (list.ValueKind != JsonValueKind.Array) return items;
            foreach (JsonElement item in list.EnumerateArray())
            {
                items.Add(new CopilotCreditUsage
                {
                    Year = year, Month = month, Day = day, Organization = organization, Enterprise = enterprise, UserName = user, CostCenter = center,
                    Product = Text(item, "product"), Sku = Text(item, "sku"), Model = Text(item, "model"), UnitType = Text(item, "unitType"),
                    PricePerUnit = Number(item, "pricePerUnit"),
                    GrossQuantity = Number(item, "grossQuantity"), GrossAmount = Number(item, "grossAmount"),
                    DiscountQuantity = Number(item, "discountQuantity"), DiscountAmount = Number(item, "discountAmount"),
                    NetQuantity = Number(item, "netQuantity"), NetAmount = Number(item, "netAmount"),
                });
            }
            return items;
        }

        private static JsonElement Property(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement value) ? value : default;

        private static string? Text(JsonElement e, string name)
        {
            JsonElement value = Property(e, name);
            return value.ValueKind == JsonValueKind.String ? value.GetString() : value.ValueKind == JsonValueKind.Number ? value.GetRawText() : null;
        }

        private static int? Int(JsonElement e, string name)
        {
            JsonElement value = Property(e, name);
            return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) ? n : (int?)null;
        }

        private static decimal Number(JsonElement e, string name)
        {
            JsonElement value = Property(e, name);
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out decimal d)) return d;
            if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return 0m;
            throw new JsonException($"{name} is not a number");
        }
    }
}
