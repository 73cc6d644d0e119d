using System.Management.Automation;
using Xunit;

namespace CopilotSeats.Runspace.Tests;

/// <summary>Get-CopilotSeat through the real engine: listings, per-name errors, early stop, throttle order.</summary>
public sealed class GetSeatTests : SessionTests
{
    public GetSeatTests(PowerShellSession ps) : base(ps) { }

    [Fact]
    public void Organization_listing_returns_120_CopilotSeat_objects()
    {
        var seats = Ps.Run("Get-CopilotSeat -Organization octo-org -Token $tok -ApiUrl $api").Ok();
        Assert.Equal(120, seats.Count);
        Assert.All(seats, s => Assert.Equal("CopilotSeats.CopilotSeat", s.TypeName()));
        Assert.Equal(120, seats.Select(s => s.Str("Login")).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains(seats, s => s.Str("Login") == "octocat" && s.Str("Organization") == "octo-org");
        Assert.Equal("team-1", seats.Single(s => s.Str("Login") == "team1-member-1").Str("AssigningTeam"));
        Assert.All(Requests, r => Assert.Equal(("GET", 200), (r.Method, r.Status)));
        Assert.Equal(2, Requests.Count); // pages of 100
    }

    [Fact]
    public void Enterprise_listing_returns_one_row_per_grant()
    {
        var rows = Ps.Run("Get-CopilotSeat -Enterprise octo-ent -Token $tok -ApiUrl $api").Ok();
        int expected = Ps.Sim.State.EnterpriseRows("octo-ent").Count;
        Assert.True(expected > 120);
        Assert.Equal(expected, rows.Count);
        Assert.All(rows, s => Assert.Equal("CopilotSeats.CopilotSeat", s.TypeName()));
        Assert.All(rows, s => Assert.Equal("octo-ent", s.Str("Enterprise")));
        // octocat holds a seat in octo-org and in octo-lab: two grants, two rows.
        Assert.Equal(new[] { "octo-lab", "octo-org" },
            rows.Where(s => s.Str("Login") == "octocat").Select(s => s.Str("Organization")).OrderBy(o => o).ToArray());
        Assert.All(Requests, r => Assert.StartsWith("/enterprises/octo-ent/", r.Path));
    }

    [Fact]
    public void InactiveDays_keeps_only_seats_without_activity_for_that_many_days_in_listing_order()
    {
        // Oracle from the simulator's own records: last activity, else creation, older than 45 days.
        DateTimeOffset cutoff = DateTimeOffset.UtcNow.AddDays(-45);
        string[] expected = Ps.Sim.State.OrgSeats("octo-org")
            .Where(s => (s.LastActivityAt ?? s.CreatedAt) < cutoff).Select(s => s.Login).ToArray();
        Assert.InRange(expected.Length, 10, 110);

        var seats = Ps.Run("Get-CopilotSeat -Organization octo-org -InactiveDays 45 -PageSize 25 -Token $tok -ApiUrl $api").Ok();

        Assert.Equal(expected, seats.Select(s => s.Str("Login")).ToArray());
        Assert.All(seats, s => Assert.Equal("CopilotSeats.CopilotSeat", s.TypeName()));
        Assert.Equal(5, Requests.Count); // the whole listing is read; the filter only drops seats
    }

    [Fact]
    public void Every_seat_carries_DaysInactive_and_InactiveDays_selects_by_that_number()
    {
        var records = Ps.Sim.State.OrgSeats("octo-org").ToDictionary(s => s.Login, StringComparer.OrdinalIgnoreCase);
        var seats = Ps.Run("Get-CopilotSeat -Organization octo-org -Token $tok -ApiUrl $api").Ok();
        DateTimeOffset now = DateTimeOffset.UtcNow;
        Assert.All(seats, s =>
        {
            var r = records[s.Str("Login")!];
            int expected = (int)Math.Floor((now - (r.LastActivityAt ?? r.CreatedAt)).TotalDays);
            Assert.InRange((int)s.Prop("DaysInactive")!, expected - 1, expected); // the listing ran a moment before `now`
        });

        var inactive = Ps.Run("Get-CopilotSeat -Organization octo-org -InactiveDays 30 -Token $tok -ApiUrl $api").Ok();
        Assert.NotEmpty(inactive);
        Assert.All(inactive, s => Assert.True((int)s.Prop("DaysInactive")! >= 30));
        Assert.Equal(seats.Where(s => (int)s.Prop("DaysInactive")! >= 30).Select(s => s.Str("Login")), inactive.Select(s => s.Str("Login")));
    }

    [Fact]
    public void InactiveDays_filters_UserName_lookups_without_an_error_for_active_users()
    {
        DateTimeOffset cutoff = DateTimeOffset.UtcNow.AddDays(-30);
        var state = Ps.Sim.State;
        var records = state.OrgSeats("octo-org");
        string active = records.First(s => s.LastActivityAt > cutoff.AddDays(1)).Login;
        string inactive = records.First(s => (s.LastActivityAt ?? s.CreatedAt) < cutoff.AddDays(-1)).Login;

        var r = Ps.Run($"Get-CopilotSeat -Organization octo-org -UserName {active}, {inactive} -InactiveDays 30 -Token $tok -ApiUrl $api");

        Assert.Null(r.Terminating);
        Assert.Empty(r.Errors);
        Assert.Equal(new[] { inactive }, r.Output.Select(s => s.Str("Login")).ToArray());
        Assert.Equal(2, Requests.Count);
    }

    [Fact]
    public void A_missing_user_is_a_non_terminating_404_and_the_other_names_still_come_out()
    {
        var r = Ps.Run("Get-CopilotSeat -Organization octo-org -UserName octocat, ghost-user-x, mona_octo -Token $tok -ApiUrl $api");
        Assert.Null(r.Terminating);
        Assert.Equal(new[] { "octocat", "mona_octo" }, r.Output.Select(s => s.Str("Login")).ToArray());
        ErrorRecord error = Assert.Single(r.Errors);
        AssertError(error, "CopilotSeats.Http404", ErrorCategory.ObjectNotFound, "ghost-user-x");
        Assert.Equal(3, Requests.Count);
    }

    [Fact]
    public void A_member_without_a_seat_is_reported_per_name_from_the_pipeline_by_property_name()
    {
        var r = Ps.Run("[pscustomobject]@{ Login = 'no-seat-1' }, [pscustomobject]@{ Login = 'user-0001' } | Get-CopilotSeat -Organization octo-org -Token $tok -ApiUrl $api");
        Assert.Null(r.Terminating);
        Assert.Equal(new[] { "user-0001" }, r.Output.Select(s => s.Str("Login")).ToArray());
        ErrorRecord error = Assert.Single(r.Errors);
        AssertError(error, "CopilotSeats.Http404", target: "no-seat-1");
    }

    [Fact]
    public void A_downstream_stop_after_3_objects_sends_exactly_one_request()
    {
        var r = Ps.Run("Get-CopilotSeat -Organization octo-org -Token $tok -ApiUrl $api | Select-FirstObject 3");
        var output = r.Ok();
        Assert.Equal(3, output.Count);
        Assert.All(output, s => Assert.Equal("CopilotSeats.CopilotSeat", s.TypeName()));
        Assert.Equal(3, SelectFirstObjectCommand.LastSeen);
        Thread.Sleep(200); // a request started late would show up in the log by now
        var requests = Requests;
        Assert.Single(requests);
        Assert.Equal("GET", requests[0].Method);
        Assert.Contains("per_page=100", requests[0].Query);
    }

    [Fact]
    public void A_downstream_stop_with_small_pages_stops_the_listing_early()
    {
        // 18 pages of 7; the stop comes in the first page, so at most the requests already in flight go out.
        var r = Ps.Run("Get-CopilotSeat -Organization octo-org -PageSize 7 -ThrottleLimit 1 -Token $tok -ApiUrl $api | Select-FirstObject 3");
        Assert.Equal(3, r.Ok().Count);
        Thread.Sleep(200);
        Assert.Single(Requests);
    }

    [Fact]
    public void The_runspace_is_usable_after_a_downstream_stop()
    {
        Ps.Run("Get-CopilotSeat -Organization octo-org -Token $tok -ApiUrl $api | Select-FirstObject 1").Ok();
        Assert.Equal(120, Ps.Run("Get-CopilotSeat -Organization octo-org -Token $tok -ApiUrl $api").Ok().Count);
    }

    [Fact]
    public void ThrottleLimit_1_and_8_give_identical_output_in_the_same_order()
    {
        var one = Ps.Run("Get-CopilotSeat -Organization octo-org -PageSize 7 -ThrottleLimit 1 -Token $tok -ApiUrl $api").Ok()
            .Select(s => s.Str("Login")).ToList();
        Assert.Equal(18, Requests.Count);
        Ps.Sim.Log.Clear();
        var eight = Ps.Run("Get-CopilotSeat -Organization octo-org -PageSize 7 -ThrottleLimit 8 -Token $tok -ApiUrl $api").Ok()
            .Select(s => s.Str("Login")).ToList();
        Assert.Equal(18, Requests.Count);
        Assert.Equal(120, one.Count);
        Assert.Equal(one, eight);
        // The order is the API's: the seat listing order of the simulator.
        Assert.Equal("octocat", one[0]);
    }
}
