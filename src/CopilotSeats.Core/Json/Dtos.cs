using System.Text.Json.Serialization;

namespace CopilotSeats.Json
{
    // Wire shapes of GitHub's answers and request bodies (snake_case on the wire). Every field but created_at is
    // optional and unknown fields are ignored (GitHub adds fields over time).
    internal sealed record SeatDto(
        string? CreatedAt, string? UpdatedAt, string? PendingCancellationDate, string? LastActivityAt, string? LastActivityEditor,
        string? LastAuthenticatedAt, string? PlanType, AccountDto? Assignee, TeamDto? AssigningTeam, AccountDto? Organization);

    internal sealed record AccountDto(string? Login, long? Id, string? Type, string? Slug, string? Name);

    internal sealed record TeamDto(long? Id, string? Slug, string? Name, string? Type, string? HtmlUrl);

    internal sealed record SeatListDto(int? TotalSeats, List<SeatDto>? Seats);

    internal sealed record SeatBreakdownDto(int Total, int AddedThisCycle, int PendingInvitation, int PendingCancellation, int ActiveThisCycle, int InactiveThisCycle);

    internal sealed record OrgDetailDto(
        SeatBreakdownDto? SeatBreakdown, string? SeatManagementSetting, string? IdeChat, string? PlatformChat, string? Cli,
        string? PublicCodeSuggestions, string? PlanType);

    internal sealed record SeatCountDto(int? SeatsCreated = null, int? SeatsCancelled = null, string? Message = null);

    // errors[] (validation-error: {resource, field, message, code}) kept as read: some endpoints send strings there.
    internal sealed record ErrorDto(string? Message, string? DocumentationUrl, string? Status, System.Text.Json.JsonElement? Errors = null);

    internal sealed record SelectedUsersBody(string[] SelectedUsernames);

    internal sealed record SelectedTeamsBody(string[] SelectedTeams);

    internal sealed record SelectedEnterpriseTeamsBody(string[] SelectedEnterpriseTeams);

    internal sealed record ReportLinksDto(List<string?>? DownloadLinks = null, string? ReportDay = null, string? ReportStartDay = null, string? ReportEndDay = null);

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
