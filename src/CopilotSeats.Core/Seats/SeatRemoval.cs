using System.Globalization;

namespace CopilotSeats.Seats
{
    /// <summary>What Remove-CopilotUser does with one name before asking ShouldProcess.</summary>
    public enum RemovalVerdict
    {
        /// <summary>Ask ShouldProcess, then send it.</summary>
        Send,
        /// <summary>Matches -Exclude: never sent, one warning.</summary>
        Excluded,
        /// <summary>The seat is already pending cancellation: one verbose line, no request.</summary>
        AlreadyPending,
        /// <summary>The seat comes from a team: one TeamAssigned error, no request.</summary>
        TeamAssigned,
    }

    /// <summary>One team grant of a seat: the team and where it lives (an organization, else the enterprise).</summary>
    public sealed class TeamGrant(string team, SeatScope owner)
    {
        public string Team { get; } = team;
        public SeatScope Owner { get; } = owner;
    }

    /// <summary>
    /// The per-name decisions and the errors of seat removal: -Exclude, seats already pending
    /// cancellation, team-granted seats (GitHub cancels them only with the team) and users without a seat.
    /// </summary>
    public static class SeatRemoval
    {
        public const string TeamAssignedId = "CopilotSeats.TeamAssigned";
        public const string NoSeatId = "CopilotSeats.NoSeat";
        public const string OrganizationAssignedId = "CopilotSeats.OrganizationAssigned";
        public const string NoAssigneeId = "CopilotSeats.NoAssignee";

        /// <summary>
        /// The verdict for a name, from what came with it: the exclusions, and for a piped seat (or a CSV row)
        /// its AssigningTeam and PendingCancellationDate. Exclusion wins over everything.
        /// </summary>
        public static RemovalVerdict Screen(string login, string? assigningTeam, string? pendingCancellationDate, NamePatterns exclude)
        {
            if (exclude.Matches(login)) return RemovalVerdict.Excluded;
            if (!string.IsNullOrWhiteSpace(pendingCancellationDate)) return RemovalVerdict.AlreadyPending;
            if (!string.IsNullOrWhiteSpace(assigningTeam)) return RemovalVerdict.TeamAssigned;
            return RemovalVerdict.Send;
        }

        public static string ExcludedWarning(string login, string pattern, SeatScope scope) =>
            $"Skipped '{login}' in the {scope}: it matches -Exclude '{pattern}'. No request was sent for it.";

        /// <param name="date">The pending cancellation date as it came: yyyy-MM-dd from a lookup, or a piped seat's or CSV row's text (<see cref="Day"/>).</param>
        public static string PendingVerbose(string login, string? date, SeatScope scope) =>
            $"Skipped '{login}' in the {scope}: the seat is already pending cancellation" + (string.IsNullOrWhiteSpace(date) ? "." : $" ({Day(date!)}).");

        /// <summary>
        /// A date bound from a piped seat or a CSV row (PowerShell writes a DateTimeOffset in the session's culture, with time
        /// and offset: "01.01.2099 00:00:00 +00:00") as yyyy-MM-dd, the form GitHub and every other line use; ISO text
        /// first, then the session's culture. Text that is neither is said as it came, trimmed: no guess.
        /// </summary>
        public static string Day(string text)
        {
            string trimmed = text.Trim();
            bool read = IsoDay.IsMatch(trimmed)
                ? DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset day)
                : DateTimeOffset.TryParse(trimmed, CultureInfo.CurrentCulture, DateTimeStyles.AssumeUniversal, out day);
            return read ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : trimmed;
        }

        private static readonly System.Text.RegularExpressions.Regex IsoDay = new System.Text.RegularExpressions.Regex(@"^\d{4}-\d{2}-\d{2}([T ]|$)");

        /// <summary>Where a team grant of a listed seat lives: the seat's organization in an enterprise listing (an org team), else the target listed.</summary>
        public static SeatScope GrantOwner(SeatScope listed, CopilotSeat seat) =>
            listed.Kind == ScopeKind.Enterprise && !string.IsNullOrEmpty(seat.Organization) ? SeatScope.ForOrganization(seat.Organization!) : listed;

        /// <summary>
        /// Whether a cancel at <paramref name="scope"/> reaches this grant: a direct grant of the organization, or at an
        /// enterprise only its own grant (no organization, no team). GitHub documents that the enterprise cancel leaves
        /// access "through team or organization membership".
        /// </summary>
        public static bool IsOwnGrant(SeatScope? scope, CopilotSeat seat) =>
            string.IsNullOrWhiteSpace(seat.AssigningTeam) && (scope?.Kind != ScopeKind.Enterprise || string.IsNullOrEmpty(seat.Organization));

        /// <summary>The Remove-CopilotTeam command that cancels the seats of <paramref name="teams"/> of <paramref name="owner"/>.</summary>
        public static string RemoveTeamCommand(SeatScope owner, IEnumerable<string> teams) =>
            "Remove-CopilotTeam " + (owner.Kind == ScopeKind.Enterprise ? "-Enterprise " : "-Organization ") + owner.Name + " -TeamName " + string.Join(", ", teams);

