using CopilotSeats.Auth;

namespace CopilotSeats.Completion
{
    /// <summary>The parameter being completed.</summary>
    public enum CompletionField { Organization, Enterprise, TeamName, UserName }

    /// <summary>Which list a completion reads.</summary>
    public enum CompletionListKind { UserOrganizations, OrganizationTeams, EnterpriseTeams, OrganizationSeats, EnterpriseSeats }

    /// <summary>One list to read over one connection; its <see cref="CacheKey"/> is API URL, token source and target.</summary>
    public sealed class CompletionTarget(ResolvedConnection connection, CompletionListKind kind, string? name)
    {
        public ResolvedConnection Connection { get; } = connection;
        public CompletionListKind Kind { get; } = kind;
        /// <summary>The org or enterprise; null for <see cref="CompletionListKind.UserOrganizations"/>.</summary>
        public string? Name { get; } = name;

        public string CacheKey =>
            Connection.ApiUrl.ToString().TrimEnd('/').ToLowerInvariant() + "|" + Connection.TokenSource + "|" + Kind + ":" + (Name ?? string.Empty).ToLowerInvariant();

        public override string ToString() => CacheKey;
    }
}
