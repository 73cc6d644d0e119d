using System.Text.Json;
using CopilotSeats.Seats;

namespace CopilotSeats.Billing
{
    /// <summary>
    /// GitHub's AI-credit usage report as flat <see cref="CopilotCreditUsage"/> items: the period, owner and filters
    /// asked on every item (GitHub's echo only for what was not asked). Numbers are JSON numbers (not integers) and read as decimal; labels (product, sku,
    /// unitType) are passed through as GitHub writes them, never matched. Unknown fields are ignored.
    /// </summary>
    public static class CreditUsageMapper
    {
        public static IReadOnlyList<CopilotCreditUsage> Map(byte[] body, CreditUsageQuery query)
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new JsonException("the report is not a JSON object");
            // The owner asked, not GitHub's echo (its documented example names "GitHub" as the organization).
            (int year, int? month, int? day) = PeriodOf(Property(root, "timePeriod"), query.Period);
            bool isEnterprise = query.Scope.Kind == ScopeKind.Enterprise;
            string? organization = isEnterprise ? query.Organization : query.Scope.Name;
            string? enterprise = isEnterprise ? query.Scope.Name : null;
            string? user = query.User ?? Text(root, "user");
            JsonElement costCenter = Property(root, "costCenter");
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

        /// <summary>
        /// Year and month together, never one from the echo and one from the clock, and never no month (rows of two months
        /// must differ in a CSV): the period asked when any of it was asked (GitHub's default month filled in, the day
        /// asked kept); else the echo when it has a year and month (and its day); else the period of the request, GitHub's
        /// default, the current month (UTC): GitHub need echo only the year, and its examples do (API-VERSIONS.md).
        /// </summary>
        private static (int Year, int? Month, int? Day) PeriodOf(JsonElement echo, CreditPeriod asked)
        {
            if (!asked.Year.HasValue && !asked.Month.HasValue && Int(echo, "year") is int y && Int(echo, "month") is int m) return (y, m, Int(echo, "day"));
            return (asked.EffectiveYear, asked.EffectiveMonth, asked.Day);
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
