using System.Globalization;

namespace CopilotSeats.Billing
{
    /// <summary>
    /// The period of an AI-credit usage report as asked (-Year, -Month, -Day): what is sent is only what was given
    /// (GitHub defaults to the current year and month), but it is checked first against GitHub's rules (BILLING.md): a
    /// four-digit year, a month 1-12, a day of that month and only with a month, not in the future, and within the past
    /// 24 months (GitHub's window: a month counts whole, in December 2026 the oldest month is December 2024; a day by
    /// date, on 2026-12-06 the oldest day is 2024-12-06).
    /// </summary>
    public sealed class CreditPeriod
    {
        /// <summary>How many months back GitHub serves the report.</summary>
        public const int WindowMonths = 24;

        private CreditPeriod(int? year, int? month, int? day, int effectiveYear, int effectiveMonth)
        {
            Year = year; Month = month; Day = day; EffectiveYear = effectiveYear; EffectiveMonth = effectiveMonth;
        }

        /// <summary>What was asked (null: GitHub's default).</summary>
        public int? Year { get; }
        public int? Month { get; }
        public int? Day { get; }

        /// <summary>The year and month GitHub reports (the defaults filled in).</summary>
        public int EffectiveYear { get; }
        public int EffectiveMonth { get; }

        /// <summary>The current month, asked explicitly (Measure-CopilotSeat -IncludeCredits).</summary>
        public static CreditPeriod CurrentMonth(DateTimeOffset now) => Resolve(now.UtcDateTime.Year, now.UtcDateTime.Month, null, now);

        /// <summary>The period, or a terminating CopilotSeats.InvalidPeriod error before any request.</summary>
        public static CreditPeriod Resolve(int? year, int? month, int? day, DateTimeOffset now)
        {
            DateTime today = now.UtcDateTime;
            if (year is int y && (y < 1000 || y > 9999)) throw Invalid(year, $"-Year must be a four-digit year; {y} is not.");
            if (month is int m && (m < 1 || m > 12)) throw Invalid(month, $"-Month must be between 1 and 12; {m} is not.");
            if (day.HasValue && month is null) throw Invalid(day, "-Day needs -Month (and -Year for another year than this one): GitHub reports one day of one month.");
            int effectiveYear = year ?? today.Year, effectiveMonth = month ?? today.Month;
            if (day is int d && (d < 1 || d > DateTime.DaysInMonth(effectiveYear, effectiveMonth)))
                throw Invalid(day, $"-Day must be a day of {Text(effectiveYear, effectiveMonth)} (1 to {DateTime.DaysInMonth(effectiveYear, effectiveMonth)}); {d} is not.");
            int asked = effectiveYear * 12 + effectiveMonth - 1, current = today.Year * 12 + today.Month - 1;
            if (asked > current || (asked == current && day > today.Day))
                throw Invalid(Text(effectiveYear, effectiveMonth), $"{Text(effectiveYear, effectiveMonth, day)} is in the future; GitHub reports usage up to today.");
            // A month counts whole (in December 2026, December 2024 is the oldest); a day by date (2024-12-06 the oldest).
            DateTime oldest = day.HasValue ? today.Date.AddMonths(-WindowMonths) : new DateTime(today.Year, today.Month, 1).AddMonths(-WindowMonths);
            if (asked < current - WindowMonths || (day is int askedDay && new DateTime(effectiveYear, effectiveMonth, askedDay) < oldest))
                throw Invalid(Text(effectiveYear, effectiveMonth), $"GitHub keeps AI-credit usage for the past {WindowMonths} months only; {Text(effectiveYear, effectiveMonth, day)} is older than {Text(oldest.Year, oldest.Month, day.HasValue ? oldest.Day : (int?)null)}.");
            return new CreditPeriod(year, month, day, effectiveYear, effectiveMonth);
        }

        /// <summary>The query of the period: only what was asked.</summary>
        public IEnumerable<KeyValuePair<string, string>> Query()
        {
            if (Year.HasValue) yield return Pair("year", Year.Value);
            if (Month.HasValue) yield return Pair("month", Month.Value);
            if (Day.HasValue) yield return Pair("day", Day.Value);
        }

        public override string ToString() => Text(EffectiveYear, EffectiveMonth, Day);

        /// <summary>"2026-12" or "2026-12-05".</summary>
        public static string Text(int year, int month, int? day = null) =>
            string.Format(CultureInfo.InvariantCulture, day.HasValue ? "{0:0000}-{1:00}-{2:00}" : "{0:0000}-{1:00}", year, month, day);

        private static KeyValuePair<string, string> Pair(string name, int value) =>
            new KeyValuePair<string, string>(name, value.ToString(CultureInfo.InvariantCulture));

        private static CopilotException Invalid(object? target, string message) =>
            new CopilotException("CopilotSeats.InvalidPeriod", CopilotErrorCategory.InvalidArgument, target, message)
            {
                IsTerminating = true,
                RecommendedAction = $"Pick a month of the past {WindowMonths} months: -Year and -Month (1-12), and -Day only with -Month.",
            };
    }
}
