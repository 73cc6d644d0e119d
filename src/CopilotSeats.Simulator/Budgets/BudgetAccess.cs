using CopilotSeats.Simulator.Routing;

namespace CopilotSeats.Simulator.Budgets;

/// <summary>
/// The permission a fine-grained or installation token needs for the budget routes (read for GET, write otherwise):
/// organization "Administration" (documented for the list; write assumed for changes) and, on an enterprise, the
/// "Enterprise billing" permission (its JSON key assumed).
/// </summary>
internal static class BudgetAccess
{
    public static string? PermissionFor(ApiRoute route) =>
        !route.Template.Contains("/settings/billing/budgets", StringComparison.Ordinal) ? null
        : route.Scope == RouteScope.Enterprise ? Billing.CreditUsageReports.EnterprisePermission : Billing.CreditUsageReports.OrgPermission;
}
