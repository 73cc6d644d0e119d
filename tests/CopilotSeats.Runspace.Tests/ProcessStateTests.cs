using System.Management.Automation;
using CopilotSeats.Simulator;
using Xunit;

namespace CopilotSeats.Runspace.Tests;

/// <summary>
/// Tests that change process-wide state: the module's Connect-Copilot session (static, shared by every
/// runspace), environment variables and PATH. xunit runs this collection alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessStateCollection
{
    public const string Name = "Process-wide state";
}

[Collection(ProcessStateCollection.Name)]
public sealed class ConnectionTests : SessionTests, IDisposable
{
    public ConnectionTests(PowerShellSession ps) : base(ps)
    {
        Ps.Run("Disconnect-Copilot").Ok();
    }

    public void Dispose() => Ps.Run("Disconnect-Copilot").Ok();

    [Fact]
    public void Connect_Copilot_writes_a_CopilotConnection_without_the_token_and_sends_nothing()
    {
        var r = Ps.Run("Connect-Copilot -Token $tok -ApiUrl $api -Organization octo-org");
        PSObject connection = Assert.Single(r.Ok());
        Assert.Equal("CopilotSeats.CopilotConnection", connection.TypeName());
        Assert.Equal("Connect-Copilot", connection.Str("TokenSource"));
        Assert.Equal("octo-org", connection.Str("Organization"));
        Assert.StartsWith(Ps.Sim.BaseUri.ToString().TrimEnd('/'), connection.Str("ApiUrl"));
        foreach (PSPropertyInfo property in connection.Properties)
            Assert.DoesNotContain(PowerShellSession.Canary, property.Value?.ToString() ?? "");
        Assert.DoesNotContain(PowerShellSession.Canary, connection.ToString());
        Assert.DoesNotContain(PowerShellSession.Canary, string.Join("\n", r.AllText()));
        Assert.Empty(Requests);
    }

    [Fact]
    public void Later_commands_use_the_Connect_Copilot_defaults()
    {
        Ps.Run("Connect-Copilot -Token $tok -ApiUrl $api -Organization octo-org").Ok();
        Assert.Equal(120, Ps.Run("Get-CopilotSeat").Ok().Count);
        PSObject change = Assert.Single(Ps.Run("Remove-CopilotUser -UserName user-0001 -Force").Ok());
        Assert.Equal("octo-org", change.Str("Organization"));
        Assert.All(Requests, q => Assert.True(q.HadAuthorization));
        Assert.All(Requests, q => Assert.StartsWith("/orgs/octo-org/", q.Path));
        Assert.NotNull(Ps.Sim.State.SeatFor("octo-org", "user-0001")!.PendingCancellationDate);
    }

    [Fact]
    public void Connect_Copilot_Enterprise_makes_the_enterprise_the_default_target()
    {
        Ps.Run("Connect-Copilot -Token $tok -ApiUrl $api -Enterprise octo-ent").Ok();
        var rows = Ps.Run("Get-CopilotSeat").Ok();
        Assert.Equal(Ps.Sim.State.EnterpriseRows("octo-ent").Count, rows.Count);
        Assert.All(Requests, q => Assert.StartsWith("/enterprises/octo-ent/", q.Path));
    }

    [Fact]
    public void A_token_on_the_command_beats_the_Connect_Copilot_token()
    {
        Ps.Run("Connect-Copilot -Token $tok -ApiUrl $api -Organization octo-org").Ok();
        Ps.SetVariable("bad", PowerShellSession.Secure("sim_bad_rs_conn"));
        var r = Ps.Run("Get-CopilotSeat -Token $bad");
        AssertError(r.Terminating, "CopilotSeats.Http401");
    }

    [Fact]
    public void Disconnect_Copilot_writes_nothing_and_forgets_the_defaults()
    {
        Ps.Run("Connect-Copilot -Token $tok -ApiUrl $api -Organization octo-org").Ok();
        Assert.Empty(Ps.Run("Disconnect-Copilot").Ok());
        var r = Ps.Run("Get-CopilotSeat -Token $tok -ApiUrl $api");
        AssertError(r.Terminating, "CopilotSeats.NoTarget", ErrorCategory.InvalidArgument);
        Assert.Empty(Requests);
    }

    [Fact]
    public void Connect_Copilot_refuses_plain_http_to_a_non_loopback_host()
    {
        var r = Ps.Run("Connect-Copilot -Token $tok -ApiUrl 'http://example.com/api'");
        AssertError(r.Terminating, "CopilotSeats.InvalidApiUrl");
        Assert.Empty(r.Output);
    }
}

[Collection(ProcessStateCollection.Name)]
public sealed class NoTokenTests : SessionTests, IDisposable
{
    private static readonly string[] Variables = { "GH_TOKEN", "GITHUB_TOKEN", "GITHUB_API_URL", "PATH" };
    private readonly Dictionary<string, string?> _saved = new();
    private readonly string _emptyDir;

    public NoTokenTests(PowerShellSession ps) : base(ps)
    {
        Ps.Run("Disconnect-Copilot").Ok();
        foreach (string name in Variables) _saved[name] = Environment.GetEnvironmentVariable(name);
        _emptyDir = Directory.CreateTempSubdirectory("copilotseats-nopath-").FullName;
        Environment.SetEnvironmentVariable("GH_TOKEN", null);
        Environment.SetEnvironmentVariable("GITHUB_TOKEN", null);
        Environment.SetEnvironmentVariable("GITHUB_API_URL", null);
        Environment.SetEnvironmentVariable("PATH", _emptyDir); // so `gh auth token` cannot answer
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved) Environment.SetEnvironmentVariable(name, value);
        Directory.Delete(_emptyDir, recursive: true);
    }

    [Theory]
    [InlineData("Get-CopilotSeat -Organization octo-org -ApiUrl $api")]
    [InlineData("Get-CopilotOrgDetail -Organization octo-org -ApiUrl $api")]
    [InlineData("Remove-CopilotUser -Organization octo-org -UserName user-0001 -Force -ApiUrl $api")]
    [InlineData("Add-CopilotTeam -Organization octo-org -TeamName team-2 -ApiUrl $api")]
    public void With_no_token_anywhere_the_cmdlet_throws_NoToken_and_sends_nothing(string command)
    {
        var r = Ps.Run(command + "; 'after'");
        Assert.Empty(r.Output);
        ErrorRecord error = Assert.IsType<ErrorRecord>(r.Terminating);
        AssertError(error, "CopilotSeats.NoToken", ErrorCategory.AuthenticationError);
        Assert.Contains("GH_TOKEN", error.Exception.Message);
        Assert.Contains("GITHUB_TOKEN", error.Exception.Message);
        Assert.Empty(Ps.Sim.Log.Snapshot());
    }

    [Fact]
    public void GH_TOKEN_from_the_process_environment_is_used_when_nothing_else_gives_a_token()
    {
        Environment.SetEnvironmentVariable("GH_TOKEN", PowerShellSession.Canary);
        var r = Ps.Run("Get-CopilotSeat -Organization octo-org -ApiUrl $api -Verbose -Debug");
        Assert.Equal(120, r.Ok().Count);
        Assert.DoesNotContain(PowerShellSession.Canary, string.Join("\n", r.AllText()));
    }

    [Fact]
    public void Without_a_token_WhatIf_needs_none_and_sends_nothing()
    {
        var r = Ps.Run("Remove-CopilotUser -Organization octo-org -UserName user-0001 -WhatIf -ApiUrl $api");
        Assert.Empty(r.Ok());
        Assert.Empty(Ps.Sim.Log.Snapshot());
    }
}
