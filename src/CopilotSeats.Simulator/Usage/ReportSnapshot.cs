using System.Text.Json;

namespace CopilotSeats.Simulator.Usage;

/// <summary>The report kinds behind the 12 endpoints.</summary>
internal enum ReportKind { Users, Summary, UserTeams, Repos }

/// <summary>A user-team pair of a user-teams report.</summary>
internal sealed record TeamPair(ReportUser User, long TeamId, string TeamSlug);

/// <summary>A repository with pull-request activity on a day.</summary>
internal sealed record RepoDay(long Id, string Name, int Created, int Merged, int AgentCreated, int AgentMerged, int Reviewed);

/// <summary>
/// One report as it was generated: who it covers and its days, fixed when GitHub was asked for it (so fresh links give
/// the same files, line for line), and how its records split into files. Records are written on demand, by index.
/// </summary>
internal sealed class ReportSnapshot
{
    public required string Id { get; init; }
    public required ReportKind Kind { get; init; }
    public required OwnerKind OwnerKind { get; init; }
    public required long OwnerId { get; init; }
    public required DateOnly Start { get; init; }
    public required DateOnly End { get; init; }
    public required bool OneDay { get; init; }
    public required int Seed { get; init; }
    public required IReadOnlyList<ReportUser> Users { get; init; }
    public IReadOnlyList<TeamPair> Pairs { get; init; } = Array.Empty<TeamPair>();
    public IReadOnlyList<RepoDay> Repos { get; init; } = Array.Empty<RepoDay>();
    public required int RecordsPerFile { get; init; }

    private int Days => End.DayNumber - Start.DayNumber + 1;

    public long RecordCount => Kind switch
    {
        ReportKind.Users => (long)Users.Count * Days,
        ReportKind.Summary => Days,
        ReportKind.UserTeams => Pairs.Count,
        _ => Repos.Count,
    };

    /// <summary>At least two files, each at most RecordsPerFile records.</summary>
    public int Files => (int)Math.Max(2, (RecordCount + Math.Max(1, RecordsPerFile) - 1) / Math.Max(1, RecordsPerFile));

    /// <summary>The records of file <paramref name="file"/> (1-based): [first, first + count).</summary>
    public (long First, long Count) FileRange(int file)
    {
        long per = (RecordCount + Files - 1) / Files;
        long first = Math.Min(RecordCount, per * (file - 1));
        return (first, Math.Min(per, RecordCount - first));
    }

    /// <summary>Writes record <paramref name="index"/> as one JSON object.</summary>
    public void Write(long index, Utf8JsonWriter w)
    {
        switch (Kind)
        {
            case ReportKind.Users:
            {
                var day = Start.AddDays((int)(index / Users.Count));
                var user = Users[(int)(index % Users.Count)];
                UsageRecords.WriteUser(w, this, user, day, UsageActivity.For(user, day, Seed));
                break;
            }
            case ReportKind.Summary: UsageRecords.WriteSummary(w, this, Start.AddDays((int)index)); break;
            case ReportKind.UserTeams: UsageRecords.WritePair(w, this, Pairs[(int)index]); break;
            default: UsageRecords.WriteRepo(w, this, Repos[(int)index]); break;
        }
    }
}
