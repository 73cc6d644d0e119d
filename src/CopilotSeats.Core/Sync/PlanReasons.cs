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

        /// <summary>Names the team and the Remove-CopilotTeam command that cancels its seats.</summary>
        public static string Conflict(TeamGrant grant) =>
            $"Not in the reference set, but the seat comes from team '{grant.Team}' of the {grant.Owner} and cannot be cancelled per user: "
            + $"run {SeatRemoval.RemoveTeamCommand(grant.Owner, new[] { grant.Team })}, or remove the user from the team.";

        private static string Day(DateTimeOffset date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
