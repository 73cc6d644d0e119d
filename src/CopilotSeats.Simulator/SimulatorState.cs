using System.Security.Cryptography;
using System.Text;

namespace CopilotSeats.Simulator;

/// <summary>The whole simulated world. Every access goes through <see cref="Sync"/>.</summary>
public sealed partial class SimulatorState
{
    private static readonly string[] Editors =
    {
        "vscode/1.95.3/copilot/1.245.0", "JetBrains-IU/243.21565.193/copilot-intellij/1.5.29", "Neovim/0.10.2/copilot.vim/1.41.0",
        "VisualStudio/17.12.1/copilot-vs/1.240.0", "copilot-cli/1.0.3",
    };

    /// <summary>Seeded seats are spread over this many days before "now", oldest first.</summary>
    private const int SeedSpanDays = 700;

    private readonly Dictionary<string, long> _userIds = new(StringComparer.OrdinalIgnoreCase);
    private long _sequence;
    private Random _random = new(42);
    private TimeProvider _clock = TimeProvider.System;
    private DateTimeOffset? _fixedNow;
    private DateTimeOffset _seedNow;
    private long _seedStepTicks;
    private int _seedIndex;

    public object Sync { get; } = new();

    /// <summary>The simulator's "now" (UTC, whole seconds): the fixed <see cref="SimulatorOptions.Now"/>, else the clock.</summary>
    public DateTimeOffset Now => _fixedNow ?? Truncate(_clock.GetUtcNow());

    /// <summary>When the current state was seeded; seeded dates are relative to it.</summary>
    public DateTimeOffset SeededAt => _seedNow;

    internal TimeProvider Clock => _clock;

    /// <summary>The seed the state was made from (usage reports derive their records from it).</summary>
    public int RandomSeed { get; private set; } = 42;

