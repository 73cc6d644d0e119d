namespace CopilotSeats.Sync
{
    /// <summary>What Sync-CopilotSeat does in one target: the items to send, the warnings, and the target's current seats.</summary>
    public sealed class SyncPlan(SeatScope scope)
    {
        public SeatScope Scope { get; } = scope;

        /// <summary>Add, Restore and Remove items, in plan order.</summary>
        public List<CopilotSeatPlanItem> Changes { get; } = new List<CopilotSeatPlanItem>();

        /// <summary>Conflict and Skip items, and plan rows that no longer hold: one warning each, never a request.</summary>
        public List<string> Warnings { get; } = new List<string>();

        /// <summary>Keep items (planned with IncludeEqual): listed, never sent.</summary>
        public List<CopilotSeatPlanItem> Kept { get; } = new List<CopilotSeatPlanItem>();

        /// <summary>The seats GitHub reported for the target (total_seats) when the plan was made.</summary>
        public int CurrentSeats { get; set; }

        public int Removals => Changes.Count(i => i.Action == CopilotSeatPlanAction.Remove);

        /// <summary>Sorts a planned item: a change to send, a warning (Conflict, Skip), or a seat kept (Keep).</summary>
        public void Take(CopilotSeatPlanItem item)
        {
            switch (item.Action)
            {
                case CopilotSeatPlanAction.Add:
                case CopilotSeatPlanAction.Restore:
                case CopilotSeatPlanAction.Remove:
                    Changes.Add(item);
                    break;
                case CopilotSeatPlanAction.Keep:
                    Kept.Add(item);
                    break;
                case CopilotSeatPlanAction.Conflict:
                case CopilotSeatPlanAction.Skip:
                    Warnings.Add($"{item.Action} '{item.Login}' in the {Scope}: {item.Reason} No request is sent for it.");
                    break;
            }
        }
    }
}
