using System.Globalization;
using CopilotSeats.Seats;

namespace CopilotSeats.Sync
{
    /// <summary>The one-sentence Reason of each plan item.</summary>
    public static class PlanReasons
    {
        public const string Add = "In the reference set, without a seat.";
        public const string Keep = "In the reference set, with a seat.";

        public static string Restore(DateTimeOffset pending) =>
            $"In the reference set; the seat is pending cancellation ({Day(pending)}), and adding the user again keeps it.";

        public static string Remove(int? daysInactive) =>
            "Not in the reference set; a direct seat" + (daysInactive is null ? "." : $", inactive for {daysInactive} days.");

        public static string AlreadyPending(DateTimeOffset pending) =>
            $"Not in the reference set; the seat is already pending cancellation ({Day(pending)}).";

        public static string InGrace(int age, int graceDays) =>
            $"Not in the reference set, but the seat is {age} days old, inside -GraceDays {graceDays}.";

        public static string Excluded(string pattern) => $"Matches -Exclude '{pattern}': never changed.";

        /// <summary>Names every team and organization grant of the login and the commands that cancel them.</summary>
        public static string Conflict(string login, IReadOnlyList<TeamGrant> teams, IReadOnlyList<string>? organizations = null)
        {
            var (sources, commands) = SeatRemoval.Describe(login, teams, organizations);
            return $"Not in the reference set, but the seat comes from {sources}, which a cancel at this target cannot reach: run {commands}.";
        }

        /// <summary>After a Remove's Reason: the grants the enterprise's cancel leaves in place.</summary>
        public static string AlsoGranted(string login, IReadOnlyList<TeamGrant> teams, IReadOnlyList<string> organizations)
        {
            var (sources, commands) = SeatRemoval.Describe(login, teams, organizations);
            return $"The seat also comes from {sources}: run {commands}.";
        }

        private static string Day(DateTimeOffset date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
