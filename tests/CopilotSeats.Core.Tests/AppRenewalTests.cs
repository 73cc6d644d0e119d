using CopilotSeats.Auth.App;
using CopilotSeats.Simulator;

namespace CopilotSeats.Core.Tests;

/// <summary>Installation tokens renewed before they expire and after a 401, once for everyone; on one clock shared with the simulator.</summary>
public class AppRenewalTests : AppTestBase
{
    private readonly SharedClock _clock = new();
    protected override SimulatorOptions Options => new() { TimeProvider = _clock, Seats = 300 };

    [Fact]
    public async Task Token_IsRenewedBeforeARequest_OnlyWhenLessThanFiveMinutesRemain()
    {
        Register();
        using var provider = await SignIn(Org, options: Quiet(_clock));
        using var client = AppClient(provider, Quiet(_clock));
        await client.GetOrgDetailAsync("octo-org", default);
        Assert.Equal(1, provider.TokensIssued);
        _clock.Advance(TimeSpan.FromMinutes(54)); // 6 minutes left
        await client.GetOrgDetailAsync("octo-org", default);
        Assert.Equal(1, provider.TokensIssued);
        _clock.Advance(TimeSpan.FromMinutes(2)); // 4 minutes left
        DateTimeOffset before = provider.TokenExpiresAt!.Value;
        await client.GetOrgDetailAsync("octo-org", default);
        Assert.Equal(2, provider.TokensIssued);
        Assert.True(provider.TokenExpiresAt > before);
        Assert.DoesNotContain(Requests, r => r.Status == 401);
    }

    [Fact]
    public async Task TwoMinuteToken_IsKeptForHalfItsLifetime_NotRenewedOnEveryRequest()
    {
        Register(lifetimeSeconds: 120, installations: new[] { (OwnerKind.Organization, "octo-org", (long?)101) });
        using var provider = await SignIn(Org, options: Quiet(_clock));
        using var client = AppClient(provider, Quiet(_clock));
        await client.GetOrgDetailAsync("octo-org", default);
        await client.GetOrgDetailAsync("octo-org", default);
        Assert.Equal(1, provider.TokensIssued);
        _clock.Advance(TimeSpan.FromSeconds(50)); // about 70 s left: more than half of 2 minutes
        await client.GetOrgDetailAsync("octo-org", default);
        Assert.Equal(1, provider.TokensIssued);
        _clock.Advance(TimeSpan.FromSeconds(20)); // about 50 s left
        await client.GetOrgDetailAsync("octo-org", default);
        Assert.Equal(2, provider.TokensIssued);
        await client.GetOrgDetailAsync("octo-org", default);
        Assert.Equal(2, provider.TokensIssued);
        Assert.Equal(2, TokenPosts);
    }

    [Theory]
    [InlineData(3600, 300)]   // an hour: the 5-minute margin
    [InlineData(600, 300)]    // ten minutes: both are 5 minutes
    [InlineData(120, 60)]     // two minutes: half of it
    [InlineData(0, 0)]
    public void RenewalMargin_IsTheLesserOfFiveMinutesAndHalfTheLifetime(int lifetimeSeconds, int marginSeconds)
    {
        var obtained = new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(marginSeconds),
            InstallationTokenProvider.MarginFor(obtained, obtained.AddSeconds(lifetimeSeconds), InstallationTokenProvider.DefaultRefreshBefore));
    }

    [Fact]
    public async Task RevokedToken_IsRenewedOnceAfterThe401_AndTheRequestSentAgain_AChangeIncluded()
    {
        Register();
        using var provider = await SignIn(Org, options: Quiet(_clock));
        using var client = AppClient(provider, Quiet(_clock));
        Sim.State.Apps.RevokeInstallationTokens();
        var change = await client.ChangeSeatsAsync(Org, SeatAction.Add, AssigneeKind.User, new[] { "no-seat-4" }, default);
        Assert.Equal(1, change.SeatsChanged);
        Assert.Equal(2, provider.TokensIssued);
        var posts = Requests.Where(r => r.Path.EndsWith("/selected_users")).Select(r => r.Status).ToList();
        Assert.Equal(new[] { 401, 201 }, posts);
    }

    [Fact]
    public async Task A401ToAFreshToken_IsReported_NotRetriedForever()
    {
        Register();
        using var provider = await SignIn(Org, options: Quiet(_clock));
        using var client = AppClient(provider, Quiet(_clock));
        Sim.Faults = new FaultSettings { Script = new[] { new ScriptedFault { PathContains = "copilot/billing", Status = 401, Times = 5 } } };
        var ex = await Assert.ThrowsAsync<CopilotApiException>(() => client.GetOrgDetailAsync("octo-org", default));
        Assert.Equal(401, ex.StatusCode);
        Assert.Equal(2, Requests.Count(r => r.Path == "/orgs/octo-org/copilot/billing"));
        Assert.Equal(2, provider.TokensIssued);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SixteenConcurrentRequests_ShareOneRenewal(bool revoked)
    {
        Register();
        using var provider = await SignIn(Org, options: Quiet(_clock));
        var options = Quiet(_clock);
        options.ThrottleLimit = 16;
        using var client = AppClient(provider, options);
        if (revoked) Sim.State.Apps.RevokeInstallationTokens();
        else _clock.Advance(TimeSpan.FromMinutes(56));
        var start = new TaskCompletionSource();
        var calls = Enumerable.Range(0, 16).Select(async _ => { await start.Task; return await client.GetOrgDetailAsync("octo-org", default); }).ToList();
        start.SetResult();
        await Task.WhenAll(calls);
        Assert.Equal(2, provider.TokensIssued);
        Assert.Equal(2, TokenPosts);
        Assert.Equal(16, Requests.Count(r => r.Path == "/orgs/octo-org/copilot/billing" && r.Status == 200));
    }
}

/// <summary>A long listing on tokens that live 3 seconds: every seat written exactly once.</summary>
public class AppLongListingTests : AppTestBase
{
    protected override SimulatorOptions Options => new() { Seats = 1000 };

    [Fact]
    public async Task ThousandPageListing_With3SecondTokens_WritesEverySeatExactlyOnce()
    {
        Register(lifetimeSeconds: 3);
        Sim.Faults = new FaultSettings { LatencyMs = 15 };
        using var provider = await SignIn(Org, refreshBefore: TimeSpan.FromSeconds(1));
        var options = Quiet();
        options.ThrottleLimit = 4;
        using var client = AppClient(provider, options);
        var seats = await ListAll(client, Org, pageSize: 1);
        Assert.Equal(1000, seats.Count);
        Assert.Equal(1000, seats.Select(s => s.Login).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(Sim.State.OrgSeats("octo-org").Select(s => s.Login), seats.Select(s => s.Login));
        Assert.True(provider.TokensIssued >= 2, $"{provider.TokensIssued} tokens");
        Assert.Equal(provider.TokensIssued, TokenPosts);
    }
}
