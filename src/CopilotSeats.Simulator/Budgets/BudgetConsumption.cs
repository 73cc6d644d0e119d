using CopilotSeats.Simulator.Billing;
using CopilotSeats.Simulator.Usage;

namespace CopilotSeats.Simulator.Budgets;

/// <summary>
/// What a user has consumed this billing cycle (the calendar month, UTC, to today), in US dollars: the AI credits of
/// the simulated usage (the usage reports' <c>ai_credits_used</c>, <see cref="UsageActivity"/>) at $0.01 a credit
/// (<see cref="CreditLedger.PricePerCredit"/>). Only the owner's seats count: an organization's own, an enterprise's and its organizations'.
/// </summary>
internal static class BudgetConsumption
{
    public static decimal Consumed(SimulatorState state, SeatOwner owner, string login)
    {
        var rows = (owner.Kind == OwnerKind.Enterprise ? state.RowsLocked(owner) : owner.Seats)
            .Where(s => string.Equals(s.Login, login, StringComparison.OrdinalIgnoreCase)).ToList();
        if (rows.Count == 0) return 0m;
        ReportUser user = ReportUser.Of(rows);
        var today = DateOnly.FromDateTime(state.Now.UtcDateTime);
        decimal credits = 0m;
        for (var day = new DateOnly(today.Year, today.Month, 1); day <= today; day = day.AddDays(1))
            credits += UsageActivity.For(user, day, state.RandomSeed).AiCredits;
        return Math.Round(credits * CreditLedger.PricePerCredit, 2);
    }
}
