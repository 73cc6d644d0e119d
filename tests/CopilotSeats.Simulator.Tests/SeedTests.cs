namespace CopilotSeats.Simulator.Tests;

/// <summary>The default seed has what summaries and reports need in each org and the enterprise, with the documented sizes.</summary>
public class SeedTests
{
    private static readonly string[] Editors = { "vscode", "JetBrains-IU", "VisualStudio", "Neovim", "copilot-cli" };

    public static TheoryData<string> Owners() => new() { "octo-org", "octo-lab", "octo-ent" };

    private static IReadOnlyList<SeatRecord> Rows(SimulatorState state, string owner) =>
        owner == "octo-ent" ? state.EnterpriseRows(owner) : state.OrgSeats(owner);

    [Theory]
    [MemberData(nameof(Owners))]
    public void Every_owner_has_team_seats_pending_cancellations_never_used_seats_and_five_editors(string owner)
    {
        var rows = Rows(new SimulatorState(new SimulatorOptions()), owner);
        Assert.Contains(rows, r => r.Team != null);
        Assert.Contains(rows, r => r.Team == null);
        Assert.Contains(rows, r => r.PendingCancellationDate != null);
        Assert.Contains(rows, r => r.LastActivityAt is null && r.LastAuthenticatedAt is null);
        var editors = rows.Where(r => r.LastActivityEditor != null).Select(r => r.LastActivityEditor!.Split('/')[0]).Distinct().ToList();
        Assert.Equal(Editors.OrderBy(e => e), editors.OrderBy(e => e));
        Assert.All(rows.Where(r => r.LastActivityEditor != null), r => Assert.Matches(@"^[\w-]+/[\d.]+(/[\w.-]+/[\d.]+)?$", r.LastActivityEditor!));
    }

    [Fact]
    public void Sizes_are_unchanged_and_states_sit_on_the_last_users()
    {
        var state = new SimulatorState(new SimulatorOptions());
        Assert.Equal((120, 30, 5), (state.OrgSeats("octo-org").Count, state.OrgSeats("octo-lab").Count, state.OrgSeats("assign-all-org").Count));
        Assert.Equal(6, state.OrgSeats("octo-org").Count(s => s.Team == "team-1"));
        Assert.Equal(new[] { "user-0028", "user-0029" }, state.OrgSeats("octo-lab").Where(s => s.Team == "team-1").Select(s => s.Login).OrderBy(l => l));
        Assert.Equal(new[] { "user-0111", "user-0112" }, state.OrgSeats("octo-org").Where(s => s.PendingCancellationDate != null).Select(s => s.Login).OrderBy(l => l));
        Assert.Equal("user-0027", Assert.Single(state.OrgSeats("octo-lab"), s => s.PendingCancellationDate != null).Login);
        Assert.Null(state.SeatFor("octo-org", "user-0027")!.PendingCancellationDate); // still billed in the enterprise
        foreach (string login in new[] { "user-0001", "user-0002", "user-0003", "octocat", "team1-member-1" })
            Assert.Null(state.SeatFor("octo-org", login)!.PendingCancellationDate);

        var big = new SimulatorState(new SimulatorOptions { Seats = 300 }); // the users a 250-user removal test changes stay untouched
        Assert.DoesNotContain(big.OrgSeats("octo-org"), s => s.PendingCancellationDate != null && string.CompareOrdinal(s.Login, "user-0251") < 0 && s.Login.StartsWith("user-", StringComparison.Ordinal));
    }
}
