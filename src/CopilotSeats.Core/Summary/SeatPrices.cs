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
        public static IReadOnlyDictionary<string, decimal> From(IEnumerable<KeyValuePair<object, object?>> pairs, string parameter = PriceParameter)
        {
            if (pairs is null) throw new ArgumentNullException(nameof(pairs));
            var prices = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<object, object?> pair in pairs)
            {
                string plan = Convert.ToString(pair.Key, CultureInfo.InvariantCulture)?.Trim() ?? string.Empty;
                if (plan.Length == 0) throw Invalid(pair.Key, $"A {parameter} key must be a plan type such as business or enterprise.", parameter);
                decimal price;
                try
                {
                    if (pair.Value is null || pair.Value is bool) throw new FormatException();
                    price = Convert.ToDecimal(pair.Value, CultureInfo.InvariantCulture);
                }
                catch (Exception ex) when (ex is FormatException || ex is InvalidCastException || ex is OverflowException)
                {
                    throw Invalid(plan, $"The {parameter} of '{plan}' is not a number: '{pair.Value}'.", parameter);
                }
                if (price < 0) throw Invalid(plan, $"The {parameter} of '{plan}' must not be negative.", parameter);
                if (prices.ContainsKey(plan)) throw Invalid(plan, $"{parameter} names plan type '{plan}' twice.", parameter);
                prices[plan] = price;
            }
            return prices;
        }

        /// <summary>
        /// One price for every plan type (-Price 19): a table that lists business and enterprise at
        /// <paramref name="price"/> and prices any other plan type the same. A negative price is a terminating
        /// CopilotSeats.InvalidPrice error.
        /// </summary>
        public static IReadOnlyDictionary<string, decimal> Flat(decimal price, string parameter = PriceParameter)
        {
            if (price < 0) throw Invalid(price, $"{parameter} must not be negative.", parameter);
            return new FlatPrices(price);
        }

        /// <summary>
        /// A price table from what -Price was given: a dictionary (see <see cref="From"/>), or one number or numeric
        /// string for every plan type (see <see cref="Flat"/>). Null stays null (GitHub's list prices).
        /// </summary>
        /// <param name="value">What -Price was given.</param>
        /// <param name="parameter">The parameter named in errors (-Price, -IncludedCredits); errors other than -Price's are CopilotSeats.Invalid&lt;parameter&gt;.</param>
        /// <param name="unwrap">Applied to the value and to each key and value of a dictionary (the cmdlet strips PowerShell's wrappers); null leaves them as they are.</param>
        public static IReadOnlyDictionary<string, decimal>? FromValue(object? value, Func<object?, object?>? unwrap = null, string parameter = PriceParameter)
        {
            unwrap ??= v => v;
            value = unwrap(value);
            switch (value)
            {
                case null: return null;
                case System.Collections.IDictionary table:
                    var pairs = new List<KeyValuePair<object, object?>>();
                    foreach (System.Collections.DictionaryEntry entry in table)
                        pairs.Add(new KeyValuePair<object, object?>(unwrap(entry.Key) ?? string.Empty, unwrap(entry.Value)));
                    return From(pairs, parameter);
                case bool _:
                    break;
                case string text when decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out decimal parsed):
                    return Flat(parsed, parameter);
                case string _:
                    break;
                case IConvertible number when IsNumber(number):
                    decimal price;
                    try { price = Convert.ToDecimal(number, CultureInfo.InvariantCulture); }
                    catch (OverflowException) { throw Invalid(value, $"{parameter} is out of range: '{value}'.", parameter); }
                    return Flat(price, parameter);
            }
            throw Invalid(value, $"{parameter} is neither a number nor a hashtable of plan type to number: '{value}'.", parameter);
        }

        private static bool IsNumber(IConvertible value)
        {
            switch (value.GetTypeCode())
            {
                case TypeCode.Byte: case TypeCode.SByte: case TypeCode.Int16: case TypeCode.UInt16: case TypeCode.Int32: case TypeCode.UInt32:
                case TypeCode.Int64: case TypeCode.UInt64: case TypeCode.Single: case TypeCode.Double: case TypeCode.Decimal:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The same price for every plan type; lists (enumerates) the two plans GitHub sells.</summary>
        private sealed class FlatPrices : IReadOnlyDictionary<string, decimal>
        {
            private readonly decimal _price;
            private readonly KeyValuePair<string, decimal>[] _listed;

            public FlatPrices(decimal price)
            {
                _price = price;
                _listed = new[] { new KeyValuePair<string, decimal>("business", price), new KeyValuePair<string, decimal>("enterprise", price) };
            }

            public decimal this[string key] => TryGetValue(key, out decimal price) ? price : throw new KeyNotFoundException(key);
            public IEnumerable<string> Keys => _listed.Select(p => p.Key);
            public IEnumerable<decimal> Values => _listed.Select(p => p.Value);
            public int Count => _listed.Length;
            public bool ContainsKey(string key) => !string.IsNullOrWhiteSpace(key);

            public bool TryGetValue(string key, out decimal value)
            {
                value = ContainsKey(key) ? _price : 0m;
                return ContainsKey(key);
            }

            public IEnumerator<KeyValuePair<string, decimal>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, decimal>>)_listed).GetEnumerator();
            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        }

        /// <summary>Tie-break between plans of equal price: enterprise over business over anything else.</summary>
        internal static int Rank(string? plan) =>
            string.Equals(plan, "enterprise", StringComparison.OrdinalIgnoreCase) ? 2
            : string.Equals(plan, "business", StringComparison.OrdinalIgnoreCase) ? 1 : 0;

        private const string PriceParameter = "-Price";

        private static CopilotException Invalid(object target, string message, string parameter) =>
            new CopilotException(parameter == PriceParameter ? "CopilotSeats.InvalidPrice" : "CopilotSeats.Invalid" + parameter.TrimStart('-'), CopilotErrorCategory.InvalidArgument, target, message)
            {
                IsTerminating = true,
                RecommendedAction = parameter == PriceParameter
                    ? "Pass -Price as one monthly price per user for every plan (-Price 19) or as a hashtable of plan type to price (-Price @{ business = 19; enterprise = 39 })."
                    : $"Pass {parameter} as one number for every plan ({parameter} 1900) or as a hashtable of plan type to number ({parameter} @{{ business = 1900; enterprise = 3900 }}).",
            };
    }
}
