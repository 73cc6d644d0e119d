using CopilotSeats.Auth.App;
using CopilotSeats.Simulator;

namespace CopilotSeats.Core.Tests;

/// <summary>A GitHub App sign-in stays open for each command that holds it: Disconnect-Copilot only lets go of the session's hold.</summary>
public class AppSignInHoldTests : AppTestBase
{
    private readonly FakeEnvironment _env = new();
    protected override SimulatorOptions Options => new() { Seats = 30 };

    private ResolvedConnection Held(Func<StoredSession?> session) =>
        ConnectionResolver.ResolveHeld(null, Sim.BaseUri, null, session, _env);

    [Fact]
    public async Task CommandsHoldingTheSignIn_ListEverySeat_AfterTheSessionLetsGo_AndItClosesWithTheLast()
    {
        Register();
        InstallationTokenProvider provider = await SignIn(Org);
        var session = new StoredSession { App = provider };
        var first = new CopilotClient(Held(() => session), Quiet());
        var second = new CopilotClient(Held(() => session), Quiet());
        provider.Dispose(); // Disconnect-Copilot
        Sim.State.Apps.RevokeInstallationTokens(); // the next request is refused once and the token renewed under the hold
        Assert.Equal(30, (await ListAll(first, Org, pageSize: 7)).Count);
        first.Dispose();
        Assert.False(provider.IsClosed);
        Assert.Equal(30, (await ListAll(second, Org, pageSize: 7)).Count);
        second.Dispose();
        Assert.True(provider.IsClosed);
        Assert.Null(provider.Acquire());
    }

    [Fact]
    public async Task ACommandStartedAfterDisconnect_ResolvesWithoutTheApp()
    {
        Register();
        InstallationTokenProvider provider = await SignIn(Org);
        StoredSession? session = new StoredSession { App = provider };
        provider.Dispose();
        session = null;
        var ex = Assert.Throws<CopilotException>(() => Held(() => session));
        Assert.Equal("CopilotSeats.NoToken", ex.ErrorId);
    }

    [Theory]
    [InlineData(2, "Connect-Copilot")] // the session was replaced while the command read it: the new one is used
    [InlineData(99, "CopilotSeats.Disconnected")] // closed on every read: the command stops before sending anything
    public async Task ASignInClosedBeforeTheCommandHoldsIt_IsReadAgain_AFewTimes(int closedReads, string expected)
    {
        Register();
        InstallationTokenProvider closed = await SignIn(Org);
        closed.Dispose();
        var replaced = new StoredSession { Token = CopilotToken.FromPlainText(Tokens.Canary, ConnectionResolver.SourceSession) };
        int reads = 0;
        string outcome;
        try { outcome = Held(() => ++reads <= closedReads ? new StoredSession { App = closed } : replaced).TokenSource; }
        catch (CopilotException ex) { outcome = ex.ErrorId; }
        Assert.Equal(expected, outcome);
        Assert.Equal(Math.Min(closedReads + 1, 3), reads);
    }
}
