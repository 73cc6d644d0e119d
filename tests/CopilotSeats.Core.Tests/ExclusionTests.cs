namespace CopilotSeats.Core.Tests;

/// <summary>-Exclude patterns and the per-name screening of Remove-CopilotUser.</summary>
public class ExclusionTests
{
    [Theory]
    [InlineData("octocat", "octocat", true)]
    [InlineData("OctoCat", "octocat", true)]
    [InlineData("octo*", "octocat", true)]
    [InlineData("octo*", "mona_octo", false)]
    [InlineData("*octo", "mona_octo", true)]
    [InlineData("*", "anyone", true)]
    [InlineData("*", "", true)]
    [InlineData("user-000?", "user-0001", true)]
    [InlineData("user-000?", "user-00012", false)]
    [InlineData("user-00[12]*", "user-0015", true)]
    [InlineData("user-00[12]*", "user-0035", false)]
    [InlineData("user-000[3-5]", "user-0004", true)]
    [InlineData("user-000[3-5]", "user-0006", false)]
    [InlineData("[a-c]*", "Bob", true)]
    [InlineData("[A-C]*", "bob", true)]
    [InlineData("team1-member-*", "team1-member-12", true)]
    [InlineData("*-member-*", "team1-member-1", true)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxbyy", false)]
    [InlineData("a`*", "a*", true)]
    [InlineData("a`*", "ab", false)]
    [InlineData("a`[b]", "a[b]", true)]
    [InlineData("octo", "octocat", false)]
    public void Wildcards_match_whole_logins_case_insensitively(string pattern, string login, bool expected) =>
        Assert.Equal(expected, NamePatterns.IsMatch(pattern, login));

    [Theory]
    [InlineData("user-[0-9")]
    [InlineData("a[]")]
    public void An_unclosed_or_empty_bracket_is_a_terminating_InvalidPattern(string pattern)
    {
        var ex = Assert.Throws<CopilotException>(() => NamePatterns.Parse(new[] { "ok*", pattern }));
        Assert.Equal(("CopilotSeats.InvalidPattern", CopilotErrorCategory.InvalidArgument, (object?)pattern), (ex.ErrorId, ex.Category, ex.TargetObject));
        Assert.True(ex.IsTerminating);
    }

    [Fact]
    public void The_first_matching_pattern_is_reported_and_empty_patterns_are_ignored()
    {
        var patterns = NamePatterns.Parse(new[] { "", "team*", "*member*" });
        Assert.Equal(2, patterns.Count);
        Assert.Equal("team*", patterns.FirstMatch("team1-member-1"));
        Assert.Null(patterns.FirstMatch("octocat"));
        Assert.Same(NamePatterns.None, NamePatterns.Parse(null));
    }

    [Fact]
    public void Get_filter_leaves_out_excluded_logins_in_order()
    {
        var seats = new[] { "octocat", "user-0001", "team1-member-1", "user-0002" }.Select(l => new CopilotSeat { Login = l }).ToList();
        var kept = SeatFilter.WhereNotExcluded(seats, NamePatterns.Parse(new[] { "USER-*" }));
        Assert.Equal(new[] { "octocat", "team1-member-1" }, kept.Select(s => s.Login));
        Assert.Same(seats, SeatFilter.WhereNotExcluded(seats, NamePatterns.None));
    }

    [Theory]
    [InlineData("user-0001", null, null, RemovalVerdict.Send)]
    [InlineData("user-0001", "", "", RemovalVerdict.Send)]
    [InlineData("user-0001", "team-1", null, RemovalVerdict.TeamAssigned)]
    [InlineData("user-0001", null, "2026-12-01", RemovalVerdict.AlreadyPending)]
    [InlineData("user-0001", "team-1", "2026-12-01", RemovalVerdict.AlreadyPending)]
    [InlineData("octocat", "team-1", "2026-12-01", RemovalVerdict.Excluded)]
    [InlineData("OCTOCAT", null, null, RemovalVerdict.Excluded)]
    public void Exclusion_wins_then_pending_then_team(string login, string? team, string? pending, RemovalVerdict expected) =>
        Assert.Equal(expected, SeatRemoval.Screen(login, team, pending, NamePatterns.Parse(new[] { "octo*" })));

    /// <summary>A piped seat's date arrives as the session's culture writes a DateTimeOffset; the verbose line says it as the isolation path does.</summary>
    [Theory]
    [InlineData("de-DE", "01.01.2099 00:00:00 +00:00", "2099-01-01")]
    [InlineData("de-DE", "26.12.2026 00:00:00 +00:00", "2026-12-26")]
    [InlineData("de-DE", "2026-12-26", "2026-12-26")]
    [InlineData("de-DE", "2026-12-26T00:00:00Z", "2026-12-26")]
    [InlineData("en-US", "1/1/2099 12:00:00 AM +00:00", "2099-01-01")]
    [InlineData("en-US", "12/26/2026 00:00:00 +00:00", "2026-12-26")]
    [InlineData("de-DE", "soon", "soon")] // neither ISO nor the session's culture: said as it came
    public void A_pending_date_is_said_as_yyyy_MM_dd_in_any_culture(string culture, string bound, string said) =>
        SeatRecordTests.InCulture(culture, () => Assert.Equal($"Skipped 'mona' in the organization octo-org: the seat is already pending cancellation ({said}).",
            SeatRemoval.PendingVerbose("mona", " " + bound + " ", SeatScope.ForOrganization("octo-org"))));

    [Fact]
    public void TeamAssigned_names_the_team_and_gives_the_exact_command()
    {
        var org = SeatRemoval.TeamAssigned("team1-member-1", "team-1", SeatScope.ForOrganization("octo-org"));
        Assert.Equal(("CopilotSeats.TeamAssigned", CopilotErrorCategory.InvalidOperation, (object?)"team1-member-1"), (org.ErrorId, org.Category, org.TargetObject));
        Assert.Contains("team 'team-1' of the organization octo-org", org.Message);
        Assert.Equal("Remove-CopilotTeam -Organization octo-org -TeamName team-1", org.RecommendedAction);

        var ent = SeatRemoval.TeamAssigned("ent-user-1", "ent-team-1", SeatScope.ForEnterprise("octo-ent"));
        Assert.Equal("Remove-CopilotTeam -Enterprise octo-ent -TeamName ent-team-1", ent.RecommendedAction);
    }

    [Fact]
    public void NoSeat_is_ObjectNotFound_on_the_login()
    {
        var ex = SeatRemoval.NoSeat("no-seat-4", SeatScope.ForOrganization("octo-org"));
        Assert.Equal(("CopilotSeats.NoSeat", CopilotErrorCategory.ObjectNotFound, (object?)"no-seat-4"), (ex.ErrorId, ex.Category, ex.TargetObject));
        Assert.Equal("Check the login; Get-CopilotSeat -Organization octo-org lists who has a seat.", ex.RecommendedAction);
    }

    [Theory]
    [InlineData(null, SeatAction.Remove, true)]
    [InlineData("", SeatAction.Add, true)]
    [InlineData("Remove", SeatAction.Remove, true)]
    [InlineData(" add ", SeatAction.Add, true)]
    [InlineData("Restore", SeatAction.Add, true)]
    [InlineData("Restore", SeatAction.Remove, false)]
    [InlineData("Add", SeatAction.Remove, false)]
    [InlineData("Remove", SeatAction.Add, false)]
    [InlineData("Keep", SeatAction.Add, false)]
    [InlineData("Conflict", SeatAction.Remove, false)]
    [InlineData("Skip", SeatAction.Remove, false)]
    [InlineData("Add,Remove", SeatAction.Remove, true)]
    [InlineData("SetBudget", SeatAction.Add, true)]
    [InlineData("1", SeatAction.Add, false)]
    [InlineData(1L, SeatAction.Remove, true)]
    [InlineData(3L, SeatAction.Remove, false)]
    [InlineData(2.0, SeatAction.Add, true)]
    [InlineData(9L, SeatAction.Remove, false)]
    [InlineData("9", SeatAction.Add, false)]
    [InlineData(1.5, SeatAction.Remove, false)]
    public void A_plan_row_goes_to_the_seat_change_of_its_own_action_only(object? action, SeatAction change, bool expected) =>
        Assert.Equal(expected, PlanRows.Takes(action, change));

    [Theory]
    [InlineData(" keep ", CopilotSeatPlanAction.Keep)]
    [InlineData(CopilotSeatPlanAction.Conflict, CopilotSeatPlanAction.Conflict)]
    [InlineData(1, CopilotSeatPlanAction.Remove)]
    [InlineData(5L, CopilotSeatPlanAction.Skip)]
    [InlineData(2.0, CopilotSeatPlanAction.Restore)]
    [InlineData(" 0 ", CopilotSeatPlanAction.Add)]
    [InlineData("4.0", CopilotSeatPlanAction.Conflict)]
    public void A_plan_action_reads_from_its_name_or_the_number_ConvertTo_Json_writes(object action, CopilotSeatPlanAction expected)
    {
        Assert.True(PlanRows.TryRead(action, out CopilotSeatPlanAction read));
        Assert.Equal(expected, read);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Add,Remove")]
    [InlineData(6)]
    [InlineData(-1L)]
    [InlineData(1.5)]
    [InlineData("1e300")]
    [InlineData(double.NaN)]
    [InlineData(true)]
    [InlineData('1')]
    public void Other_values_are_no_plan_action(object? action) => Assert.False(PlanRows.TryRead(action, out _));

    [Theory]
    [InlineData("Keep", "the plan row's action is Keep, not Remove.")]
    [InlineData(3L, "the plan row's action is Keep, not Remove.")]
    [InlineData(" 9 ", "the plan row's action 9 is no plan action (Add, Remove, Restore, Keep, Conflict, Skip), so nothing is sent for it.")]
    public void A_skipped_row_names_its_action(object action, string expected) =>
        Assert.StartsWith("Skipped 'mona': " + expected, PlanRows.SkippedWarning("mona", action, SeatAction.Remove));
}
