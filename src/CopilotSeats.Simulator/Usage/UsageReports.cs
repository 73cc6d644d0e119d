using System.Globalization;
using System.Text.Json.Nodes;
using CopilotSeats.Simulator.Api;
using CopilotSeats.Simulator.Routing;

namespace CopilotSeats.Simulator.Usage;

/// <summary>
/// The 12 usage metrics report endpoints: answer with signed links to the report's files on the download origin
/// (never the data itself). 403 when the owner's "Copilot usage metrics" policy is off; for a 1-day report, 404 for a
/// day before the data start (2025-10-10) or more than a year back, 204 for a day without data (after the latest
/// processed day, or listed in the settings).
/// </summary>
internal sealed class UsageReports
{
    public static readonly DateOnly DataStart = new(2025, 10, 10);
    /// <summary>Days between the simulator's today and the latest day with data (GitHub's lag).</summary>
    public const int LagDays = 2;

    private readonly SimulatorState _state;
    private readonly ReportStore _store;
    private readonly Func<UsageSettings> _settings;
    private readonly Func<Uri?> _downloadBase;

    public UsageReports(SimulatorState state, ReportStore store, Func<UsageSettings> settings, Func<Uri?> downloadBase)
    {
        _state = state; _store = store; _settings = settings; _downloadBase = downloadBase;
    }

    /// <summary>The latest day with data (today minus the lag).</summary>
    public DateOnly LatestDay => DateOnly.FromDateTime(_state.Now.UtcDateTime).AddDays(-LagDays);

    public CopilotSeats.Simulator.Routing.RouteHandler Handler(ReportKind kind, bool oneDay) => request => Serve(request, kind, oneDay);

    private Answer Serve(RouteRequest request, ReportKind kind, bool oneDay)
    {
        var owner = request.Owner!;
        UsageSettings settings = _settings();
        if (settings.PolicyOff.Contains(owner.Name, StringComparer.OrdinalIgnoreCase))
            return Answer.Error(403, $"Copilot usage metrics are disabled for this {(owner.Kind == OwnerKind.Enterprise ? "enterprise" : "organization")}: the Copilot usage metrics policy is not enabled.");
        DateOnly start, end;
        if (oneDay)
        {
            string? text = request.Query["day"].FirstOrDefault();
            if (string.IsNullOrEmpty(text)) return Answer.Error(422, "Invalid request.\n\n\"day\" is a required query parameter.");
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day))
                return Answer.Error(422, $"Invalid request.\n\n\"{text}\" is not a valid date (YYYY-MM-DD).");
            DateOnly today = DateOnly.FromDateTime(_state.Now.UtcDateTime);
            if (day < DataStart || day < today.AddDays(-365)) return Answer.Error(404, "Not Found");
            if (day > LatestDay || settings.NoDataDays.Contains(text, StringComparer.Ordinal)) return new Answer(204, null);
            start = end = day;
        }
        else
        {
            end = LatestDay;
            start = end.AddDays(-27);
        }
        string key = $"{owner.Kind}/{owner.Name}/{kind}/{start:yyyy-MM-dd}/{end:yyyy-MM-dd}/{settings.RecordsPerFile}";
        ReportSnapshot report = _store.GetOrAdd(key, id => Snapshot(id, owner, kind, start, end, oneDay, settings.RecordsPerFile));
        var links = new JsonArray();
        Uri origin = _downloadBase() ?? new Uri("http://127.0.0.1:9");
        long expires = _state.Clock.GetUtcNow().AddSeconds(settings.LinkLifetimeSeconds).ToUnixTimeMilliseconds();
        for (int file = 1; file <= report.Files; file++)
            links.Add($"{origin.ToString().TrimEnd('/')}/copilot-usage/{report.Id}/report-{file}.ndjson?sv=2025-05-05&sp=r&se={expires}&sig={_store.Signature(report.Id, file, expires)}");
        var body = new JsonObject { ["download_links"] = links };
        if (oneDay) body["report_day"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        else
        {
            body["report_start_day"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            body["report_end_day"] = end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        return new Answer(200, body);
    }

    /// <summary>The report's users (one per seated login, with the latest activity over their seats), pairs and repositories.</summary>
    private ReportSnapshot Snapshot(string id, SeatOwner owner, ReportKind kind, DateOnly start, DateOnly end, bool oneDay, int recordsPerFile)
    {
        List<SeatRecord> rows = owner.Kind == OwnerKind.Enterprise ? _state.RowsLocked(owner) : owner.Seats.ToList();
        var users = rows.GroupBy(s => s.Login, StringComparer.OrdinalIgnoreCase)
            .Select(ReportUser.Of)
            .OrderBy(u => u.Id).ToList();
        var pairs = new List<TeamPair>();
        var repos = new List<RepoDay>();
        if (kind == ReportKind.UserTeams)
        {
            var byLogin = users.ToDictionary(u => u.Login, StringComparer.OrdinalIgnoreCase);
            var teams = owner.Teams.Values.Concat(owner.Orgs.Where(_state.Orgs.ContainsKey).SelectMany(o => _state.Orgs[o].Teams.Values));
            foreach (var team in teams)
                foreach (string member in team.Members)
                    if (byLogin.TryGetValue(member, out var user)) pairs.Add(new TeamPair(user, team.Id, team.Slug));
        }
        if (kind == ReportKind.Repos)
        {
            var orgs = owner.Kind == OwnerKind.Enterprise ? owner.Orgs.Where(_state.Orgs.ContainsKey).Select(o => _state.Orgs[o]) : new[] { owner };
            foreach (var org in orgs)
                for (int k = 1; k <= 12; k++)
                {
                    string name = $"{org.Name}/repo-{k}";
                    ulong h = UsageActivity.Hash(_state.RandomSeed, name, start.DayNumber);
                    if (h % 3 == 0) continue;
                    int created = 1 + (int)(h % 9), merged = (int)((h >> 8) % (ulong)(created + 1));
                    int agent = (int)((h >> 16) % (ulong)(created + 1));
                    repos.Add(new RepoDay(org.Id * 1000 + k, name, created, merged, agent, Math.Min(agent, merged), (int)((h >> 24) % 6)));
                }
        }
        return new ReportSnapshot
        {
            Id = id, Kind = kind, OwnerKind = owner.Kind, OwnerId = owner.Id != 0 ? owner.Id : 5001, Start = start, End = end, OneDay = oneDay,
            Seed = _state.RandomSeed, Users = users, Pairs = pairs, Repos = repos, RecordsPerFile = recordsPerFile,
        };
    }
}
