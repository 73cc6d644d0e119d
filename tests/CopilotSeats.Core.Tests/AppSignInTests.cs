using System.Collections.Concurrent;
using System.Security.Cryptography;
using CopilotSeats.Auth.App;
using CopilotSeats.Simulator;

namespace CopilotSeats.Core.Tests;

/// <summary>One clock for the module and the simulator: the test moves both.</summary>
public sealed class SharedClock : TimeProvider, IClock
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;
    public DateTimeOffset UtcNow { get { lock (this) return _now; } }
    public override DateTimeOffset GetUtcNow() => UtcNow;
    public void Advance(TimeSpan by) { lock (this) _now += by; }
    public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (delay > TimeSpan.Zero) Advance(delay);
        return Task.CompletedTask;
    }
}

/// <summary>GitHub App sign-in against the simulator: discovery, errors, token renewal.</summary>
public abstract class AppTestBase : SimulatorTestBase
{
    protected const string ClientId = "Iv23liCopilotSeats";
    protected static readonly SeatScope Org = SeatScope.ForOrganization("octo-org");
    protected static readonly SeatScope Ent = SeatScope.ForEnterprise("octo-ent");
    protected static readonly Dictionary<string, string> Write = new() { ["organization_copilot_seat_management"] = "write", ["organization_copilot_metrics"] = "read" };
    /// <summary>The enterprise installation's permissions (the simulator's default): seats write, metrics read.</summary>
    protected Dictionary<string, string> EnterpriseGrant { get; set; } = new() { ["enterprise_copilot_license_management"] = "write", ["enterprise_copilot_metrics"] = "read" };

    protected void Register(int lifetimeSeconds = 3600, string publicKey = "", params (OwnerKind Kind, string Account, long? Id)[] installations)
    {
        if (installations.Length == 0) installations = new (OwnerKind, string, long?)[] { (OwnerKind.Organization, "octo-org", 101), (OwnerKind.Enterprise, "octo-ent", 102) };
        Sim.State.Apps.Register(ClientId, 4242, publicKey.Length > 0 ? publicKey : AppKeys.PublicPem, TimeSpan.FromSeconds(lifetimeSeconds),
            installations.Select(i => (i.Kind, i.Account, i.Id, i.Kind == OwnerKind.Organization ? Write : EnterpriseGrant)),
            DateTimeOffset.UtcNow);
    }

    protected CopilotClientOptions Quiet(IClock? clock = null) => new()
    {
        Clock = clock ?? SystemClock.Instance,
        Verbose = Captured.Enqueue, Warning = Captured.Enqueue, Debug = Captured.Enqueue,
        Random = () => 0.5, MutationSpacing = TimeSpan.Zero, PointsPerMinute = 1_000_000,
    };

    protected Task<InstallationTokenProvider> SignIn(SeatScope target, long? installationId = null, CopilotClientOptions? options = null,
        TimeSpan? refreshBefore = null, string clientId = ClientId)
    {
        RSA key = PemKeyReader.FromPem(AppKeys.Chars(AppKeys.Pkcs1Pem), "test", "test");
        return InstallationTokenProvider.SignInAsync(key, clientId, installationId, target,
            new ResolvedEndpoint(ConnectionResolver.ValidateApiUrl(Sim.BaseUri), CopilotDefaults.ApiVersion), options ?? Quiet(), default, refreshBefore);
    }

    protected CopilotClient AppClient(InstallationTokenProvider provider, CopilotClientOptions? options = null) =>
        new(new ResolvedConnection(ConnectionResolver.ValidateApiUrl(Sim.BaseUri), CopilotDefaults.ApiVersion, provider), options ?? Quiet());

    protected int TokenPosts => Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/access_tokens") && r.Status == 201);
}

public class AppSignInTests : AppTestBase
{
    [Fact]
    public async Task Organization_IsFoundWithTheJwt_ThenATokenIsObtained()
    {
        Register();
        using var provider = await SignIn(Org);
        Assert.Equal(101, provider.InstallationId);
        Assert.Equal(ClientId, provider.ClientId);
        Assert.Equal("GitHubApp", provider.Source);
        Assert.InRange(provider.TokenExpiresAt!.Value, DateTimeOffset.UtcNow.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(61));
        Assert.Equal(new[] { "GET /orgs/octo-org/installation", "POST /app/installations/101/access_tokens" }, Requests.Select(r => r.Method + " " + r.Path));
    }

