namespace CopilotSeats
{
    /// <summary>
    /// Seat counts and monthly cost of an organization, an enterprise or one group of seats (Measure-CopilotSeat).
    /// Seats, Direct and ViaTeam count rows (grants); every other count counts unique users (logins), so a user
    /// seated twice counts once: Active + Inactive = Users. Scalar properties only.
    /// </summary>
    public sealed class CopilotSeatSummary
    {
        /// <summary>The organization or enterprise; with -GroupBy the group's value.</summary>
        public string? Name { get; set; }
        /// <summary>Seat rows (grants) seen.</summary>
        public int Seats { get; set; }
        /// <summary>Unique logins.</summary>
        public int Users { get; set; }
        /// <summary>Rows granted directly (no assigning team).</summary>
        public int Direct { get; set; }
        /// <summary>Rows granted through a team or enterprise team.</summary>
        public int ViaTeam { get; set; }
        /// <summary>Users with at least one seat used within <see cref="InactiveDays"/> days (DaysInactive below it).</summary>
        public int Active { get; set; }
        /// <summary>The other users: every seat of theirs inactive for <see cref="InactiveDays"/> days, never-used seats past their grace period included.</summary>
        public int Inactive { get; set; }
        /// <summary>Users none of whose seats has a LastActivityAt (never used, or idle long enough for GitHub to reset it).</summary>
        public int NeverUsed { get; set; }
        /// <summary>Users every seat of whom is pending cancellation.</summary>
        public int PendingCancellation { get; set; }
        /// <summary>Users whose highest plan is business.</summary>
        public int Business { get; set; }
        /// <summary>Users whose highest plan is enterprise.</summary>
        public int Enterprise { get; set; }
        /// <summary>Each user once, at the price of the highest-priced plan among their seats.</summary>
        public decimal MonthlyCost { get; set; }
        /// <summary>The part of <see cref="MonthlyCost"/> for inactive users not pending cancellation: what reclaiming them saves.</summary>
        public decimal InactiveMonthlyCost { get; set; }
        /// <summary>Currency of the prices (USD for GitHub's list prices).</summary>
        public string? Currency { get; set; }
        /// <summary>The threshold Active/Inactive used.</summary>
        public int InactiveDays { get; set; }
        /// <summary>Users with at least one active day in the usage report their seats carry (Get-CopilotSeat -IncludeUsage); null when the input carries no usage.</summary>
        public int? UsageActive { get; set; }
        /// <summary>Sum over users of the usage report's AI credits (each user once, Get-CopilotSeat -IncludeUsage): a metrics signal, not a billed total; null without usage.</summary>
        public decimal? UsageAiCreditsUsed { get; set; }

        // With -IncludeCredits (the current month's AI-credit usage report; null otherwise). Credits are AI credits, *Usd USD.
        /// <summary>Estimated pool the seats bring this month: per unique user, the allowance of their highest plan (GitHub publishes no pool size).</summary>
        public decimal? IncludedCredits { get; set; }
        /// <summary>Billed: credits used month to date (the report's gross quantity).</summary>
        public decimal? CreditsUsed { get; set; }
        /// <summary>Billed: credits covered by the pool month to date (the report's discount quantity).</summary>
        public decimal? CoveredCredits { get; set; }
        /// <summary>Billed: overage month to date (the report's net amount).</summary>
        public decimal? OverageUsd { get; set; }
        /// <summary>CreditsUsed scaled to the whole month.</summary>
        public decimal? ProjectedCredits { get; set; }
        /// <summary>ProjectedCredits over the pool ProjectedOverageUsd uses (1 = the pool used up); null when that pool is 0.</summary>
        public decimal? PoolUtilisation { get; set; }
        /// <summary>Overage this month at the projected use beyond the pool: IncludedCredits, but at least CoveredCredits (what GitHub covered proves that pool); billed overage means the pool is used up, so then CoveredCredits is the pool.</summary>
        public decimal? ProjectedOverageUsd { get; set; }
        /// <summary>What cancelling the reclaimable inactive seats saves a month once the pool has shrunk: their price minus the extra overage (at least 0), against the pool less the users all pending cancellation (they leave it at the next cycle too).</summary>
        public decimal? ReclaimSavingUsd { get; set; }

        public override string ToString() => Name ?? string.Empty;
    }
}
