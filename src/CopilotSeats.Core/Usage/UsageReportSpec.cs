using System.Globalization;
using CopilotSeats.Seats;

namespace CopilotSeats.Usage
{
    /// <summary>Which usage metrics report: per user and day, the org/enterprise summary, user-team pairs, or repositories.</summary>
    public enum UsageReportKind { Users, Summary, UserTeams, Repositories }

    /// <summary>
    /// The 12 report endpoints (USAGE-REPORTS.md): a kind, a scope and a day (the 1-day report of that day) or none
    /// (the latest 28-day report, which only Users and Summary have).
    /// </summary>
    public static class UsageReportSpec
    {
        /// <summary>GitHub keeps usage reports from this day on.</summary>
        public static readonly DateTime DataStart = new DateTime(2025, 10, 10);
        public const string DataStartText = "2025-10-10";

        /// <summary>Whether GitHub can have a report of <paramref name="day"/>: from the data start on, within about a year before <paramref name="today"/>.</summary>
        public static bool InDataWindow(DateTime day, DateTime today) => day.Date >= DataStart && day.Date >= today.Date.AddDays(-366);

        public static bool NeedsDay(UsageReportKind kind) => kind == UsageReportKind.UserTeams || kind == UsageReportKind.Repositories;

        /// <summary>The report's name in the path: users-1-day, organization-28-day/latest, ...</summary>
        public static string ReportName(UsageReportKind kind, ScopeKind scope, bool oneDay)
        {
            switch (kind)
            {
                case UsageReportKind.Users: return oneDay ? "users-1-day" : "users-28-day/latest";
                case UsageReportKind.Summary:
                    string prefix = scope == ScopeKind.Enterprise ? "enterprise" : "organization";
                    return oneDay ? prefix + "-1-day" : prefix + "-28-day/latest";
                case UsageReportKind.UserTeams: return "user-teams-1-day";
                case UsageReportKind.Repositories: return "repos-1-day";
                default: throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
            }
        }

        /// <summary>The path and query relative to the API root (no leading slash).</summary>
        /// <summary>CopilotSeats.DayRequired: a report GitHub has only per day (<see cref="NeedsDay"/>), asked without -Day.</summary>
        public static CopilotException DayRequired(UsageReportKind kind, SeatScope scope) =>
            new CopilotException("CopilotSeats.DayRequired", CopilotErrorCategory.InvalidArgument, scope.Name,
                $"GitHub has the {kind} report only per day: pass -Day.") { IsTerminating = true, RecommendedAction = "Pass -Day, for example -Day (Get-Date).AddDays(-3)." };

        public static string RelativePath(SeatScope scope, UsageReportKind kind, DateTime? day)
        {
            if (day is null && NeedsDay(kind)) throw DayRequired(kind, scope);
            string path = CopilotClient.ScopeRoot(scope) + "/copilot/metrics/reports/" + ReportName(kind, scope.Kind, day.HasValue);
            return day.HasValue ? path + "?day=" + Text(day.Value) : path;
        }

        /// <summary>"GET /orgs/{org}/copilot/metrics/reports/users-1-day" — the unit of GitHub's per-endpoint limit.</summary>
        public static string EndpointKey(SeatScope scope, UsageReportKind kind, bool oneDay) =>
            "GET " + CopilotClient.ScopeTemplate(scope) + "/copilot/metrics/reports/" + ReportName(kind, scope.Kind, oneDay);

        public static string Text(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        /// <summary>A YYYY-MM-DD value as a date (Kind Unspecified), or null.</summary>
        public static DateTime? ParseDay(string? value) =>
            value != null && DateTime.TryParseExact(value.Length > 10 ? value.Substring(0, 10) : value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime day)
                ? day : (DateTime?)null;

        /// <summary>The day=YYYY-MM-DD of a report request's URL, or null.</summary>
        public static DateTime? DayOf(Uri uri)
        {
            string query = uri.Query.TrimStart('?');
            foreach (string pair in query.Split('&'))
                if (pair.StartsWith("day=", StringComparison.Ordinal)) return ParseDay(Uri.UnescapeDataString(pair.Substring(4)));
            return null;
        }
    }
}
