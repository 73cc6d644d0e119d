using System.Management.Automation;
using Xunit;

namespace CopilotSeats.Runspace.Tests;

/// <summary>Measure-CopilotSeat through the real engine: parameter sets, pipeline binding, warnings, errors.</summary>
public sealed class MeasureTests : SessionTests
{
    public MeasureTests(PowerShellSession ps) : base(ps) { }

    private static int Int(PSObject o, string name) => Convert.ToInt32(o.Prop(name));

    [Fact]
    public void Listing_and_piped_seats_give_the_same_summary_and_the_listing_writes_no_seat()
    {
        var listed = Assert.Single(Ps.Run("Measure-CopilotSeat -Enterprise octo-ent -Token $tok -ApiUrl $api").Ok());
        Assert.Equal("CopilotSeats.CopilotSeatSummary", listed.TypeName());
        var piped = Assert.Single(Ps.Run("Get-CopilotSeat -Enterprise octo-ent -Token $tok -ApiUrl $api | Measure-CopilotSeat").Ok());
        foreach (string p in new[] { "Name", "Seats", "Users", "Direct", "ViaTeam", "Active", "Inactive", "NeverUsed", "PendingCancellation", "Business", "Enterprise", "MonthlyCost", "InactiveMonthlyCost", "Currency", "InactiveDays" })
            Assert.Equal(listed.Str(p), piped.Str(p));
        Assert.Equal(Ps.Sim.State.EnterpriseRows("octo-ent").Count, Int(listed, "Seats"));
        Assert.True(Int(listed, "Users") < Int(listed, "Seats"));
        Assert.Equal(("octo-ent", "USD", 30), (listed.Str("Name"), listed.Str("Currency"), Int(listed, "InactiveDays")));
    }

    [Fact]
    public void An_empty_upstream_gives_one_empty_summary_without_looking_for_a_target()
    {
        var r = Ps.Run("@() | Measure-CopilotSeat");
        var summary = Assert.Single(r.Ok());
        Assert.Equal(0, Int(summary, "Seats"));
        Assert.Empty(Requests);
        Assert.Empty(Ps.Run("@() | Measure-CopilotSeat -GroupBy Team").Ok());
    }

    [Fact]
    public void Unknown_plan_types_give_one_warning_and_bad_prices_stop_the_command()
    {
        var r = Ps.Run("Measure-CopilotSeat -Enterprise octo-ent -Price @{ business = 10 } -Token $tok -ApiUrl $api");
        var summary = Assert.Single(r.Ok());
        var warning = Assert.Single(r.Warning);
        Assert.Contains("enterprise", warning.Message);
        Assert.Equal(10m * Int(summary, "Business"), Convert.ToDecimal(summary.Prop("MonthlyCost")));

        int before = Requests.Count;
        var bad = Ps.Run("Measure-CopilotSeat -Organization octo-org -Price @{ business = 'lots' } -Token $tok -ApiUrl $api");
        AssertError(bad.Terminating, "CopilotSeats.InvalidPrice", ErrorCategory.InvalidArgument);
        Assert.Equal(before, Requests.Count); // stopped before any request
    }

    [Fact]
    public void A_failed_listing_writes_its_error_and_no_summary()
    {
        var r = Ps.Run("Measure-CopilotSeat -Organization no-such-org -Token $tok -ApiUrl $api");
        Assert.Empty(r.Output);
        Assert.Single(r.AllErrors);
    }
}