    private static DateTimeOffset Truncate(DateTimeOffset t)
    {
        var utc = new DateTimeOffset(t.UtcDateTime, TimeSpan.Zero);
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond));
    }
    public Dictionary<string, SeatOwner> Orgs { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Registered GitHub Apps, issued installation tokens and tagged tokens (cleared by a reset).</summary>
    public Apps.AppRegistry Apps { get; } = new();
    public Dictionary<string, SeatOwner> Enterprises { get; } = new(StringComparer.OrdinalIgnoreCase);

    public SimulatorState(SimulatorOptions options) => Seed(options);

    public long UserId(string login)
    {
        if (!_userIds.TryGetValue(login, out long id))
        {
            id = string.Equals(login, "octocat", StringComparison.OrdinalIgnoreCase) ? 583231 : 100_000 + _userIds.Count;
            _userIds[login] = id;
        }
        return id;
    }


    /// <summary>First day of the next month (UTC): when a cancelled seat ends.</summary>
    public DateOnly CancellationDate()
    {
        var d = Now.UtcDateTime;
        return new DateOnly(d.Year, d.Month, 1).AddMonths(1);
    }

    public SeatRecord NewSeat(string login, string? org, string? team, bool enterpriseTeam, bool fresh)
    {
        var seat = new SeatRecord
        {
            Login = login, UserId = UserId(login), Organization = org, Team = team, EnterpriseTeam = enterpriseTeam,
            Sequence = ++_sequence,
        };
        if (fresh)
        {
            // A new assignment: no activity yet.
            seat.CreatedAt = Now;
            seat.UpdatedAt = seat.CreatedAt;
        }
        else
        {
            var now = _seedNow;
            // Creation dates rise with the seeding order, so "by creation, then id" is the seeding order.
            seat.CreatedAt = Truncate(now.AddDays(-SeedSpanDays).AddTicks(_seedStepTicks * _seedIndex++ + (long)(_random.NextDouble() * (_seedStepTicks / 2))));
            seat.UpdatedAt = seat.CreatedAt.AddDays(_random.Next(0, 30));
            if (seat.UpdatedAt > now) seat.UpdatedAt = now;
            int roll = _random.Next(100);
            if (roll >= 15)
            {
                // Active: within the last 89 days (most of them within two weeks).
                int days = roll < 60 ? _random.Next(0, 14) : roll < 85 ? _random.Next(14, 60) : _random.Next(60, 89);
                var activity = now.AddDays(-days).AddSeconds(-_random.Next(0, 86_400));
                if (activity < seat.CreatedAt) activity = seat.CreatedAt;
                seat.LastActivityAt = activity;
                seat.LastActivityEditor = Editors[_random.Next(Editors.Length)];
                seat.LastAuthenticatedAt = activity.AddMinutes(-_random.Next(0, 600));
                if (seat.LastAuthenticatedAt < seat.CreatedAt) seat.LastAuthenticatedAt = seat.CreatedAt;
            }
            else if (roll >= 7 && now - seat.CreatedAt > TimeSpan.FromDays(91))
            {
                // Inactive for 90+ days: GitHub shows last_activity_at null again, but the seat did sign in once.
                var lastSeen = seat.CreatedAt.AddSeconds(_random.NextDouble() * ((now - seat.CreatedAt).TotalSeconds - 91 * 86_400));
                seat.LastAuthenticatedAt = Truncate(lastSeen);
            }
            // else: never used (no activity, never authenticated).
        }
        return seat;
    }

    private void Seed(SimulatorOptions options)
    {
        _random = new Random(options.Seed);
        RandomSeed = options.Seed;
        _userIds.Clear();
        _sequence = 0;
        Orgs.Clear();
        Enterprises.Clear();
        Apps.Clear();
        _clock = options.TimeProvider ?? TimeProvider.System;
        _fixedNow = options.Now is { } fixedNow ? Truncate(fixedNow) : null;
        _seedNow = Now;
        _seedIndex = 0;
        long seeded = Math.Max(0, options.Seats) + Math.Max(0, options.LabSeats) + 5 + 4;
        _seedStepTicks = TimeSpan.FromDays(SeedSpanDays).Ticks / Math.Max(1, seeded);
        UserId("octocat");

        var org = AddOrg(options.Organization, 1001, "assign_selected");
        var team1 = AddTeam(org, "team-1", granted: true);
        for (int i = 1; i <= 6; i++) team1.Members.Add($"team1-member-{i}");
        for (int i = 1; i <= 20; i++) org.Members.Add($"no-seat-{i}");
        org.PendingInvites.Add("pending-invite");
        var team2 = AddTeam(org, "team-2", granted: false);
        team2.Members.AddRange(new[] { "no-seat-1", "no-seat-2", "no-seat-3" });
        for (int t = 3, next = 4; t <= Math.Max(2, options.Teams); t++)
        {
            var team = AddTeam(org, $"team-{t}", granted: false);
            for (int k = 0; k < 2 && next <= 20; k++) team.Members.Add($"no-seat-{next++}");
        }
        var direct = new List<string> { "octocat", "mona_octo" };
        int seats = Math.Max(0, options.Seats);
        // octocat, mona_octo, six team members, then user-0001 ... until the org has exactly `seats` seats.
        int users = Math.Max(0, seats - 8);
        foreach (string login in direct.Take(Math.Min(2, seats))) AddOrgSeat(org, login, null);
        foreach (string login in team1.Members.Take(Math.Max(0, Math.Min(6, seats - 2)))) AddOrgSeat(org, login, "team-1");
        for (int i = 1; i <= users; i++) AddOrgSeat(org, $"user-{i:0000}", null);
        foreach (var t in org.Teams.Values) foreach (string m in t.Members) org.Members.Add(m);

        var lab = AddOrg(options.LabOrganization, 1002, "assign_selected");
        // The other orgs have the same team slugs, not granted and without members; except that in the lab
        // org team-1 grants the seats of its last two users (who also hold direct seats in the main org).
        for (int t = 1; t <= Math.Max(2, options.Teams); t++) AddTeam(lab, $"team-{t}", granted: false);
        int labSeats = Math.Max(0, options.LabSeats);
        int labTeamSeats = labSeats >= 10 ? 2 : 0;
        if (labSeats > 0) AddOrgSeat(lab, "octocat", null);
        for (int i = 1; i < labSeats; i++)
        {
            string login = $"user-{i:0000}";
            bool viaTeam = i >= labSeats - labTeamSeats;
            if (viaTeam) lab.Teams["team-1"].Members.Add(login);
            AddOrgSeat(lab, login, viaTeam ? "team-1" : null);
        }
        if (labTeamSeats > 0) lab.Teams["team-1"].Granted = true;

        var all = AddOrg("assign-all-org", 1003, "assign_all");
        for (int t = 1; t <= Math.Max(2, options.Teams); t++) AddTeam(all, $"team-{t}", granted: false);
        for (int i = 1; i <= 5; i++) AddOrgSeat(all, $"user-{i:0000}", null);

        var ent = new SeatOwner { Kind = OwnerKind.Enterprise, Name = options.Enterprise, PlanType = "enterprise" };
        ent.Orgs.AddRange(new[] { org.Name, lab.Name, all.Name });
        var et1 = new TeamRecord { Slug = "ent-team-1", Id = 9001, Name = "Ent Team 1", Granted = true };
        var et2 = new TeamRecord { Slug = "ent-team-2", Id = 9002, Name = "Ent Team 2" };
        for (int i = 1; i <= 4; i++) et1.Members.Add($"ent-user-{i}");
        for (int i = 5; i <= 8; i++) et2.Members.Add($"ent-user-{i}");
        ent.Teams[et1.Slug] = et1;
        ent.Teams[et2.Slug] = et2;
        for (int i = 1; i <= 8; i++) { ent.Members.Add($"ent-user-{i}"); UserId($"ent-user-{i}"); }
        foreach (string m in et1.Members)
        {
            var seat = NewSeat(m, null, et1.Slug, enterpriseTeam: true, fresh: false);
            seat.PlanType = "enterprise";
            ent.Seats.Add(seat);
        }
        Enterprises[ent.Name] = ent;
        foreach (var o in Orgs.Values) { foreach (string m in o.Members) UserId(m); foreach (string p in o.PendingInvites) UserId(p); }
        SeedStates(org, lab, ent, users, labSeats);
    }

    /// <summary>
    /// Fixed states on top of the random dates (no random draw, so every other seat keeps its dates), on the
    /// last seeded users so the low-numbered users tests change stay as they were: in the main org the last two
    /// users' seats are pending cancellation and the third-to-last was never used; in the lab org the
    /// third-to-last user's seat is pending cancellation (that user's main-org seat runs on, so in the enterprise
    /// the user is still billed) and the fourth-to-last was never used; ent-user-3's enterprise-team seat was never used.
    /// </summary>
    private void SeedStates(SeatOwner org, SeatOwner lab, SeatOwner ent, int orgUsers, int labSeats)
    {
        DateOnly cancellation = CancellationDate();
        // Small seeds (a few seats) stay as drawn: their users are the ones tests change.
        string User(int i, int of) => of >= 10 ? $"user-{i:0000}" : string.Empty;
        foreach (var (owner, login) in new[] { (org, User(orgUsers, orgUsers)), (org, User(orgUsers - 1, orgUsers)), (lab, User(labSeats - 3, labSeats)) })
            if (Seated(owner, login) is { } pending) pending.PendingCancellationDate = cancellation;
        foreach (var (owner, login) in new[] { (org, User(orgUsers - 2, orgUsers)), (lab, User(labSeats - 4, labSeats)), (ent, "ent-user-3") })
            if (Seated(owner, login) is { } unused) NeverUsed(unused);
    }

    private static SeatRecord? Seated(SeatOwner owner, string login) =>
        owner.Seats.FirstOrDefault(s => string.Equals(s.Login, login, StringComparison.OrdinalIgnoreCase));

    private static void NeverUsed(SeatRecord seat)
    {
        seat.LastActivityAt = null;
        seat.LastActivityEditor = null;
        seat.LastAuthenticatedAt = null;
    }

    private SeatOwner AddOrg(string name, long id, string setting)
    {
        var org = new SeatOwner { Kind = OwnerKind.Organization, Name = name, Id = id, Setting = setting };
        Orgs[name] = org;
        return org;
    }

    private static TeamRecord AddTeam(SeatOwner org, string slug, bool granted)
    {
        var team = new TeamRecord { Slug = slug, Id = org.Id * 100 + org.Teams.Count + 1, Name = "Team " + slug.Replace("team-", string.Empty), Granted = granted };
        org.Teams[slug] = team;
        return team;
    }

    private void AddOrgSeat(SeatOwner org, string login, string? team)
    {
        org.Members.Add(login);
        org.Seats.Add(NewSeat(login, org.Name, team, enterpriseTeam: false, fresh: false));
    }

    public void Reset(SimulatorOptions options)
    {
        lock (Sync) Seed(options);
    }
}
