using CopilotSeats.Seats;

namespace CopilotSeats.Sync
{
    /// <summary>
    /// The rows seen so far of one enterprise login not decided yet (an enterprise listing has one row per grant, and a
    /// login's rows need not be adjacent): the first row's item for each action, and every team or organization grant
    /// that stands in the way. Held only until the listing ends, for logins that are not wanted with an active seat, so
    /// it grows with the items the plan writes, not with the seats.
    /// </summary>
    internal sealed class LoginGrants(SeatScope scope)
    {
        private readonly CopilotSeatPlanItem?[] _first = new CopilotSeatPlanItem?[Enum.GetValues(typeof(CopilotSeatPlanAction)).Length];
        private readonly List<TeamGrant> _teams = new List<TeamGrant>();
        private readonly List<string> _orgs = new List<string>();

        public void Add(CopilotSeatPlanItem item, CopilotSeat seat)
        {
            _first[(int)item.Action] ??= item;
            if (item.Action != CopilotSeatPlanAction.Conflict) return;
            if (item.AssigningTeam != null) _teams.Add(new TeamGrant(item.AssigningTeam, SeatRemoval.GrantOwner(scope, seat)));
            else _orgs.Add(seat.Organization!);
        }

        /// <summary>
        /// One item for the login: Restore when wanted (every row is pending, else it was Keep); Remove when the
        /// enterprise's own grant is active (the enterprise DELETE cancels only that one; the Reason names any team or
        /// organization grant that stays); else the Conflict naming every such grant; else the Skip.
        /// </summary>
        public CopilotSeatPlanItem Decide()
        {
            CopilotSeatPlanItem? item = Of(CopilotSeatPlanAction.Restore);
            if (item != null) return item;
            item = Of(CopilotSeatPlanAction.Remove) ?? Of(CopilotSeatPlanAction.Conflict) ?? Of(CopilotSeatPlanAction.Skip)!;
            if (_teams.Count + _orgs.Count == 0) return item;
            item.Reason = item.Action == CopilotSeatPlanAction.Remove
                ? item.Reason + " " + PlanReasons.AlsoGranted(item.Login!, _teams, _orgs)
                : PlanReasons.Conflict(item.Login!, _teams, _orgs);
            return item;
        }

        private CopilotSeatPlanItem? Of(CopilotSeatPlanAction action) => _first[(int)action];
    }
}
