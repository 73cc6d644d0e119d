namespace CopilotSeats.Seats
{
    /// <summary>
    /// A plan row (Compare-CopilotSeat's CopilotSeatPlanItem, or its CSV) piped into Add- or Remove-CopilotUser: the
    /// row's Action says which of the two it is meant for. Rows of the other actions are left to Sync-CopilotSeat.
    /// </summary>
    public static class PlanRows
    {
        /// <summary>
        /// Whether a row with <paramref name="action"/> goes to the seat change: no Action, or text that is not a plan
        /// action, as before; the change's own action (Add, Remove); Restore when adding (adding again keeps the seat).
        /// </summary>
        public static bool Takes(string? action, SeatAction change)
        {
            if (!TryParse(action, out CopilotSeatPlanAction planned)) return true;
            return change == SeatAction.Add
                ? planned is CopilotSeatPlanAction.Add or CopilotSeatPlanAction.Restore
                : planned == CopilotSeatPlanAction.Remove;
        }

        /// <summary>The warning for a row not taken.</summary>
        public static string SkippedWarning(string? login, string action, SeatAction change) =>
            $"Skipped '{login}': the plan row's action is {action.Trim()}, not {change}. Sync-CopilotSeat applies every action of a plan.";

        private static bool TryParse(string? action, out CopilotSeatPlanAction planned)
        {
            planned = default;
            string text = action?.Trim() ?? string.Empty;
            // Names only: Enum.TryParse would also take "1" or "Add,Remove".
            return Array.Exists(Enum.GetNames(typeof(CopilotSeatPlanAction)), name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
                && Enum.TryParse(text, ignoreCase: true, out planned);
        }
    }
}
