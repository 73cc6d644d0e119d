using CopilotSeats.Auth;
using CopilotSeats.Http;

namespace CopilotSeats.Completion
{
    /// <summary>The parameter being completed.</summary>
    public enum CompletionField { Organization, Enterprise, TeamName, UserName }

    /// <summary>Which list a completion reads.</summary>
    public enum CompletionListKind { UserOrganizations, OrganizationTeams, EnterpriseTeams, OrganizationSeats, EnterpriseSeats }

    /// <summary>
    /// One list to read over one connection; its <see cref="CacheKey"/> is API URL, credential identity (never the token:
    /// <see cref="ConnectionLimits.CredentialKey"/>) and target, so names read with one token are never offered to another.
    /// </summary>
    public sealed class CompletionTarget(ResolvedConnection connection, CompletionListKind kind, string? name)
    {
        public ResolvedConnection Connection { get; } = connection;
        public CompletionListKind Kind { get; } = kind;
        /// <summary>The org or enterprise; null for <see cref="CompletionListKind.UserOrganizations"/>.</summary>
        public string? Name { get; } = name;

        public string CacheKey =>
            ConnectionLimits.CredentialKey(Connection) + "|" + Kind + ":" + (Name ?? string.Empty).ToLowerInvariant();

        public override string ToString() => CacheKey;
    }
}
