using CopilotSeats.Seats;

namespace CopilotSeats.Sync
{
    /// <summary>
    /// What an undo looks up before sending (GET requests only, one <see cref="SeatLookup"/> per target): for each user to add
    /// again whether the pending seat is kept or a new one bought, and for each user to cancel that the plan marked
    /// (<see cref="UndoStep.RequestTime"/>) whether the run added them.
    /// </summary>
    public sealed class UndoChecks
    {
        private readonly Dictionary<string, (RestoreKind Kind, string? Until)> _restores = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, AddedCheck> _adds = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>What adding the user again does; null when the step is not a user's re-add.</summary>
        public (RestoreKind Kind, string? Until)? Restore(SeatScope scope, string name) =>
            _restores.TryGetValue(Key(scope, name), out var found) ? found : null;

        /// <summary>Whether the run added the user; null when the step needed no check.</summary>
        public AddedCheck? Added(SeatScope scope, string name) => _adds.TryGetValue(Key(scope, name), out AddedCheck found) ? found : null;

        public static async Task<UndoChecks> RunAsync(CopilotClient client, UndoPlan plan, int throttleLimit, CancellationToken cancellationToken)
        {
            var checks = new UndoChecks();
            var looked = plan.Steps.Where(s => s.Kind == AssigneeKind.User && (s.Action == SeatAction.Add || s.RequestTime != null));
            foreach (var target in looked.GroupBy(s => (s.Scope.Kind, Name: s.Scope.Name.ToLowerInvariant())))
            {
                var steps = target.ToList();
                var found = await SeatLookup.FindAsync(client, steps[0].Scope, steps.Select(s => s.Name).ToList(), throttleLimit, cancellationToken)
                    .ConfigureAwait(false);
                foreach (UndoStep step in steps)
                {
                    found.TryGetValue(step.Name, out var rows);
                    if (step.Action == SeatAction.Add) checks._restores[Key(step.Scope, step.Name)] = SeatRestore.Classify(rows, step.Scope, step.CancelUnconfirmed);
                    else checks._adds[Key(step.Scope, step.Name)] = AddedByRun.Judge(rows, step.RequestTime!.Value, step.Scope);
                }
            }
            return checks;
        }

        private static string Key(SeatScope scope, string name) => $"{scope.Kind}|{scope.Name}|{name}";
    }
}