    [Fact]
    public async Task Enterprise_IsFoundWithGetEnterpriseInstallation_AsGitHubDocuments_NotByPagingTheAppsInstallations()
    {
        var installations = Enumerable.Range(1, 150).Select(i => (OwnerKind.Organization, $"other-org-{i}", (long?)(1000 + i)))
            .Append((OwnerKind.Enterprise, "octo-ent", 9999L)).ToArray();
        Register(3600, "", installations);
        using var provider = await SignIn(Ent);
        Assert.Equal(9999, provider.InstallationId);
        Assert.Equal(Ent, provider.Installation);
        Assert.Equal(new[] { "GET /enterprises/octo-ent/installation", "POST /app/installations/9999/access_tokens" }, Requests.Select(r => r.Method + " " + r.Path));
        Assert.Equal("write", provider.Permissions["enterprise_copilot_license_management"]);
    }

    [Fact]
    public async Task Enterprise_WhereTheEnterpriseEndpointAnswers404_IsFoundAmongThePagedAppInstallations()
    {
        var installations = Enumerable.Range(1, 150).Select(i => (OwnerKind.Organization, $"other-org-{i}", (long?)(1000 + i)))
            .Append((OwnerKind.Enterprise, "other-ent", 8888L)).Append((OwnerKind.Enterprise, "Octo-Ent", 9999L)).ToArray();
        Register(3600, "", installations);
        Sim.Faults = new FaultSettings { Script = new[] { new ScriptedFault { Method = "GET", PathContains = "/enterprises/octo-ent/installation", Status = 404, Times = 5 } } };
        using var provider = await SignIn(Ent);
        Assert.Equal(9999, provider.InstallationId);
        Assert.Equal(new[]
        {
            "GET /enterprises/octo-ent/installation 404", "GET /app/installations 200", "GET /app/installations 200",
            "POST /app/installations/9999/access_tokens 201",
        }, Requests.Select(r => $"{r.Method} {r.Path} {r.Status}"));
        var listed = Requests.Where(r => r.Path == "/app/installations").Select(r => r.Query).ToList();
        Assert.Contains("per_page=100", listed[0]);
        Assert.Contains("page=2", listed[1]);
        Assert.Equal("write", provider.Permissions["enterprise_copilot_license_management"]);
    }

    [Fact]
    public async Task Enterprise_NeitherAtTheEnterpriseEndpointNorInTheList_IsAppNotInstalled_SayingBothWereLookedAt()
    {
        Register(3600, "", (OwnerKind.Organization, "octo-ent", 101), (OwnerKind.Enterprise, "other-ent", 102));
        var ex = await Assert.ThrowsAsync<CopilotException>(() => SignIn(Ent));
        Assert.Equal(("CopilotSeats.AppNotInstalled", (object?)"octo-ent"), (ex.ErrorId, ex.TargetObject));
        Assert.Contains("GET /enterprises/octo-ent/installation answered 404", ex.Message);
        Assert.Contains("GET /app/installations", ex.Message);
        Assert.Equal(new[] { "GET /enterprises/octo-ent/installation", "GET /app/installations" }, Requests.Select(r => r.Method + " " + r.Path));
    }

    [Fact]
    public async Task GivenInstallationId_NoDiscovery()
    {
        Register();
        using var provider = await SignIn(Org, installationId: 101);
        Assert.Equal(new[] { "POST /app/installations/101/access_tokens" }, Requests.Select(r => r.Method + " " + r.Path));
    }

