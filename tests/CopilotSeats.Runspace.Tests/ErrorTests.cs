using System.Management.Automation;
using CopilotSeats.Simulator;
using Xunit;

namespace CopilotSeats.Runspace.Tests;

/// <summary>How failures surface in a real engine: terminating or not, error ids, categories, targets; validation at binding.</summary>
public sealed class ErrorTests : SessionTests
{
    public ErrorTests(PowerShellSession ps) : base(ps) { }

    [Fact]
    public void A_rejected_token_is_a_terminating_Http401_AuthenticationError_sent_once()
    {
        Ps.SetVariable("bad", PowerShellSession.Secure("sim_bad_rs_1"));
        var r = Ps.Run("Get-CopilotSeat -Organization octo-org -Token $bad -ApiUrl $api; 'after'");
        Assert.Empty(r.Output); // terminating: the statement after it never ran
        Assert.Empty(r.Errors);
        ErrorRecord error = Assert.IsType<ErrorRecord>(r.Terminating);
        AssertError(error, "CopilotSeats.Http401", ErrorCategory.AuthenticationError);
        Assert.Equal(401, Assert.Single(Requests).Status);
    }

    [Fact]
    public void A_rejected_token_stops_a_multi_name_lookup_at_the_first_name()
    {
        Ps.SetVariable("bad", PowerShellSession.Secure("sim_bad_rs_2"));
        var r = Ps.Run("Get-CopilotSeat -Organization octo-org -UserName octocat, mona_octo -Token $bad -ApiUrl $api");
        AssertError(r.Terminating, "CopilotSeats.Http401");
        Assert.Single(Requests);
    }

    [Fact]
    public void A_read_only_token_removing_a_seat_gets_a_non_terminating_Http403_PermissionDenied_naming_scopes()
    {
        Ps.SetVariable("ro", PowerShellSession.Secure("sim_readonly_rs_1"));
        var r = Ps.Run("Remove-CopilotUser -Organization octo-org -UserName user-0001 -Force -Token $ro -ApiUrl $api; 'after'");
        Assert.Null(r.Terminating);
        Assert.Equal(new[] { "after" }, r.Output.Select(o => o.ToString()).ToArray());
        ErrorRecord error = Assert.Single(r.Errors);
        AssertError(error, "CopilotSeats.Http403", ErrorCategory.PermissionDenied, "octo-org");
        Assert.Contains("manage_billing:copilot", error.Exception.Message);
        Assert.Contains("read:org", error.Exception.Message);
        Assert.Equal(("DELETE", 403), (Assert.Single(Requests).Method, Assert.Single(Requests).Status));
        Assert.Null(Ps.Sim.State.SeatFor("octo-org", "user-0001")!.PendingCancellationDate);
    }

    [Fact]
    public void Removing_a_team_granted_user_is_a_non_terminating_Http422_InvalidOperation()
    {
        var r = Ps.Run("Remove-CopilotUser -Organization octo-org -UserName team1-member-1 -Force -Token $tok -ApiUrl $api; 'after'");
        Assert.Null(r.Terminating);
        Assert.Equal(new[] { "after" }, r.Output.Select(o => o.ToString()).ToArray());
        ErrorRecord error = Assert.Single(r.Errors);
        AssertError(error, "CopilotSeats.Http422", ErrorCategory.InvalidOperation, "octo-org");
        Assert.Single(Requests); // a 422 is never retried
    }

