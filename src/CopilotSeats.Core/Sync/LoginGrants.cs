namespace CopilotSeats.Sync
{
    /// <summary>
    /// The rows seen so far of one enterprise login not decided yet (an enterprise listing has one row per grant, and a
    /// login's rows need not be adjacent): the first row's item for each action, and whether a direct grant is pending or
    /// inside the grace period. Held only until the listing ends, for logins that are not wanted with an active seat, so
    /// it grows with the items the plan writes, not with the seats.
    /// </summary>
    internal sealed class LoginGrants
    {
        private readonly CopilotSeatPlanItem?[] _first = new CopilotSeatPlanItem?[Enum.GetValues(typeof(CopilotSeatPlanAction)).Length];
        private bool _directSkipped;

        public void Add(CopilotSeatPlanItem item, CopilotSeat seat)
        {
            _first[(int)item.Action] ??= item;
            if (item.Action == CopilotSeatPlanAction.Skip && string.IsNullOrWhiteSpace(seat.AssigningTeam)) _directSkipped = true;
        }

        /// <summary>
        /// One item for the login: Restore when wanted (every row is pending, else it was Keep); Remove only when no
        /// direct grant is pending or young (the enterprise DELETE cancels every direct grant it can at once, so an active
        /// direct grant beside a pending one is one it cannot cancel, and a young one would be cancelled with the rest);
        /// else the team Conflict, else the Skip.
        /// </summary>
        public CopilotSeatPlanItem Decide() =>
            Of(CopilotSeatPlanAction.Restore)
            ?? (_directSkipped ? null : Of(CopilotSeatPlanAction.Remove))
            ?? Of(CopilotSeatPlanAction.Conflict)
            ?? Of(CopilotSeatPlanAction.Skip)!;

        private CopilotSeatPlanItem? Of(CopilotSeatPlanAction action) => _first[(int)action];
    }
}
