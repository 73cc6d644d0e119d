using System.Security.Cryptography;

namespace CopilotSeats.Simulator.Tests;

/// <summary>GitHub Apps in the simulator: JWT checks, installations, installation tokens, and tagged token kinds.</summary>
public class AppTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly ManualClock _clock = new(Start);
    private readonly RSA _key = RSA.Create(2048);
    private SimulatorHost _sim = null!;
    private HttpClient _http = null!;
    private const string ClientId = "Iv23liSimApp";

    public async Task InitializeAsync()
    {
        _sim = await SimulatorHost.StartAsync(new SimulatorOptions { TimeProvider = _clock });
        _http = new HttpClient { BaseAddress = _sim.BaseUri };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sim.DisposeAsync();
        _key.Dispose();
    }

    private async Task<JsonNode> Register(object? installations = null, int lifetime = 3600, RSA? key = null, long? appId = 4242)
    {
        var body = new
        {
            clientId = ClientId, appId, publicKey = (key ?? _key).ExportSubjectPublicKeyInfoPem(), tokenLifetimeSeconds = lifetime,
            installations = installations ?? new object[] { new { organization = "octo-org", id = 101 }, new { enterprise = "octo-ent", id = 102 } },
        };
        var r = await _http.PostAsJsonAsync("/_simulator/apps", body);
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
    }

    internal static string Jwt(RSA key, object iss, long iat, long exp)
    {
        static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        string header = B64(Encoding.UTF8.GetBytes("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"));
        string payload = B64(JsonSerializer.SerializeToUtf8Bytes(new { iat, exp, iss }));
        byte[] sig = key.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + payload + "." + B64(sig);
    }

    private string GoodJwt(object? iss = null) => Jwt(_key, iss ?? ClientId, Start.ToUnixTimeSeconds() - 60, Start.ToUnixTimeSeconds() + 540);

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string token, object? body = null, string scheme = "Bearer")
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.UserAgent.ParseAdd("app-tests/1.0");
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
        if (body != null) request.Content = JsonContent.Create(body);
        return _http.SendAsync(request);
    }

    private static async Task<string> Message(HttpResponseMessage r) => JsonNode.Parse(await r.Content.ReadAsStringAsync())!["message"]!.GetValue<string>();

    private async Task<(string Token, DateTimeOffset ExpiresAt)> CreateToken(long installation = 101)
    {
        var r = await Send(HttpMethod.Post, $"/app/installations/{installation}/access_tokens", GoodJwt());
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var json = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
        return (json["token"]!.GetValue<string>(), DateTimeOffset.Parse(json["expires_at"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Installations_AreListedAndPaged_WithTheJwt_ByClientIdOrAppId()
    {
        await Register();
        foreach (object iss in new object[] { ClientId, 4242L, "4242" })
        {
            var r = await Send(HttpMethod.Get, "/app/installations", GoodJwt(iss));
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var list = JsonNode.Parse(await r.Content.ReadAsStringAsync())!.AsArray();
            Assert.Equal(new[] { "Organization", "Enterprise" }, list.Select(i => i!["target_type"]!.GetValue<string>()));
            Assert.Equal("octo-ent", list[1]!["account"]!["slug"]!.GetValue<string>());
            Assert.Equal("octo-org", list[0]!["account"]!["login"]!.GetValue<string>());
        }
        var first = await Send(HttpMethod.Get, "/app/installations?per_page=1", GoodJwt());
        Assert.Contains("rel=\"next\"", first.Headers.GetValues("Link").Single());
        Assert.Single(JsonNode.Parse(await first.Content.ReadAsStringAsync())!.AsArray());
    }

    [Fact]
    public async Task OrgInstallation_IsFoundOnlyWhereTheAppIsInstalled()
    {
        await Register();
        var found = await Send(HttpMethod.Get, "/orgs/octo-org/installation", GoodJwt());
        Assert.Equal(101, JsonNode.Parse(await found.Content.ReadAsStringAsync())!["id"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, "/orgs/octo-lab/installation", GoodJwt())).StatusCode);
    }

    public static IEnumerable<object[]> BadJwts()
    {
        long now = Start.ToUnixTimeSeconds();
        yield return new object[] { "other key", (Func<RSA, RSA, string>)((_, other) => Jwt(other, ClientId, now - 60, now + 540)), "A JSON web token could not be decoded" };
        yield return new object[] { "iat in the future", (Func<RSA, RSA, string>)((key, _) => Jwt(key, ClientId, now + 120, now + 600)), "'Issued at' claim ('iat')" };
        yield return new object[] { "expired", (Func<RSA, RSA, string>)((key, _) => Jwt(key, ClientId, now - 700, now - 100)), "'Expiration time' claim ('exp') must be" };
        yield return new object[] { "exp too far", (Func<RSA, RSA, string>)((key, _) => Jwt(key, ClientId, now - 60, now + 1200)), "too far in the future" };
        yield return new object[] { "unknown app", (Func<RSA, RSA, string>)((key, _) => Jwt(key, "Iv23liOther", now - 60, now + 540)), "Integration not found" };
        yield return new object[] { "garbage", (Func<RSA, RSA, string>)((_, _) => "eyJhbGciOi.x.y"), "A JSON web token could not be decoded" };
    }

    [Theory]
    [MemberData(nameof(BadJwts))]
    public async Task BadJwts_Get401WithGitHubsMessage(string name, Func<RSA, RSA, string> make, string message)
    {
        await Register();
        using var other = RSA.Create(2048);
        var r = await Send(HttpMethod.Get, "/app/installations", make(_key, other));
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Contains(message, await Message(r));
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Fact]
    public async Task AppEndpoints_RefuseATokenThatIsNotAJwt_AndSeatEndpointsRefuseTheJwt()
    {
        await Register();
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/app/installations", "ghp_classic")).StatusCode);
        var jwtOnSeats = await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing/seats", GoodJwt());
        Assert.Equal(HttpStatusCode.Forbidden, jwtOnSeats.StatusCode);
    }

    [Fact]
    public async Task TheJwt_MustComeAsBearer_WhileAnInstallationToken_MayAlsoComeAsToken()
    {
        // GitHub: "if you are passing a JSON web token (JWT), you must use Authorization: Bearer".
        await Register();
        var asToken = await Send(HttpMethod.Get, "/app/installations", GoodJwt(), scheme: "token");
        Assert.Equal(HttpStatusCode.Unauthorized, asToken.StatusCode);
        Assert.Equal("A JSON web token could not be decoded", await Message(asToken));
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/app/installations", GoodJwt(), scheme: "bearer")).StatusCode);
        var (token, _) = await CreateToken();
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing", token, scheme: "token")).StatusCode);
    }

    [Fact]
    public async Task InstallationToken_ReadsAndChangesOrgSeats_WithoutScopeHeader_AndReachesNoOtherAccount()
    {
        await Register(lifetime: 3600);
        var (token, expiresAt) = await CreateToken();
        Assert.StartsWith("ghs_", token);
        Assert.Equal(Start.AddHours(1), expiresAt);

        var seats = await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing/seats?per_page=1", token);
        Assert.Equal(HttpStatusCode.OK, seats.StatusCode);
        Assert.False(seats.Headers.Contains("X-OAuth-Scopes"));
        var add = await Send(HttpMethod.Post, "/orgs/octo-org/copilot/billing/selected_users", token, new { selected_usernames = new[] { "no-seat-1" } });
        Assert.Equal(HttpStatusCode.Created, add.StatusCode);

        // An organization installation has no enterprise permissions: 403, as GitHub answers it.
        var enterprise = await Send(HttpMethod.Get, "/enterprises/octo-ent/copilot/billing/seats", token);
        Assert.Equal(HttpStatusCode.Forbidden, enterprise.StatusCode);
        Assert.Equal("Resource not accessible by integration", await Message(enterprise));
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, "/orgs/octo-lab/copilot/billing/seats", token)).StatusCode);
        // An enterprise installation does not reach organizations.
        var (entToken, _) = await CreateToken(102);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing/seats", entToken)).StatusCode);
    }

    [Fact]
    public async Task EnterpriseInstallationToken_ListsAndAssignsEnterpriseSeats_ButNotTheMemberLookup()
    {
        await Register();
        var (token, _) = await CreateToken(102);
        var seats = await Send(HttpMethod.Get, "/enterprises/octo-ent/copilot/billing/seats?per_page=1", token);
        Assert.Equal(HttpStatusCode.OK, seats.StatusCode);
        Assert.False(seats.Headers.Contains("X-OAuth-Scopes"));
        Assert.Equal(HttpStatusCode.Created, (await Send(HttpMethod.Post, "/enterprises/octo-ent/copilot/billing/selected_users", token, new { selected_usernames = new[] { "ent-user-5" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Delete, "/enterprises/octo-ent/copilot/billing/selected_users", token, new { selected_usernames = new[] { "ent-user-5" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Send(HttpMethod.Post, "/enterprises/octo-ent/copilot/billing/selected_enterprise_teams", token, new { selected_enterprise_teams = new[] { "ent-team-2" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/enterprises/octo-ent/copilot/metrics/reports/enterprise-28-day/latest", token)).StatusCode);
        // Not opened to Apps: refused whatever the permissions, with no permission to name.
        var lookup = await Send(HttpMethod.Get, "/enterprises/octo-ent/members/ent-user-1/copilot", token);
        Assert.Equal(HttpStatusCode.Forbidden, lookup.StatusCode);
        Assert.Equal("Resource not accessible by integration", await Message(lookup));
        Assert.False(lookup.Headers.Contains("X-Accepted-GitHub-Permissions"));
    }

    [Fact]
    public async Task EnterpriseInstallation_WithoutTheLicensePermission_Is403_NamingIt()
    {
        await Register(new object[] { new { enterprise = "octo-ent", id = 102, permissions = new Dictionary<string, string> { ["enterprise_copilot_license_management"] = "read" } } });
        var (token, _) = await CreateToken(102);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/enterprises/octo-ent/copilot/billing/seats", token)).StatusCode);
        var add = await Send(HttpMethod.Post, "/enterprises/octo-ent/copilot/billing/selected_users", token, new { selected_usernames = new[] { "ent-user-5" } });
        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        Assert.Equal("Resource not accessible by integration", await Message(add));
        Assert.Equal("enterprise_copilot_license_management=write", add.Headers.GetValues("X-Accepted-GitHub-Permissions").Single());
    }

    [Fact]
    public async Task EnterpriseInstallation_IsFoundWithTheJwt_404Elsewhere_AndRefusesTokens()
    {
        await Register();
        var found = await Send(HttpMethod.Get, "/enterprises/octo-ent/installation", GoodJwt());
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var json = JsonNode.Parse(await found.Content.ReadAsStringAsync())!;
        Assert.Equal(102, json["id"]!.GetValue<long>());
        Assert.Equal("Enterprise", json["target_type"]!.GetValue<string>());
        Assert.Equal("octo-ent", json["account"]!["slug"]!.GetValue<string>());
        Assert.Equal("write", json["permissions"]!["enterprise_copilot_license_management"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, "/enterprises/other-ent/installation", GoodJwt())).StatusCode);
        await Register(new object[] { new { organization = "octo-org", id = 101 } });
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, "/enterprises/octo-ent/installation", GoodJwt())).StatusCode);
        var (token, _) = await CreateToken();
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/enterprises/octo-ent/installation", token)).StatusCode);
    }

    [Fact]
    public async Task InstallationTokens_AreStatelessAndAbout520Characters_UnlessTheRequestAsksForTheClassicForm()
    {
        await Register();
        var lengths = new List<int>();
        for (int i = 0; i < 5; i++)
        {
            var (token, _) = await CreateToken();
            Assert.Matches("^ghs_4242_[A-Za-z0-9._-]+$", token);
            Assert.Contains('.', token);
            lengths.Add(token.Length);
            Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing", token)).StatusCode);
        }
        Assert.All(lengths, l => Assert.InRange(l, 480, 560));
        var request = new HttpRequestMessage(HttpMethod.Post, "/app/installations/101/access_tokens");
        request.Headers.UserAgent.ParseAdd("app-tests/1.0");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GoodJwt());
        request.Headers.Add("X-GitHub-Stateless-S2S-Token", "disabled");
        var classic = JsonNode.Parse(await (await _http.SendAsync(request)).Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        Assert.Matches("^ghs_[A-Za-z0-9]{36}$", classic);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing", classic)).StatusCode);
    }

    [Fact]
    public async Task InstallationToken_Expires_AfterTheConfiguredLifetime_AndCanBeRevoked()
    {
        await Register(lifetime: 3);
        var (token, expiresAt) = await CreateToken();
        Assert.Equal(Start.AddSeconds(3), expiresAt);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing", token)).StatusCode);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing", token);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("Bad credentials", await Message(expired));

        var (fresh, _) = await CreateToken();
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing", fresh)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.DeleteAsync("/_simulator/installation-tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing", fresh)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing", "ghs_neverIssued0123456789")).StatusCode);
    }

    [Fact]
    public async Task ReadOnlyInstallation_MayList_ButNotChange_AndSaysWhichPermission()
    {
        await Register(new object[] { new { organization = "octo-org", id = 201, permissions = new Dictionary<string, string> { ["organization_copilot_seat_management"] = "read" } } });
        var (token, _) = await CreateToken(201);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing/seats", token)).StatusCode);
        var change = await Send(HttpMethod.Post, "/orgs/octo-org/copilot/billing/selected_users", token, new { selected_usernames = new[] { "no-seat-1" } });
        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
        Assert.Equal("organization_copilot_seat_management=write", change.Headers.GetValues("X-Accepted-GitHub-Permissions").Single());
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Get, "/orgs/octo-org/copilot/metrics/reports/organization-28-day/latest", token)).StatusCode);
    }

    [Fact]
    public async Task TokenForAnotherAppsInstallation_Is404()
    {
        await Register();
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Post, "/app/installations/999/access_tokens", GoodJwt())).StatusCode);
    }

    [Fact]
    public async Task TaggedTokens_HaveTheirKindsScopesAndPermissions()
    {
        async Task Tag(object body) => Assert.Equal(HttpStatusCode.NoContent, (await _http.PostAsJsonAsync("/_simulator/tokens", body)).StatusCode);
        await Tag(new { token = "ghp_billingOnly", kind = "classic", scopes = new[] { "manage_billing:copilot" } });
        await Tag(new { token = "gho_oauthReadOrg", kind = "oauth", scopes = new[] { "read:org" } });
        await Tag(new { token = "github_pat_fine", kind = "fine-grained", permissions = new Dictionary<string, string> { ["organization_copilot_seat_management"] = "read" } });

        var billing = await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing/seats?per_page=1", "ghp_billingOnly");
        Assert.Equal(HttpStatusCode.OK, billing.StatusCode);
        Assert.Equal("manage_billing:copilot", billing.Headers.GetValues("X-OAuth-Scopes").Single());
        var usage = await Send(HttpMethod.Get, "/orgs/octo-org/copilot/metrics/reports/organization-28-day/latest", "ghp_billingOnly");
        Assert.Equal(HttpStatusCode.Forbidden, usage.StatusCode);
        Assert.Equal("read:org", usage.Headers.GetValues("X-Accepted-OAuth-Scopes").Single());

        var oauth = await Send(HttpMethod.Get, "/orgs/octo-org/copilot/metrics/reports/organization-28-day/latest", "gho_oauthReadOrg");
        Assert.Equal(HttpStatusCode.OK, oauth.StatusCode);
        Assert.Equal("read:org", oauth.Headers.GetValues("X-OAuth-Scopes").Single());

        var fine = await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing/seats", "github_pat_fine");
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        Assert.False(fine.Headers.Contains("X-OAuth-Scopes"));
        var fineEnterprise = await Send(HttpMethod.Get, "/enterprises/octo-ent/copilot/billing/seats", "github_pat_fine");
        Assert.Equal(HttpStatusCode.Forbidden, fineEnterprise.StatusCode);
        Assert.Equal("Resource not accessible by personal access token", await Message(fineEnterprise));
    }

    [Fact]
    public async Task Reset_ForgetsAppsAndTokens()
    {
        await Register();
        var (token, _) = await CreateToken();
        Assert.Equal(HttpStatusCode.NoContent, (await _http.PostAsync("/_simulator/reset", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/orgs/octo-org/copilot/billing", token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/app/installations", GoodJwt())).StatusCode);
    }
}
