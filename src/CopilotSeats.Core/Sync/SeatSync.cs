using CopilotSeats.Seats;

namespace CopilotSeats.Sync
{
    /// <summary>
    /// Desired state for one target: the plan (one seat listing, GET only, streamed through a <see cref="SeatPlanner"/>),
    /// a plan read back and re-checked, and the batches of the apply: Add and Restore through the add endpoint, then
    /// Remove through the cancel endpoint, at most 100 names each.
    /// </summary>
    public static class SeatSync
    {
        /// <summary>Lists the seats once, hands over the items of each page as it arrives, then the Add items; returns total_seats.</summary>
        public static async Task<int> CompareAsync(CopilotClient client, SeatScope scope, SeatPlanner planner,
            Func<IReadOnlyList<CopilotSeatPlanItem>, CancellationToken, Task> onItems, CancellationToken cancellationToken)
        {
            if (client is null) throw new ArgumentNullException(nameof(client));
            if (planner is null) throw new ArgumentNullException(nameof(planner));
            int total = await client.ListSeatsAsync(scope, (page, ct) =>
            {
                List<CopilotSeatPlanItem> items = planner.Observe(page);
                return items.Count == 0 ? Task.CompletedTask : onItems(items, ct);
            }, CopilotDefaults.PageSize, cancellationToken).ConfigureAwait(false);
            var chunk = new List<CopilotSeatPlanItem>();
            foreach (CopilotSeatPlanItem item in planner.Finish())
            {
                chunk.Add(item);
                if (chunk.Count < CopilotDefaults.PageSize) continue;
                await onItems(chunk, cancellationToken).ConfigureAwait(false);
                chunk = new List<CopilotSeatPlanItem>();
            }
            if (chunk.Count > 0) await onItems(chunk, cancellationToken).ConfigureAwait(false);
            return total;
        }

        /// <summary>The plan for a reference set: what to send and what to warn about.</summary>
        public static async Task<SyncPlan> PlanAsync(CopilotClient client, SeatScope scope, ReferenceSet reference, PlanOptions options,
            CancellationToken cancellationToken)
        {
            var plan = new SyncPlan(scope);
            var planner = new SeatPlanner(scope, reference, options);
            plan.CurrentSeats = await CompareAsync(client, scope, planner, (items, _) =>
            {
                foreach (CopilotSeatPlanItem item in items) plan.Take(item);
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            return plan;
        }

        /// <summary>A plan read back: its logins planned again against the current seats (<see cref="PlanRecheck"/>).</summary>
        public static async Task<SyncPlan> RecheckAsync(CopilotClient client, SeatScope scope, PlanRecheck rows, PlanOptions options,
            CancellationToken cancellationToken)
        {
            if (rows is null) throw new ArgumentNullException(nameof(rows));
            var plan = new SyncPlan(scope);
            var current = new List<CopilotSeatPlanItem>();
            var again = new PlanOptions { Exclude = options.Exclude, GraceDays = options.GraceDays, IncludeEqual = true, Now = options.Now };
            var planner = new SeatPlanner(scope, rows.Wanted, again, rows.Considers);
            plan.CurrentSeats = await CompareAsync(client, scope, planner, (items, _) =>
            {
                current.AddRange(items);
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            rows.Judge(current, plan);
            return plan;
        }

        /// <summary>The requests for the accepted items: Add and Restore (add endpoint) first, then Remove; at most 100 names each.</summary>
        public static IReadOnlyList<KeyValuePair<SeatAction, string[]>> Batches(IEnumerable<CopilotSeatPlanItem> accepted)
        {
            var items = accepted.ToList();
            var adds = BatchPlanner.Plan(items.Where(i => i.Action != CopilotSeatPlanAction.Remove).Select(i => i.Login));
            var removes = BatchPlanner.Plan(items.Where(i => i.Action == CopilotSeatPlanAction.Remove).Select(i => i.Login));
            return adds.Select(b => new KeyValuePair<SeatAction, string[]>(SeatAction.Add, b))
                .Concat(removes.Select(b => new KeyValuePair<SeatAction, string[]>(SeatAction.Remove, b))).ToList();
        }
    }
}
