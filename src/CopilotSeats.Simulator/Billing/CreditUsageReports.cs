using System.Globalization;
using System.Text.Json.Nodes;
using CopilotSeats.Simulator.Api;
using CopilotSeats.Simulator.Middleware;
using CopilotSeats.Simulator.Routing;

namespace CopilotSeats.Simulator.Billing;

/// <summary>
/// GET /organizations/{org}/settings/billing/ai_credit/usage and GET /enterprises/{enterprise}/settings/billing/ai_credit/usage
/// (README.md, "AI-credit usage reports"): GitHub's parameters (year, month, day, user, model, product; enterprise also
/// organization and cost_center_id), its body shape, one item per model, the roles, and the 24-month window.
/// </summary>
internal sealed class CreditUsageReports
{
    /// <summary>The organization permission an App or fine-grained token needs ("Administration", read).</summary>
    public const string OrgPermission = "administration";
    /// <summary>The enterprise permission an App needs ("Enterprise billing", read); its JSON key is assumed.</summary>
    public const string EnterprisePermission = "enterprise_billing";
    public const string Product = "Copilot", Sku = "Copilot AI Credits", UnitType = "credits";

    private readonly SimulatorState _state;

    public CreditUsageReports(SimulatorState state) => _state = state;

    public Answer Serve(RouteRequest request)
    {
        SeatOwner owner = request.Owner!;
        bool enterprise = owner.Kind == OwnerKind.Enterprise;
        if (RoleRefusal(request, enterprise) is { } refused) return refused;
        DateOnly today = DateOnly.FromDateTime(_state.Now.UtcDateTime);
        if (!Int(request, "year", today.Year, out int year) || year < 1000 || year > 9999) return Bad("year");
        if (!Int(request, "month", today.Month, out int month) || month < 1 || month > 12) return Bad("month");
        if (!Int(request, "day", 0, out int day) || day < 0 || day > 31 || (request.Query.ContainsKey("day") && day == 0)) return Bad("day");
        int asked = year * 12 + month - 1, current = today.Year * 12 + today.Month - 1;
        bool dayTooOld = day > 0 && day <= DateTime.DaysInMonth(year, month) && new DateOnly(year, month, day) < today.AddMonths(-24);
        if (asked < current - 24 || dayTooOld) return Error(400, "Only data from the past 24 months is accessible via this endpoint.");
        string? costCenter = Text(request, "cost_center_id");
        if (enterprise && costCenter != null && !string.Equals(costCenter, "none", StringComparison.OrdinalIgnoreCase))
            return Error(404, "Cost center not found.");
        string? user = Text(request, "user"), model = Text(request, "model"), product = Text(request, "product");
        string? organization = enterprise ? Text(request, "organization") : null;

        IEnumerable<CreditLine> lines = asked > current || day > DateTime.DaysInMonth(year, month) ? Enumerable.Empty<CreditLine>()
            : CreditLedger.Month(_state, owner, year, month, today);
        if (day > 0) lines = lines.Where(l => l.Day.Day == day);
        lines = lines.Where(l => (user is null || Same(l.Login, user)) && (model is null || Same(l.Model, model))
            && (product is null || Same(Product, product)) && (organization is null || Same(l.PaidBy, organization)));

        var items = new JsonArray();
        foreach (var group in lines.GroupBy(l => l.Model, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            decimal gross = group.Sum(l => l.Credits), discount = group.Sum(l => l.Covered), net = gross - discount;
            items.Add(new JsonObject
            {
                ["product"] = Product, ["sku"] = Sku, ["model"] = group.Key, ["unitType"] = UnitType, ["pricePerUnit"] = CreditLedger.PricePerCredit,
                ["grossQuantity"] = gross, ["grossAmount"] = gross * CreditLedger.PricePerCredit,
                ["discountQuantity"] = discount, ["discountAmount"] = discount * CreditLedger.PricePerCredit,
                ["netQuantity"] = net, ["netAmount"] = net * CreditLedger.PricePerCredit,
            });
        }
        var period = new JsonObject { ["year"] = year, ["month"] = month };
        if (day > 0) period["day"] = day;
        var body = new JsonObject { ["timePeriod"] = period, [enterprise ? "enterprise" : "organization"] = owner.Name };
        if (user != null) body["user"] = user;
        if (organization != null) body["organization"] = organization;
        if (product != null) body["product"] = product;
        if (model != null) body["model"] = model;
        if (costCenter != null) body["costCenter"] = new JsonObject { ["id"] = "none", ["name"] = "none" };
        body["usageItems"] = items;
        return new Answer(200, body);
    }

    /// <summary>
    /// Roles (README.md): "sim_member…" is an organization member who is neither admin nor billing manager (403 everywhere);
    /// "sim_billing…" a billing manager, not an admin: the enterprise report takes billing managers, the organization report
    /// only administrators (GitHub's description of each).
    /// </summary>
    private static Answer? RoleRefusal(RouteRequest request, bool enterprise)
    {
        string? token = request.Token;
        if (token is null) return null;
        if (SimTokens.IsPlainMember(token) || (!enterprise && SimTokens.IsBillingManager(token)))
            return Error(403, enterprise
                ? "You must be an enterprise administrator or billing manager to view this enterprise's billing usage."
                : "You must be an organization administrator to view this organization's billing usage.");
        return null;
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string? Text(RouteRequest request, string name)
    {
        string? value = request.Query[name].FirstOrDefault();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static bool Int(RouteRequest request, string name, int fallback, out int value)
    {
        value = fallback;
        string? text = Text(request, name);
        return text is null || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static Answer Bad(string parameter) => Error(400, $"Invalid value for '{parameter}'.");

    private static Answer Error(int status, string message) => Answer.Error(status, message) with
    {
        Body = new JsonObject
        {
            ["message"] = message,
            ["documentation_url"] = "https://docs.github.com/rest/billing/usage",
            ["status"] = status.ToString(CultureInfo.InvariantCulture),
        },
    };
}
