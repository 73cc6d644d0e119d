using CopilotSeats.Auth.App;
using CopilotSeats.Diagnostics;
using CopilotSeats.Simulator;

namespace CopilotSeats.Core.Tests;

/// <summary>
/// A GitHub App signed in with its enterprise installation (GitHub's 2026-11-10 change): the 403 without write
/// access, renewal and secrecy as for organization installations; and tokens of any length. Listing, assigning and
/// the refusals before sending are cmdlet behaviour (tests/pester/AppAuth.Tests.ps1).
/// </summary>
public class EnterpriseAppTests : AppTestBase
{
    private readonly SharedClock _clock = new();
    protected override SimulatorOptions Options => new() { TimeProvider = _clock };

    [Fact]
    public async Task WithoutWriteAccess_The403NamesTheEnterprisePermission_AndStaysHonestAboutGitHub()
    {
        EnterpriseGrant = new() { ["enterprise_copilot_license_management"] = "read" };
        Register();
        using var provider = await SignIn(Ent, options: Quiet(_clock));
        using var client = AppClient(provider, Quiet(_clock));
        Assert.NotEmpty(await ListAll(client, Ent));
        var ex = await Assert.ThrowsAsync<CopilotApiException>(() =>
            client.ChangeSeatsAsync(Ent, SeatAction.Add, AssigneeKind.User, new[] { "ent-user-5" }, default));
        Assert.Equal(403, ex.StatusCode);
        Assert.Contains("lacks the enterprise permission 'Enterprise Copilot license management' (read and write) [enterprise_copilot_license_management=write]", ex.Message);
        Assert.Contains("If the installation has it, GitHub does not accept App tokens for POST /enterprises/{enterprise}/copilot/billing/selected_users yet", ex.Message);
        Assert.StartsWith("Grant the App the enterprise permission 'Enterprise Copilot license management' (read and write)", ex.RecommendedAction);
        Assert.Contains("classic token with manage_billing:copilot or admin:enterprise", ex.RecommendedAction);
    }

    [Fact]
    public async Task EnterpriseToken_IsRenewedBeforeItExpires_AndAfterA401()
    {
        Register();
        using var provider = await SignIn(Ent, options: Quiet(_clock));
        using var client = AppClient(provider, Quiet(_clock));
        await ListAll(client, Ent);
        _clock.Advance(TimeSpan.FromMinutes(56));
        await ListAll(client, Ent);
        Assert.Equal(2, provider.TokensIssued);
        Sim.State.Apps.RevokeInstallationTokens();
        await client.ChangeSeatsAsync(Ent, SeatAction.Add, AssigneeKind.User, new[] { "ent-user-5" }, default);
        Assert.Equal(3, provider.TokensIssued);
        Assert.Equal(new[] { 401, 201 }, Requests.Where(r => r.Path.EndsWith("/selected_users")).Select(r => r.Status));
    }

    [Fact]
    public async Task NoSecret_OfTheEnterpriseSession_ReachesVerboseLinesOrErrors()
    {
        Register();
        using var provider = await SignIn(Ent, options: Quiet(_clock));
        using var client = AppClient(provider, Quiet(_clock));
        string token = (await provider.GetAsync(null, default)).Reveal();
        Assert.InRange(token.Length, 480, 560); // GitHub's stateless installation tokens (simulator)
        await ListAll(client, Ent);
        Sim.State.Apps.RevokeInstallationTokens();
        await ListAll(client, Ent);
        var lookup = await Assert.ThrowsAsync<CopilotApiException>(() => client.GetUserSeatAsync(Ent, "ent-user-1", default));
        var org = await Assert.ThrowsAsync<CopilotException>(() => client.GetOrgDetailAsync("octo-org", default));
        string seen = string.Join("\n", Captured) + lookup.Message + lookup.RecommendedAction + org.Message + org.RecommendedAction + provider + client.Engine.Connection;
        Assert.Contains("renewed", seen);
        Assert.DoesNotContain(token.Substring(0, 30), seen);
        Assert.DoesNotContain("ghs_", seen);
        Assert.DoesNotContain("eyJ", seen);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(520)]
    [InlineData(2048)]
    public void TokensOfAnyLength_AreAccepted_AndToldApartByTheirPrefixOnly(int length)
    {
        string tail = string.Concat(Enumerable.Repeat("aZ9.-_", length));
        string value = ("ghs_4242_" + tail).Substring(0, length);
        var token = CopilotToken.FromPlainText(value, "test");
        Assert.Equal(length, token.Length);
        Assert.Equal("Bearer " + value, token.ToAuthorizationValue());
        Assert.Equal("GitHubApp", TokenKinds.Of(token));
        Assert.Equal("FineGrained", TokenKinds.FromPrefix("github_pat_" + tail));
        Assert.DoesNotContain(value, token.ToString());
    }
}
