using System.Globalization;

namespace CopilotSeats.Summary
{
    /// <summary>Monthly price per user of each Copilot plan type (plan names compared case-insensitively).</summary>
    public static class SeatPrices
    {
        public const string DefaultCurrency = "USD";

        /// <summary>GitHub's list prices per user per month in USD: Copilot Business 19, Copilot Enterprise 39.</summary>
        public static IReadOnlyDictionary<string, decimal> ListPrices { get; } = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase)
        {
            ["business"] = 19m,
            ["enterprise"] = 39m,
        };

        /// <summary>
        /// A price table from loosely typed pairs (a PowerShell hashtable): keys are plan types, values numbers or
        /// numeric strings, at least 0. Anything else is a terminating CopilotSeats.InvalidPrice error.
        /// </summary>
        public static IReadOnlyDictionary<string, decimal> From(IEnumerable<KeyValuePair<object, object?>> pairs)
        {
            if (pairs is null) throw new ArgumentNullException(nameof(pairs));
            var prices = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<object, object?> pair in pairs)
            {
                string plan = Convert.ToString(pair.Key, CultureInfo.InvariantCulture)?.Trim() ?? string.Empty;
                if (plan.Length == 0) throw Invalid(pair.Key, "A -Price key must be a plan type such as business or enterprise.");
                decimal price;
                try
                {
                    if (pair.Value is null || pair.Value is bool) throw new FormatException();
                    price = Convert.ToDecimal(pair.Value, CultureInfo.InvariantCulture);
                }
                catch (Exception ex) when (ex is FormatException || ex is InvalidCastException || ex is OverflowException)
                {
                    throw Invalid(plan, $"The -Price of '{plan}' is not a number: '{pair.Value}'.");
                }
                if (price < 0) throw Invalid(plan, $"The -Price of '{plan}' must not be negative.");
                if (prices.ContainsKey(plan)) throw Invalid(plan, $"-Price names plan type '{plan}' twice.");
                prices[plan] = price;
            }
            return prices;
        }

        /// <summary>Tie-break between plans of equal price: enterprise over business over anything else.</summary>
        internal static int Rank(string? plan) =>
            string.Equals(plan, "enterprise", StringComparison.OrdinalIgnoreCase) ? 2
            : string.Equals(plan, "business", StringComparison.OrdinalIgnoreCase) ? 1 : 0;

        private static CopilotException Invalid(object target, string message) =>
            new CopilotException("CopilotSeats.InvalidPrice", CopilotErrorCategory.InvalidArgument, target, message)
            {
                IsTerminating = true,
                RecommendedAction = "Pass -Price as a hashtable of plan type to monthly price per user, e.g. @{ business = 19; enterprise = 39 }.",
            };
    }
}
