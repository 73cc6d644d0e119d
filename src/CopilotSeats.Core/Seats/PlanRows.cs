using System.Globalization;
using System.Numerics;

namespace CopilotSeats.Seats
{
    /// <summary>
    /// A plan row (Compare-CopilotSeat's CopilotSeatPlanItem, its CSV, or its JSON) piped into Add- or Remove-CopilotUser: the
    /// row's Action says which of the two it is meant for. Rows of the other actions are left to Sync-CopilotSeat.
    /// </summary>
    public static class PlanRows
    {
        private static readonly string[] Names = Enum.GetNames(typeof(CopilotSeatPlanAction));

        private const NumberStyles NumberText = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite
            | NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

        /// <summary>
        /// Whether a row with <paramref name="action"/> goes to the seat change: no Action, or text that is neither a plan
        /// action nor a number, as before; the change's own action (Add, Remove); Restore when adding (adding again keeps
        /// the seat). A number that is no plan action is a plan row whose action cannot be read: never sent.
        /// </summary>
        public static bool Takes(object? action, SeatAction change)
        {
            if (!TryRead(action, out CopilotSeatPlanAction planned)) return !IsNumber(action, out _);
            return change == SeatAction.Add
                ? planned is CopilotSeatPlanAction.Add or CopilotSeatPlanAction.Restore
                : planned == CopilotSeatPlanAction.Remove;
        }

        /// <summary>The warning for a row not taken.</summary>
        public static string SkippedWarning(string? login, object? action, SeatAction change) => TryRead(action, out CopilotSeatPlanAction planned)
            ? $"Skipped '{login}': the plan row's action is {planned}, not {change}. Sync-CopilotSeat applies every action of a plan."
            : $"Skipped '{login}': the plan row's action {Convert.ToString(action, CultureInfo.InvariantCulture)?.Trim()} is no plan action ({string.Join(", ", Names)}), so nothing is sent for it.";

        /// <summary>
        /// Reads a plan row's Action: a name (any case, blanks around ignored), or an integral number that is one of the
        /// action's values, as ConvertTo-Json writes it without -EnumsAsStrings (an int or long, a double or decimal
        /// without fraction, or its text). Anything else (other text, "Add,Remove", 1.5, 9) is no plan action.
        /// </summary>
        public static bool TryRead(object? action, out CopilotSeatPlanAction planned)
        {
            planned = default;
            if (action is CopilotSeatPlanAction value)
            {
                planned = value;
                return Enum.IsDefined(typeof(CopilotSeatPlanAction), value);
            }
            string? text = action is string or Enum ? action.ToString().Trim() : null;
            // Names only: Enum.TryParse would also take "Add,Remove"; numbers are read below.
            if (text != null && Array.Exists(Names, name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase)))
                return Enum.TryParse(text, ignoreCase: true, out planned);
            if (!IsNumber(action, out double number) || number % 1 != 0 || number < 0 || number > int.MaxValue) return false;
            planned = (CopilotSeatPlanAction)(int)number;
            return Enum.IsDefined(typeof(CopilotSeatPlanAction), planned);
        }

        /// <summary>Whether <paramref name="action"/> is a number or the text of one (not an enum, a Boolean or a character).</summary>
        private static bool IsNumber(object? action, out double number)
        {
            number = 0;
            switch (action)
            {
                case string text:
                    return double.TryParse(text, NumberText, CultureInfo.InvariantCulture, out number);
                case BigInteger big:
                    number = (double)big;
                    return true;
                case IConvertible convertible when !(action is Enum) && convertible.GetTypeCode() is >= TypeCode.SByte and <= TypeCode.Decimal:
                    number = convertible.ToDouble(CultureInfo.InvariantCulture);
                    return true;
                default:
                    return false;
            }
        }
    }
}
