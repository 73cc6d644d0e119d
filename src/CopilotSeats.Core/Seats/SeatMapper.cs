using System.Globalization;
using CopilotSeats.Json;

namespace CopilotSeats.Seats
{
    /// <summary>Wire DTOs to the flat output objects.</summary>
    internal static class SeatMapper
    {
        public static CopilotSeat ToSeat(SeatDto dto, SeatScope scope)
        {
            return new CopilotSeat
            {
                // A seat whose assignee is null (a deleted account) comes out with an empty Login, no UserId and no AssigneeType.
                Login = dto.Assignee?.Login ?? dto.Assignee?.Slug ?? string.Empty,
                UserId = dto.Assignee?.Id,
                AssigneeType = dto.Assignee is null ? null : dto.Assignee.Type ?? (dto.Assignee.Slug != null ? "Team" : "User"),
                Organization = scope.Kind == ScopeKind.Organization ? scope.Name : dto.Organization?.Login ?? TeamOrganization(dto.AssigningTeam?.HtmlUrl),
                Enterprise = scope.Enterprise,
                AssigningTeam = dto.AssigningTeam?.Slug ?? dto.AssigningTeam?.Name,
                PlanType = dto.PlanType,
                CreatedAt = ParseTime(dto.CreatedAt),
                LastActivityAt = ParseTime(dto.LastActivityAt),
                LastActivityEditor = dto.LastActivityEditor,
                LastAuthenticatedAt = ParseTime(dto.LastAuthenticatedAt),
                PendingCancellationDate = ParseTime(dto.PendingCancellationDate),
            };
        }

        /// <summary>
        /// The organization of an org team from its html_url (https://github.com/orgs/{org}/teams/{slug}): GitHub's own
        /// enterprise example leaves out the row's organization for such a grant. Null for an enterprise team or no URL.
        /// </summary>
        internal static string? TeamOrganization(string? htmlUrl)
        {
            if (!Uri.TryCreate(htmlUrl, UriKind.Absolute, out Uri? url)) return null;
            string[] parts = url.AbsolutePath.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            return parts.Length >= 3 && parts[0] == "orgs" && parts[2] == "teams" ? Uri.UnescapeDataString(parts[1]) : null;
        }

        /// <summary>Whether the seat names its assignee (a login or a user id); false for a deleted account's seat.</summary>
        public static bool HasAssignee(CopilotSeat seat) => seat != null && (!string.IsNullOrEmpty(seat.Login) || seat.UserId.HasValue);

        /// <summary>
        /// Identity of a grant: assignee (login and id: GitHub's own examples repeat ids across users, so an id
        /// alone would merge seats) plus where the seat came from (used to de-duplicate listings). Null for a seat
        /// without an assignee: nothing tells two deleted accounts' seats apart, so such seats are never merged.
        /// </summary>
        public static string? GrantKey(CopilotSeat seat) => !HasAssignee(seat) ? null :
            (seat.Login ?? string.Empty).ToLowerInvariant() + "#" + (seat.UserId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty)
            + "|" + (seat.Organization ?? string.Empty).ToLowerInvariant()
            + "|" + (seat.AssigningTeam ?? string.Empty).ToLowerInvariant();

        public static List<CopilotSeat> ToSeats(IEnumerable<SeatDto>? seats, SeatScope scope)
        {
            var list = new List<CopilotSeat>();
            if (seats is null) return list;
            foreach (SeatDto dto in seats) if (dto != null) list.Add(ToSeat(dto, scope));
            return list;
        }

        public static CopilotOrgDetail ToOrgDetail(OrgDetailDto dto, string org) => new CopilotOrgDetail
        {
            Organization = org,
            PlanType = dto.PlanType,
            SeatManagementSetting = dto.SeatManagementSetting,
            PublicCodeSuggestions = dto.PublicCodeSuggestions,
            IdeChat = dto.IdeChat,
            PlatformChat = dto.PlatformChat,
            Cli = dto.Cli,
            TotalSeats = dto.SeatBreakdown?.Total ?? 0,
            AddedThisCycle = dto.SeatBreakdown?.AddedThisCycle ?? 0,
            PendingInvitation = dto.SeatBreakdown?.PendingInvitation ?? 0,
            PendingCancellation = dto.SeatBreakdown?.PendingCancellation ?? 0,
            ActiveThisCycle = dto.SeatBreakdown?.ActiveThisCycle ?? 0,
            InactiveThisCycle = dto.SeatBreakdown?.InactiveThisCycle ?? 0,
        };

        /// <summary>ISO-8601 with any offset, or a bare YYYY-MM-DD date (taken as UTC midnight). Unparseable values become null.</summary>
        public static DateTimeOffset? ParseTime(string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (DateTimeOffset.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset day))
                return day;
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t) ? t : (DateTimeOffset?)null;
        }
    }
}
