using CopilotSeats.Summary;

namespace CopilotSeats
{
    /// <summary>
    /// The -Price of Measure-CopilotSeat and Export-CopilotSeatReport as Core's price table: a number (or numeric
    /// string) is one price for every plan type (-Price 19); a hashtable maps plan type to price.
    /// </summary>
    internal static class PriceParameter
    {
        /// <summary>Null when -Price was not given; a bad plan type, amount or type is a terminating <see cref="CopilotException"/>.</summary>
        public static IReadOnlyDictionary<string, decimal>? Parse(object? price, string parameter = "-Price") => SeatPrices.FromValue(price, Unwrap, parameter);

        private static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;
    }
}