    [Fact]
    public void An_assign_all_organization_answers_422_and_the_other_organization_s_batch_still_goes()
    {
        var r = Ps.Run(@"
[pscustomobject]@{ Organization = 'assign-all-org'; UserName = 'no-seat-1' },
[pscustomobject]@{ Organization = 'octo-org'; UserName = 'no-seat-2' } | Add-CopilotUser -Token $tok -ApiUrl $api");
        Assert.Null(r.Terminating);
        ErrorRecord error = Assert.Single(r.Errors);
        AssertError(error, "CopilotSeats.Http422", ErrorCategory.InvalidOperation, "assign-all-org");
        PSObject change = Assert.Single(r.Output);
        Assert.Equal("octo-org", change.Str("Organization"));
        Assert.Equal(new[] { ("/orgs/assign-all-org/copilot/billing/selected_users", 422), ("/orgs/octo-org/copilot/billing/selected_users", 201) },
            Requests.Select(q => (q.Path, q.Status)).ToArray());
    }

    [Theory]
    [InlineData("'a/b'")]
    [InlineData("'..'")]
    [InlineData("\"x`r`ny\"")]
    [InlineData("''")]
    [InlineData("'-leading-hyphen'")]
    public void An_invalid_user_name_is_refused_at_parameter_binding_and_nothing_is_sent(string literal)
    {
        var r = Ps.Run($"Remove-CopilotUser -Organization octo-org -UserName user-0001, {literal} -Force -Token $tok -ApiUrl $api");
        Assert.Empty(r.Output);
        ErrorRecord error = Assert.Single(r.AllErrors);
        AssertValidationError(error, "RemoveCopilotUserCommand");
        Assert.IsAssignableFrom<ParameterBindingException>(error.Exception);
        Assert.Empty(Requests);
    }

    [Theory]
    [InlineData("Get-CopilotSeat -Organization 'a/b'", "GetCopilotSeatCommand")]
    [InlineData("Get-CopilotSeat -Enterprise '..'", "GetCopilotSeatCommand")]
    [InlineData("Add-CopilotUser -Organization \"x`r`ny\" -UserName octocat -Force", "AddCopilotUserCommand")]
    [InlineData("Add-CopilotTeam -Organization octo-org -TeamName 'a/b' -Force", "AddCopilotTeamCommand")]
    [InlineData("Remove-CopilotTeam -Enterprise octo-ent -TeamName '..' -Force", "RemoveCopilotTeamCommand")]
    [InlineData("Get-CopilotOrgDetail -Organization ''", "GetCopilotOrgDetailCommand")]
    public void Invalid_organization_enterprise_or_team_names_are_refused_at_binding(string command, string cmdletClass)
    {
        var r = Ps.Run(command + " -Token $tok -ApiUrl $api");
        Assert.Empty(r.Output);
        ErrorRecord error = Assert.Single(r.AllErrors);
        AssertValidationError(error, cmdletClass);
        Assert.Empty(Requests);
    }

    [Fact]
    public void Invalid_names_from_the_pipeline_are_refused_per_object_and_nothing_is_sent()
    {
        var r = Ps.Run("'a/b', '..', \"x`r`ny\", '' | Remove-CopilotUser -Organization octo-org -Force -Token $tok -ApiUrl $api");
        Assert.Empty(r.Output);
        var errors = r.AllErrors.ToList();
        Assert.Equal(4, errors.Count);
        Assert.All(errors, e => AssertValidationError(e));
        Assert.Empty(Requests);
    }

    [Fact]
    public void Piped_rows_mixing_valid_and_invalid_names_send_only_the_valid_ones()
    {
        var r = Ps.Run("[pscustomobject]@{ Login = 'a/b' }, [pscustomobject]@{ Login = 'user-0005' } | Remove-CopilotUser -Organization octo-org -Force -Token $tok -ApiUrl $api");
        ErrorRecord error = Assert.Single(r.AllErrors);
        AssertValidationError(error);
        Assert.Single(r.Output);
        LoggedRequest delete = Assert.Single(Requests);
        Assert.Contains("\"user-0005\"", delete.Body);
        Assert.DoesNotContain("a/b", delete.Body);
    }

    [Fact]
    public void ValidateRange_refuses_PageSize_and_ThrottleLimit_out_of_range()
    {
        foreach (string args in new[] { "-PageSize 0", "-PageSize 101", "-ThrottleLimit 0", "-ThrottleLimit 17" })
        {
            var r = Ps.Run($"Get-CopilotSeat -Organization octo-org {args} -Token $tok -ApiUrl $api");
            AssertValidationError(r.Terminating);
        }
        Assert.Empty(Requests);
    }
}
