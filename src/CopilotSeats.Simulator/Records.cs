namespace CopilotSeats.Simulator;

/// <summary>One Copilot seat grant.</summary>
public sealed class SeatRecord
{
    public required string Login { get; init; }
    public required long UserId { get; init; }
    /// <summary>Organization of an org-level seat; null for an enterprise-level grant.</summary>
    public string? Organization { get; init; }
    /// <summary>Granting org team or enterprise team slug; null for a direct grant.</summary>
    public string? Team { get; init; }
    public bool EnterpriseTeam { get; init; }
    public required long Sequence { get; init; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? LastActivityAt { get; set; }
    public string? LastActivityEditor { get; set; }
    public DateTimeOffset? LastAuthenticatedAt { get; set; }
    public DateOnly? PendingCancellationDate { get; set; }
    public string PlanType { get; set; } = "business";
    /// <summary>The assignee's account was deleted: the seat is listed with "assignee": null.</summary>
    public bool AccountDeleted { get; set; }
}

public sealed class TeamRecord
{
    public required string Slug { get; init; }
    public required long Id { get; init; }
    public required string Name { get; init; }
    public List<string> Members { get; } = new();
    public bool Granted { get; set; }
}

/// <summary>Whose seat table a <see cref="SeatOwner"/> is.</summary>
public enum OwnerKind { Organization, Enterprise }

/// <summary>
/// An organization or an enterprise: one shape for both seat tables. An org's teams are its teams, an
/// enterprise's are its enterprise teams; an enterprise's seats are its enterprise-level grants (the seats
/// of its <see cref="Orgs"/> stay with those orgs) and its members are those outside its orgs.
/// </summary>
public sealed class SeatOwner
{
    public required OwnerKind Kind { get; init; }
    public required string Name { get; init; }
    public long Id { get; init; }
    /// <summary>Seat management setting: assign_selected, assign_all or unconfigured.</summary>
    public string Setting { get; set; } = "assign_selected";
    public string PlanType { get; set; } = "business";
    public HashSet<string> Members { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Members with a pending invitation (orgs).</summary>
    public HashSet<string> PendingInvites { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, TeamRecord> Teams { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<SeatRecord> Seats { get; } = new();
    /// <summary>Organizations of an enterprise; empty for an organization.</summary>
    public List<string> Orgs { get; } = new();
}
