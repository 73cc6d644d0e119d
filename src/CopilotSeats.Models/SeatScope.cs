namespace CopilotSeats
{
    /// <summary>Where seats live: an organization or an enterprise.</summary>
    public enum ScopeKind { Organization, Enterprise }

    /// <summary>What a seat change targets.</summary>
    public enum AssigneeKind { User, Team, EnterpriseTeam }

    public enum SeatAction { Add, Remove }

    /// <summary>An organization or enterprise target.</summary>
    public readonly struct SeatScope
    {
        private SeatScope(ScopeKind kind, string name) { Kind = kind; Name = name; }
        public ScopeKind Kind { get; }
        public string Name { get; }
        public string? Organization => Kind == ScopeKind.Organization ? Name : null;
        public string? Enterprise => Kind == ScopeKind.Enterprise ? Name : null;
        public static SeatScope ForOrganization(string org) => new SeatScope(ScopeKind.Organization, org);
        public static SeatScope ForEnterprise(string enterprise) => new SeatScope(ScopeKind.Enterprise, enterprise);
        public override string ToString() => (Kind == ScopeKind.Organization ? "organization " : "enterprise ") + Name;
    }
}