        /// <summary>The Remove-CopilotUser command that cancels the direct grant of <paramref name="organization"/> to <paramref name="login"/>.</summary>
        public static string RemoveUserCommand(string organization, string login) =>
            "Remove-CopilotUser -Organization " + organization + " -UserName " + login;

        /// <summary>
        /// The grants a per-user cancel cannot reach, grouped by owner: the teams (one phrase and one Remove-CopilotTeam
        /// command per owner) and the organizations' direct grants (one Remove-CopilotUser command each).
        /// </summary>
        public static (string Sources, string Commands) Describe(string login, IReadOnlyList<TeamGrant> teams, IReadOnlyList<string>? organizations = null)
        {
            var byOwner = teams
                .GroupBy(g => (g.Owner.Kind, Name: g.Owner.Name.ToLowerInvariant()))
                .Select(g => (Owner: g.First().Owner, Teams: g.Select(x => x.Team).Distinct(StringComparer.OrdinalIgnoreCase).ToList()))
                .ToList();
            var orgs = (organizations ?? Array.Empty<string>()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var sources = byOwner.Select(o => (o.Teams.Count == 1 ? "team '" : "teams '") + string.Join("', '", o.Teams) + "' of the " + o.Owner)
                .Concat(orgs.Select(o => "a direct grant of the organization " + o));
            var commands = byOwner.Select(o => RemoveTeamCommand(o.Owner, o.Teams)).Concat(orgs.Select(o => RemoveUserCommand(o, login)));
            return (string.Join(" and ", sources), string.Join("; ", commands));
        }

        /// <summary>A team-granted seat: the message names the team(s); the action is the exact Remove-CopilotTeam command.</summary>
        public static CopilotException TeamAssigned(string login, IReadOnlyList<TeamGrant> grants)
        {
            if (grants is null || grants.Count == 0) throw new ArgumentException("A team-assigned seat has at least one team.", nameof(grants));
            var (teams, commands) = Describe(login, grants);
            return new CopilotException(TeamAssignedId, CopilotErrorCategory.InvalidOperation, login,
                $"The Copilot seat of '{login}' comes from {teams}, so it cannot be cancelled per user: cancel the team's seats, or remove the user from the team.")
            {
                RecommendedAction = commands,
            };
        }

        /// <summary>
        /// An enterprise cancel for a user whose active seats are organizations' grants (and perhaps teams'): the enterprise
        /// cancel leaves them, so the message names them and the action gives each owner's command.
        /// </summary>
        public static CopilotException OrganizationAssigned(string login, IReadOnlyList<TeamGrant> teams, IReadOnlyList<string> organizations)
        {
            var (sources, commands) = Describe(login, teams, organizations);
            return new CopilotException(OrganizationAssignedId, CopilotErrorCategory.InvalidOperation, login,
                $"The Copilot seat of '{login}' comes from {sources}, which the enterprise's cancel does not reach: cancel it where it was granted.")
            {
                RecommendedAction = commands,
            };
        }

        /// <summary>A team-granted seat named by a piped seat or CSV row: the team lives in the scope of the change.</summary>
        public static CopilotException TeamAssigned(string login, string team, SeatScope scope) =>
            TeamAssigned(login, new[] { new TeamGrant(team.Trim(), scope) });

        /// <summary>
        /// A seat piped into Add- or Remove-CopilotUser (or a budget cmdlet) without a login: GitHub sends "assignee": null for the seat of a
        /// deleted account. Nothing is sent for it; the target is where the seat is. <paramref name="task"/> says what
        /// there is no user for: "add", "cancel", "set a budget for", ...
        /// </summary>
        public static CopilotException NoAssignee(string? organization, string? enterprise, string task)
        {
            string where = !string.IsNullOrEmpty(organization) ? $" in organization '{organization}'"
                : !string.IsNullOrEmpty(enterprise) ? $" in enterprise '{enterprise}'" : string.Empty;
            return new CopilotException(NoAssigneeId, CopilotErrorCategory.InvalidData, string.IsNullOrEmpty(organization) ? enterprise : organization,
                $"A piped seat{where} has no user name: GitHub lists the seat of a deleted account with no assignee, so there is no user to "
                + task + ". Nothing was sent for it.")
            {
                RecommendedAction = "Leave such seats out of the pipeline: Where-Object Login.",
            };
        }

        public static CopilotException NoSeat(string login, SeatScope scope) =>
            new CopilotException(NoSeatId, CopilotErrorCategory.ObjectNotFound, login,
                $"'{login}' has no Copilot seat in the {scope}, so there is nothing to cancel.")
            {
                RecommendedAction = $"Check the login; Get-CopilotSeat {(scope.Kind == ScopeKind.Enterprise ? "-Enterprise " : "-Organization ")}{scope.Name} lists who has a seat.",
            };
    }
}
