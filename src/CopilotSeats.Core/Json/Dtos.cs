using System.Text.Json.Serialization;

namespace CopilotSeats.Json
{
    // Wire shapes of GitHub's answers. Every field but created_at is optional and unknown
    // fields are ignored (GitHub adds fields over time).
    internal sealed class SeatDto
    {
        public string? CreatedAt { get; set; }
        public string? UpdatedAt { get; set; }
        public string? PendingCancellationDate { get; set; }
        public string? LastActivityAt { get; set; }
        public string? LastActivityEditor { get; set; }
        public string? LastAuthenticatedAt { get; set; }
        public string? PlanType { get; set; }
        public AccountDto? Assignee { get; set; }
        public TeamDto? AssigningTeam { get; set; }
        public AccountDto? Organization { get; set; }
    }

    internal sealed class AccountDto
    {
        public string? Login { get; set; }
        public long? Id { get; set; }
        public string? Type { get; set; }
        public string? Slug { get; set; }
        public string? Name { get; set; }
    }

    internal sealed class TeamDto
    {
        public long? Id { get; set; }
        public string? Slug { get; set; }
        public string? Name { get; set; }
        public string? Type { get; set; }
    }

    internal sealed class SeatListDto
    {
        public int? TotalSeats { get; set; }
        public List<SeatDto>? Seats { get; set; }
    }

    internal sealed class SeatBreakdownDto
    {
        public int Total { get; set; }
        public int AddedThisCycle { get; set; }
        public int PendingInvitation { get; set; }
        public int PendingCancellation { get; set; }
        public int ActiveThisCycle { get; set; }
        public int InactiveThisCycle { get; set; }
    }

    internal sealed class OrgDetailDto
    {
        public SeatBreakdownDto? SeatBreakdown { get; set; }
        public string? SeatManagementSetting { get; set; }
        public string? IdeChat { get; set; }
        public string? PlatformChat { get; set; }
        public string? Cli { get; set; }
        public string? PublicCodeSuggestions { get; set; }
        public string? PlanType { get; set; }
    }

    internal sealed class SeatCountDto
    {
        public int? SeatsCreated { get; set; }
        public int? SeatsCancelled { get; set; }
        public string? Message { get; set; }
    }

    internal sealed class ErrorDto
    {
        public string? Message { get; set; }
        public string? DocumentationUrl { get; set; }
        public string? Status { get; set; }
    }

    internal sealed class SelectedUsersBody
    {
        public string[] SelectedUsernames { get; set; } = new string[0];
    }

    internal sealed class SelectedTeamsBody
    {
        public string[] SelectedTeams { get; set; } = new string[0];
    }

    internal sealed class SelectedEnterpriseTeamsBody
    {
        public string[] SelectedEnterpriseTeams { get; set; } = new string[0];
    }

    internal sealed class ReportLinksDto
    {
        public List<string?>? DownloadLinks { get; set; }
        public string? ReportDay { get; set; }
        public string? ReportStartDay { get; set; }
        public string? ReportEndDay { get; set; }
    }

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
    [JsonSerializable(typeof(SeatDto))]
    [JsonSerializable(typeof(SeatListDto))]
    [JsonSerializable(typeof(OrgDetailDto))]
    [JsonSerializable(typeof(SeatCountDto))]
    [JsonSerializable(typeof(ErrorDto))]
    [JsonSerializable(typeof(ReportLinksDto))]
    [JsonSerializable(typeof(SelectedUsersBody))]
    [JsonSerializable(typeof(SelectedTeamsBody))]
    [JsonSerializable(typeof(SelectedEnterpriseTeamsBody))]
    internal sealed partial class CopilotJsonContext : JsonSerializerContext
    {
    }
}
