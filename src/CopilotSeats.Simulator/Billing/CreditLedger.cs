using CopilotSeats.Simulator.Usage;

namespace CopilotSeats.Simulator.Billing;

/// <summary>One user's AI credits on one model on one day, with the part the pool covered.</summary>
internal readonly record struct CreditLine(DateOnly Day, string Login, string PaidBy, string Model, decimal Credits, decimal Covered);

/// <summary>
/// A billing entity's AI-credit use in one month, driven by the usage the simulator already reports: a user's credits on
/// a day are the users report's ai_credits_used of that day (UsageActivity), on that day's model. The pool is each
/// seated user's plan allowance (business 1,900, enterprise 3,900; one allowance per user, the highest plan), drawn
/// down in time order (day, then user id) until empty; the rest is overage at 0.01 USD a credit. An enterprise bills a
/// user seated by several organizations once, to one of them (picked per month from a hash, GitHub picks at random).
/// </summary>
internal static class CreditLedger
{
    public const decimal PricePerCredit = 0.01m;

    public static decimal Allowance(string? plan) => string.Equals(plan, "enterprise", StringComparison.OrdinalIgnoreCase) ? 3900m : 1900m;

    /// <summary>The month's lines up to <paramref name="today"/> (whole month when it is past), in pool order.</summary>
    public static List<CreditLine> Month(SimulatorState state, SeatOwner owner, int year, int month, DateOnly today)
    {
        List<SeatRecord> rows = owner.Kind == OwnerKind.Enterprise ? state.RowsLocked(owner) : owner.Seats.ToList();
        var users = rows.Where(s => !s.AccountDeleted).GroupBy(s => s.Login, StringComparer.OrdinalIgnoreCase).Select(g =>
        {
            ReportUser user = ReportUser.Of(g);
            var orgs = g.Select(s => s.Organization ?? owner.Name).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(o => o, StringComparer.OrdinalIgnoreCase).ToList();
            string paidBy = orgs[(int)(UsageActivity.Hash(state.RandomSeed, user.Login, year * 12 + month) % (ulong)orgs.Count)];
            decimal allowance = g.Max(s => Allowance(s.PlanType));
            return (User: user, PaidBy: paidBy, Allowance: allowance);
        }).OrderBy(u => u.User.Id).ToList();
        decimal pool = users.Sum(u => u.Allowance);
        var lines = new List<CreditLine>();
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        if (last > today) last = today;
        for (var day = first; day <= last; day = day.AddDays(1))
            foreach (var (user, paidBy, _) in users)
            {
                var activity = UsageActivity.For(user, day, state.RandomSeed);
                if (!activity.Active || activity.AiCredits <= 0) continue;
                decimal covered = Math.Min(pool, activity.AiCredits);
                pool -= covered;
                lines.Add(new CreditLine(day, user.Login, paidBy, activity.Model, activity.AiCredits, covered));
            }
        return lines;
    }
}
