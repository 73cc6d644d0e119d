using System.Management.Automation;
using System.Text.Json;
using CopilotSeats.Simulator;
using Xunit;

namespace CopilotSeats.Runspace.Tests;

/// <summary>
/// ShouldProcess as a host sees it: the "What if:" lines of -WhatIf and the confirmation prompts (ConfirmImpact, -Confirm,
/// -Force), which only a host can record and answer. What the changes send is in tests/pester/ChangeSeat.Tests.ps1.
/// </summary>
public sealed class ShouldProcessTests : SessionTests, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("copilotseats-export-").FullName;

    public ShouldProcessTests(PowerShellSession ps) : base(ps) => Ps.SetVariable("dir", _dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private List<LoggedRequest> Mutations => Requests.Where(r => r.Method is "POST" or "DELETE" or "PUT" or "PATCH").ToList();

    private static string[] BodyNames(LoggedRequest r, string field)
    {
        using var doc = JsonDocument.Parse(r.Body ?? "{}");
        return doc.RootElement.GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    private static List<string> WhatIfLines(PsResult r) => r.HostLines.Where(l => l.StartsWith("What if:", StringComparison.Ordinal)).ToList();

    /// <summary>
    /// Runs a dry run and asserts it wrote nothing, had no error and sent no request (with <paramref name="reads"/>,
    /// no request that changes anything); returns its "What if:" lines.
    /// </summary>
    private List<string> DryRun(string script, bool reads = false)
    {
        var r = Ps.Run(script);
        Assert.Empty(r.Ok());
        Assert.Empty(reads ? Mutations : Requests);
        return WhatIfLines(r);
    }

    [Theory]
    [InlineData("Remove-CopilotUser -Organization octo-org -UserName octocat, user-0001")]
    [InlineData("Add-CopilotUser -Organization octo-org -UserName no-seat-1, no-seat-2")]
    [InlineData("Add-CopilotTeam -Organization octo-org -TeamName team-2, team-3")]
    [InlineData("Remove-CopilotTeam -Organization octo-org -TeamName team-1, team-2")]
    [InlineData("Add-CopilotUser -Enterprise octo-ent -UserName ent-user-5, ent-user-6")]
    [InlineData("Remove-CopilotTeam -Enterprise octo-ent -TeamName ent-team-1, ent-team-2")]
    public void WhatIf_sends_no_request_writes_nothing_and_says_what_if_once_per_name(string command)
    {
        Assert.Equal(2, DryRun(command + " -WhatIf -Token $tok -ApiUrl $api").Count);
        Assert.Null(Ps.Sim.State.SeatFor("octo-org", "octocat")!.PendingCancellationDate);
    }

    [Fact]
    public void WhatIf_wins_over_Force()
    {
        Assert.Single(DryRun("Remove-CopilotUser -Organization octo-org -UserName octocat -Force -WhatIf -Token $tok -ApiUrl $api"));
    }

    [Fact]
    public void WhatIfPreference_in_the_session_also_stops_every_request_even_with_Force()
    {
        Assert.Single(DryRun("$WhatIfPreference = $true; Remove-CopilotUser -Organization octo-org -UserName octocat -Force -Token $tok -ApiUrl $api"));
    }

    [Fact]
    public void Piped_org_seats_bind_to_Remove_CopilotUser_with_Organization_and_send_no_DELETE()
    {
        var r = Ps.Run("Get-CopilotSeat -Organization octo-org -Token $tok -ApiUrl $api | Remove-CopilotUser -Organization octo-org -WhatIf -Token $tok -ApiUrl $api");
        Assert.Empty(r.Output);
        Assert.Empty(Mutations);
        var seats = Ps.Sim.State.OrgSeats("octo-org");
        var lines = WhatIfLines(r);
        // Direct seats not yet pending are asked for; team-granted ones are errors, never asked.
        Assert.Equal(seats.Count(s => s.Team is null && s.PendingCancellationDate is null), lines.Count);
        Assert.Contains(lines, l => l.Contains("user 'octocat' in organization 'octo-org'", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("team1-member", StringComparison.Ordinal));
        var errors = r.Errors.Select(e => (e.FullyQualifiedErrorId.Split(',')[0], e.TargetObject?.ToString())).ToList();
        Assert.Equal(seats.Where(s => s.Team != null && s.PendingCancellationDate is null).Select(s => ("CopilotSeats.TeamAssigned", (string?)s.Login)).OrderBy(x => x.Item2), errors.OrderBy(x => x.Item2));
    }

    [Fact]
    public void Piped_org_seats_bind_Organization_by_property_name_when_it_is_not_given()
    {
        var r = Ps.Run("Get-CopilotSeat -Organization octo-lab -Token $tok -ApiUrl $api | Remove-CopilotUser -WhatIf -Token $tok -ApiUrl $api");
        Assert.Empty(Mutations);
        var seats = Ps.Sim.State.OrgSeats("octo-lab");
        Assert.Equal(30, seats.Count);
        var lines = WhatIfLines(r);
        // Asked for every direct seat not already pending; a team-granted one is a TeamAssigned error instead.
        Assert.Equal(seats.Count(s => s.Team is null && s.PendingCancellationDate is null), lines.Count);
        Assert.All(lines, l => Assert.Contains("in organization 'octo-lab'", l));
        Assert.Equal(seats.Count(s => s.Team != null), r.Errors.Count);
        Assert.All(r.Errors, e => Assert.Equal("CopilotSeats.TeamAssigned", e.FullyQualifiedErrorId.Split(',')[0]));
    }

    [Fact]
    public void Piped_enterprise_rows_bind_to_Remove_CopilotUser_with_Enterprise()
    {
        var r = Ps.Run("Get-CopilotSeat -Enterprise octo-ent -Token $tok -ApiUrl $api | Remove-CopilotUser -Enterprise octo-ent -WhatIf -Token $tok -ApiUrl $api");
        Assert.Empty(Mutations);
        var lines = WhatIfLines(r);
        var rows = Ps.Sim.State.EnterpriseRows("octo-ent");
        int direct = rows.Where(s => s.Team is null && s.PendingCancellationDate is null).Select(s => s.Login).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        Assert.Equal(direct, lines.Count); // asked once per name even when a login has several grants
        Assert.All(r.Errors, e => Assert.Equal("CopilotSeats.TeamAssigned", e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Contains(r.Errors, e => "ent-user-1".Equals(e.TargetObject) && e.ErrorDetails.RecommendedAction == "Remove-CopilotTeam -Enterprise octo-ent -TeamName ent-team-1");
        Assert.All(lines, l => Assert.Contains("in enterprise 'octo-ent'", l));
    }

    [Fact]
    public void Remove_prompts_by_default_ConfirmImpact_High_and_No_sends_nothing()
    {
        Ps.Host.ConfirmAnswer = "No";
        var r = Ps.Run("Remove-CopilotUser -Organization octo-org -UserName user-0001, user-0002 -Token $tok -ApiUrl $api");
        Assert.Empty(r.Ok());
        Assert.Equal(2, r.Prompts.Count);
        Assert.Empty(Requests);
        Assert.Null(Ps.Sim.State.SeatFor("octo-org", "user-0001")!.PendingCancellationDate);
    }

    [Theory]
    [InlineData("-Force")]
    [InlineData("-Confirm:$false")]
    public void Remove_with_Force_or_Confirm_false_does_not_prompt(string noPrompt)
    {
        var r = Ps.Run($"Remove-CopilotUser -Organization octo-org -UserName user-0001, user-0002 {noPrompt} -Token $tok -ApiUrl $api");
        Assert.Equal(2, Convert.ToInt32(Assert.Single(r.Ok()).Prop("SeatsChanged")));
        Assert.Empty(r.Prompts);
    }

    [Theory]
    [InlineData("No", 0)]
    [InlineData("Yes", 1)]
    public void Budget_removal_prompts_by_default_with_the_amount_and_only_Yes_deletes(string answer, int deletes)
    {
        Assert.Empty(Ps.Run("Set-CopilotBudget -Organization octo-org -UserName user-0001 -AmountUsd 6 -Token $tok -ApiUrl $api").Prompts);
        Ps.Host.ConfirmAnswer = answer;
        var r = Ps.Run("Remove-CopilotBudget -Organization octo-org -UserName user-0001 -Token $tok -ApiUrl $api");
        Assert.Contains("AI-credit budget of user user-0001 ($6) in the organization octo-org", Assert.Single(r.Prompts));
        Assert.Equal(deletes, Mutations.Count(m => m.Method == "DELETE"));
    }

    [Fact]
    public void Add_does_not_prompt_by_default_ConfirmImpact_Medium()
    {
        var r = Ps.Run("Add-CopilotUser -Organization octo-org -UserName no-seat-1 -Token $tok -ApiUrl $api");
        Assert.Single(r.Ok());
        Assert.Empty(r.Prompts);
        Assert.Equal("POST", Assert.Single(Mutations).Method);
        Assert.NotNull(Ps.Sim.State.SeatFor("octo-org", "no-seat-1"));
    }

    [Fact]
    public void Confirm_asks_once_per_distinct_name_and_sends_only_the_accepted_ones()
    {
        Ps.Host.ConfirmAnswer = "Yes";
        var r = Ps.Run("Remove-CopilotUser -Organization octo-org -UserName user-0001, user-0002, USER-0001, user-0002 -Confirm -Token $tok -ApiUrl $api");
        Assert.Single(r.Ok());
        Assert.Equal(2, r.Prompts.Count);
        Assert.Contains("user 'user-0001' in organization 'octo-org'", r.Prompts[0]);
        Assert.Contains("user 'user-0002' in organization 'octo-org'", r.Prompts[1]);
        LoggedRequest delete = Assert.Single(Mutations);
        Assert.Equal(new[] { "user-0001", "user-0002" }, BodyNames(delete, "selected_usernames"));
    }

    [Fact]
    public void Piped_names_are_asked_once_each_and_sent_in_one_request()
    {
        Ps.Host.ConfirmAnswer = "Yes";
        var r = Ps.Run("'user-0003', 'user-0004', 'user-0003' | Remove-CopilotUser -Organization octo-org -Token $tok -ApiUrl $api");
        Assert.Single(r.Ok());
        Assert.Equal(2, r.Prompts.Count);
        Assert.Equal(new[] { "user-0003", "user-0004" }, BodyNames(Assert.Single(Mutations), "selected_usernames"));
    }

    [Fact]
    public void Export_WhatIf_and_a_declined_Confirm_list_nothing_and_write_nothing()
    {
        var r = Ps.Run("Export-CopilotSeatReport -Path ($dir + '/w.html') -Organization octo-org -WhatIf -PassThru -Token $tok -ApiUrl $api");
        Assert.Empty(r.Ok());
        Assert.Contains(r.HostLines, l => l.Contains("What if:", StringComparison.Ordinal) && l.Contains(Path.Combine(_dir, "w.html"), StringComparison.Ordinal));
        var declined = Ps.Run("Get-CopilotSeat -Organization octo-lab -Token $tok -ApiUrl $api | Export-CopilotSeatReport ($dir + '/c.html') -Confirm");
        Assert.Empty(declined.Ok());
        Assert.Contains(Path.Combine(_dir, "c.html"), Assert.Single(declined.Prompts));
        Assert.Empty(Directory.GetFiles(_dir));
        Assert.DoesNotContain(Requests, q => q.Path.Contains("octo-org", StringComparison.Ordinal));
    }
}