    [Theory]
    [InlineData("octo-lab", false)]
    [InlineData("other-ent", true)]
    public async Task NotInstalled_IsAppNotInstalled_NamingTheTarget_AndNoTokenIsRequested(string name, bool enterprise)
    {
        Register(3600, "", (OwnerKind.Organization, "octo-org", 101));
        var target = enterprise ? SeatScope.ForEnterprise(name) : SeatScope.ForOrganization(name);
        var ex = await Assert.ThrowsAsync<CopilotException>(() => SignIn(target));
        Assert.Equal("CopilotSeats.AppNotInstalled", ex.ErrorId);
        Assert.Equal(name, ex.TargetObject);
        Assert.Contains(name, ex.Message);
        Assert.True(ex.IsTerminating);
        Assert.DoesNotContain(Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task UnknownInstallationId_IsAppNotInstalled_AndAnEmptyClientId_IsInvalidClientId()
    {
        Register();
        var ex = await Assert.ThrowsAsync<CopilotException>(() => SignIn(Org, installationId: 5));
        Assert.Equal("CopilotSeats.AppNotInstalled", ex.ErrorId);
        Assert.Contains("installation 5", ex.Message);
        var empty = await Assert.ThrowsAsync<CopilotException>(() => SignIn(Org, clientId: " "));
        Assert.Equal(("CopilotSeats.InvalidClientId", "Pass the App's client ID (on its settings page) to Connect-Copilot -ClientId."), (empty.ErrorId, empty.RecommendedAction));
    }

    [Fact]
    public async Task AnotherKey_WrongClientId_OrAClockTwoMinutesAhead_AreAppAuthFailed_WithTheLikelyCauses()
    {
        using var other = RSA.Create(2048);
        Register(3600, other.ExportSubjectPublicKeyInfoPem());
        var wrongKey = await Assert.ThrowsAsync<CopilotException>(() => SignIn(Org));
        Assert.Equal("CopilotSeats.AppAuthFailed", wrongKey.ErrorId);
        Assert.Equal(CopilotErrorCategory.AuthenticationError, wrongKey.Category);
        Assert.Contains("client ID", wrongKey.Message);
        Assert.Contains("clock", wrongKey.Message);

        Register();
        var wrongId = await Assert.ThrowsAsync<CopilotException>(() => SignIn(Org, clientId: "Iv23liSomebodyElse"));
        Assert.Equal("CopilotSeats.AppAuthFailed", wrongId.ErrorId);

        var ahead = new FakeClock(DateTimeOffset.UtcNow.AddMinutes(2));
        var skewed = await Assert.ThrowsAsync<CopilotException>(() => SignIn(Org, options: Quiet(ahead)));
        Assert.Equal("CopilotSeats.AppAuthFailed", skewed.ErrorId);
        Assert.Contains("Issued at", skewed.Message);
        Assert.Equal(0, TokenPosts);
    }

    [Fact]
    public async Task Token_IsUsedForSeatCalls_AndADisconnectedProviderRefusesToServe()
    {
        Register();
        var provider = await SignIn(Org);
        using (var client = AppClient(provider))
        {
            var detail = await client.GetOrgDetailAsync("octo-org", default);
            Assert.Equal("assign_selected", detail.SeatManagementSetting);
        }
        provider.Dispose();
        using var after = AppClient(provider);
        var ex = await Assert.ThrowsAsync<CopilotException>(() => after.GetOrgDetailAsync("octo-org", default));
        Assert.Equal("CopilotSeats.Disconnected", ex.ErrorId);
    }

    [Fact]
    public async Task NoSecret_ReachesVerboseLinesOrErrors()
    {
        Register();
        using var provider = await SignIn(Org);
        using var client = AppClient(provider);
        await ListAll(client, Org);
        var secrets = new List<string>();
        Sim.State.Apps.RevokeInstallationTokens();
        await client.GetOrgDetailAsync("octo-org", default); // renews after a 401
        var ex = await Assert.ThrowsAsync<CopilotApiException>(() => client.GetOrgDetailAsync("no-such-org", default));
        string seen = string.Join("\n", Captured) + ex.Message + ex.RecommendedAction + provider + client.Engine.Connection;
        Assert.Contains("renewed", seen);
        Assert.DoesNotContain("ghs_", seen);
        Assert.DoesNotContain("eyJ", seen);
        foreach (string line in AppKeys.Pkcs1Pem.Split('\n').Where(l => l.Length > 20 && !l.StartsWith("-----")))
            Assert.DoesNotContain(line, seen);
    }
}
