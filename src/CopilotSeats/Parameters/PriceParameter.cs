using System.Collections;
using CopilotSeats.Summary;

namespace CopilotSeats
{
    /// <summary>The -Price hashtable of Measure-CopilotSeat and Export-CopilotSeatReport, as Core's price table.</summary>
    internal static class PriceParameter
    {
        /// <summary>Null when -Price was not given; a bad plan type or amount is a terminating <see cref="CopilotException"/>.</summary>
        public static IReadOnlyDictionary<string, decimal>? Parse(Hashtable? price)
        {
            if (price is null) return null;
            var pairs = new List<KeyValuePair<object, object?>>();
            foreach (DictionaryEntry entry in price)
                pairs.Add(new KeyValuePair<object, object?>(Unwrap(entry.Key) ?? string.Empty, Unwrap(entry.Value)));
            return SeatPrices.From(pairs);
        }

        private static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;
    }
}
