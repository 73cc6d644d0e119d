using CopilotSeats.Auth.App;
using CopilotSeats.Diagnostics;
using CopilotSeats.Simulator;

namespace CopilotSeats.Core.Tests;

/// <summary>
/// A GitHub App signed in with its enterprise installation (GitHub's 2026-11-10 change): the enterprise seat list
/// and the user and enterprise team assignments on its token, the member lookup still refused, organizations
/// refused before sending, renewal and secrecy as for organization installations; and tokens of any length.
/// </summary>
public class EnterpriseAppTests : AppTestBase
{
    private readonly SharedClock _clock = new();
    protected override SimulatorOptions Options => new() { TimeProvider = _clock };

    [Fact]
    public async Task EnterpriseInstallation_ListsSeats_AndAssignsAndCancelsUsersAndEnterpriseTeams()
    {
        Register();
        using var provider = await SignIn(Ent, options: Quiet(_clock));
        using var client = AppClient(provider, Quiet(_clock));
        var seats = await ListAll(client, Ent, pageSize: 10);
        Assert.NotEmpty(seats);
        Assert.All(seats, s => Assert.Equal("octo-ent", s.Enterprise));
        Assert.Equal(1, (await client.ChangeSeatsAsync(Ent, SeatAction.Add, AssigneeKind.User, new[] { "ent-user-5" }, default)).SeatsChanged);
        Assert.Equal(1, (await client.ChangeSeatsAsync(Ent, SeatAction.Remove, AssigneeKind.User, new[] { "ent-user-5" }, default)).SeatsChanged);
        await client.ChangeSeatsAsync(Ent, SeatAction.Add, AssigneeKind.EnterpriseTeam, new[] { "ent-team-2" }, default);
        await client.ChangeSeatsAsync(Ent, SeatAction.Remove, AssigneeKind.EnterpriseTeam, new[] { "ent-team-1" }, default);
        Assert.DoesNotContain(Requests, r => r.Status >= 400);
        Assert.Equal(1, provider.TokensIssued);
    }

    [Fact]
    public async Task MemberLookup_StillRefusesApps_AndTheErrorNamesTheEndpointAndWhatToUseInstead()
    {
        Register();
        using var provider = await SignIn(Ent, options: Quiet(_clock));
        using var client = AppClient(provider, Quiet(_clock));
        var ex = await Assert.ThrowsAsync<CopilotApiException>(() => client.GetUserSeatAsync(Ent, "ent-user-1", default));
        Assert.Equal(403, ex.StatusCode);
        Assert.Contains("GET /enterprises/{enterprise}/members/{username}/copilot", ex.Message);
        Assert.Contains("does not accept GitHub App tokens", ex.Message);
        Assert.Contains("classic token with manage_billing:copilot or read:enterprise", ex.RecommendedAction);
        Assert.Contains("Get-CopilotSeat -Enterprise octo-ent, without -UserName", ex.RecommendedAction);
        Assert.DoesNotContain("owner", ex.RecommendedAction);
    }

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
    public async Task OrganizationRequests_UnderTheEnterpriseInstallation_AreRefusedBeforeSending()
    {
        Register();
        using var provider = await SignIn(Ent, options: Quiet(_clock));
        using var client = AppClient(provider, Quiet(_clock));
        int before = Requests.Count;
        var calls = new Func<Task>[]
        {
            () => client.GetOrgDetailAsync("octo-org", default),
            () => ListAll(client, Org),
            () => client.GetUserSeatAsync(Org, "user-1", default),
            () => client.ChangeSeatsAsync(Org, SeatAction.Add, AssigneeKind.User, new[] { "no-seat-1" }, default),
        };
        foreach (var call in calls)
        {
            var ex = await Assert.ThrowsAsync<CopilotException>(call);
            Assert.Equal(InstallationReach.EnterpriseInstallationId, ex.ErrorId);
            Assert.Equal(CopilotErrorCategory.InvalidOperation, ex.Category);
            Assert.Equal("octo-org", ex.TargetObject);
            Assert.Contains("enterprise installation's token does not reach organizations", ex.Message);
            Assert.Contains("-Organization octo-org", ex.RecommendedAction);
        }
        Assert.Equal(before, Requests.Count);

        // An organization installation is not affected.
        using var orgProvider = await SignIn(Org, options: Quiet(_clock));
        using var orgClient = AppClient(orgProvider, Quiet(_clock));
        Assert.Equal("octo-org", (await orgClient.GetOrgDetailAsync("octo-org", default)).Organization);
    }

    [Fact]
    public async Task EnterpriseRequests_UnderAnOrganizationInstallation_AreRefusedBeforeSending_NotReadAsAMissingPermission()
    {
        Register();
        using var provider = await SignIn(Org, options: Quiet(_clock));
        using var client = AppClient(provider, Quiet(_clock));
        int before = Requests.Count;
        var ex = await Assert.ThrowsAsync<CopilotException>(() => ListAll(client, Ent));
        Assert.Equal(InstallationReach.OrganizationInstallationId, ex.ErrorId);
        Assert.Equal("octo-ent", ex.TargetObject);
        Assert.Contains("organization installation's token has no enterprise permissions", ex.Message);
        Assert.Contains("-Enterprise octo-ent", ex.RecommendedAction);
        Assert.Equal(before, Requests.Count);
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
