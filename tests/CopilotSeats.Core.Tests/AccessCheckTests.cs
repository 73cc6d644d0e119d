using CopilotSeats.Auth.App;
using CopilotSeats.Diagnostics;
using CopilotSeats.Simulator;
using CopilotSeats.Simulator.Apps;

namespace CopilotSeats.Core.Tests;

public class TokenKindTests
{
    [Theory]
    [InlineData("ghp_abc", "Classic")]
    [InlineData("github_pat_11ABC_def", "FineGrained")]
    [InlineData("ghs_abc", "GitHubApp")]
    [InlineData("gho_abc", "OAuthApp")]
    [InlineData("ghu_abc", "UserToServer")]
    [InlineData("ghr_refresh", "Unknown")]
    [InlineData("sim_demo", "Unknown")]
    [InlineData("GHP_upper", "Unknown")]
    public void Kind_ComesFromThePrefix(string token, string kind)
    {
        Assert.Equal(kind, TokenKinds.FromPrefix(token));
        Assert.Equal(kind, TokenKinds.Of(CopilotToken.FromPlainText(token, "test")));
    }
}

/// <summary>A 403 or 404 without X-OAuth-Scopes: the token's kind decides between the role and scope text and the permission text.</summary>
public class BillingAccessProblemTests
{
    [Theory]
    [InlineData(AccessCheckKind.Budgets, "Classic", "not found: usage-based billing or budgets may not be enabled", "or the token cannot see it.", 404)]
    [InlineData(AccessCheckKind.CreditUsage, "Classic", "refused: the account must be an enterprise admin or billing manager", "manage_billing:enterprise or read:enterprise (assumed")]
    [InlineData(AccessCheckKind.Budgets, "OAuthApp", "refused: the account must be an enterprise owner or billing manager", "manage_billing:enterprise or read:enterprise (assumed")]
    [InlineData(AccessCheckKind.CreditUsage, "GitHubApp", "needs the enterprise permission 'Enterprise billing'", "not make generally available to enterprise-owned Apps")]
    [InlineData(AccessCheckKind.Budgets, "FineGrained", "needs the enterprise permission 'Enterprise billing'", "'Enterprise billing' (read).")]
    [InlineData(AccessCheckKind.Seats, "Classic", "refused: a classic token needs manage_billing:copilot or read:enterprise", "account must be an enterprise owner or billing manager.")]
    [InlineData(AccessCheckKind.Usage, "OAuthApp", "not found: a classic token needs manage_billing:copilot or read:enterprise", "enterprise acme must exist", 404)]
    [InlineData(AccessCheckKind.Seats, "FineGrained", "needs the enterprise permission 'Enterprise Copilot license management'", "(read)")]
    public void A_refusal_without_scopes_header_is_explained_by_the_token_kind(AccessCheckKind check, string kind, string starts, string names, int status = 403)
    {
        var response = new Http.ApiResponse(status, new Dictionary<string, string>(), Array.Empty<byte>(), new Uri("https://api.github.com/"));
        string line = AccessProblems.Explain(check, SeatScope.ForEnterprise("acme"), response, kind);
        Assert.Contains(": " + starts, line);
        Assert.Contains(names, line);
    }
}

/// <summary>Test-CopilotConnection's checks against the simulator, for each kind of token.</summary>
public class AccessCheckTests : AppTestBase
{
    private async Task<CopilotAccessCheck> Check(string token, SeatScope target)
    {
        using var client = Client(token: token);
        return await AccessChecker.RunAsync(client, target, default);
    }

    private void Tag(string token, TokenKind kind, string[]? scopes = null, Dictionary<string, string>? permissions = null) =>
        Sim.State.Apps.Tag(token, kind, scopes ?? Array.Empty<string>(), permissions ?? new Dictionary<string, string>());

    [Fact]
    public async Task ClassicTokenWithTheScopes_PassesEveryCheck_WithGetsOnly_OnePerCheck_PerPage1()
    {
        Tag("ghp_allScopes", TokenKind.Classic, new[] { "manage_billing:copilot", "read:org", "admin:org" });
        var check = await Check("ghp_allScopes", Org);
        Assert.Equal("Classic", check.TokenKind);
        Assert.Equal("Parameter", check.TokenSource);
        Assert.Equal("octo-org", check.Target);
        Assert.Equal(Sim.BaseUri.ToString().TrimEnd('/'), check.ApiUrl);
        Assert.Equal(new[] { "manage_billing:copilot", "read:org", "admin:org" }, check.Scopes);
        Assert.True(check.CanReadOrgDetail);
        Assert.True(check.CanReadSeats);
        Assert.True(check.CanReadUsage);
        Assert.True(check.CanReadCreditUsage);
        Assert.True(check.CanReadBudgets);
        Assert.Empty(check.Problems);
        Assert.Equal(4995, check.RateLimitRemaining);
        Assert.NotNull(check.RateLimitResetAt);
        Assert.All(Requests, r => Assert.Equal("GET", r.Method));
        Assert.Equal(5, Requests.Count);
        Assert.Contains("per_page=1", Requests.Single(r => r.Path.EndsWith("/seats")).Query);
    }

    [Fact]
    public async Task ClassicTokenWithoutReadOrg_MayReadSeats_NotUsage_AndSaysWhichScope()
    {
        Tag("ghp_billingOnly", TokenKind.Classic, new[] { "manage_billing:copilot" });
        var check = await Check("ghp_billingOnly", Org);
        Assert.True(check.CanReadSeats);
        Assert.False(check.CanReadUsage);
        Assert.Equal(3, check.Problems.Length);
        string problem = check.Problems[0];
        Assert.StartsWith("Usage:", problem);
        Assert.Contains("read:org", problem);
        Assert.Contains("manage_billing:copilot", problem);
        Assert.StartsWith("AI-credit usage: the token lacks the scope: needs admin:org and an account of an organization admin.", check.Problems[1]);
    }

    [Fact]
    public async Task ClassicTokenWithoutTheScopes_FailsEveryCheck_AsData()
    {
        Tag("ghp_repoOnly", TokenKind.Classic, new[] { "repo" });
        var check = await Check("ghp_repoOnly", Org);
        Assert.False(check.CanReadOrgDetail);
        Assert.False(check.CanReadSeats);
        Assert.False(check.CanReadUsage);
        Assert.False(check.CanReadCreditUsage);
        Assert.False(check.CanReadBudgets);
        Assert.Equal(5, check.Problems.Length);
        Assert.Contains("manage_billing:copilot or read:org", check.Problems[1]);
        Assert.Contains("it has repo", check.Problems[1]);
    }

    [Fact]
    public async Task FineGrainedToken_HasNoScopes_AndNamesTheMissingPermission()
    {
        Tag("github_pat_seatsOnly", TokenKind.FineGrained, permissions: new() { ["organization_copilot_seat_management"] = "read" });
        var check = await Check("github_pat_seatsOnly", Org);
        Assert.Equal("FineGrained", check.TokenKind);
        Assert.Null(check.Scopes);
        Assert.True(check.CanReadSeats);
        Assert.False(check.CanReadUsage);
        Assert.Contains("'Organization Copilot metrics'", check.Problems[0]);
        Assert.StartsWith("Budgets: needs the organization permission 'Administration' (read)", check.Problems[2]);

        var enterprise = await Check("github_pat_seatsOnly", Ent);
        Assert.Null(enterprise.CanReadOrgDetail);
        Assert.False(enterprise.CanReadSeats);
        Assert.Contains("'Enterprise Copilot license management'", enterprise.Problems[0]);
        Assert.Contains("classic token with manage_billing:copilot or read:enterprise", enterprise.Problems[0]);
    }

    [Fact]
    public async Task AppToken_ReadsEverythingForItsOrganization_AndTheEnterpriseInstallation_ItsSeatsAndUsage()
    {
        Register();
        using var provider = await SignIn(Org);
        using (var client = AppClient(provider))
        {
            var check = await AccessChecker.RunAsync(client, Org, default);
            Assert.Equal("GitHubApp", check.TokenKind);
            Assert.Equal("GitHubApp", check.TokenSource);
            Assert.True(check.CanReadOrgDetail == true && check.CanReadSeats && check.CanReadUsage, string.Join(" ", check.Problems));
        }
        using var entProvider = await SignIn(Ent);
        using var entClient = AppClient(entProvider);
        var ent = await AccessChecker.RunAsync(entClient, Ent, default);
        Assert.True(ent.CanReadSeats && ent.CanReadUsage, string.Join(" ", ent.Problems));
        Assert.Null(ent.CanReadOrgDetail);
        Assert.StartsWith("Budgets: needs the enterprise permission 'Enterprise billing' (read)", ent.Problems[^1]);
        Assert.Equal(new[] { "enterprise_copilot_license_management=write", "enterprise_copilot_metrics=read" }, ent.AppPermissions);
        // An organization under the enterprise installation: every check false, the refusal as its problem, no request.
        int before = Requests.Count;
        var unreachable = await AccessChecker.RunAsync(entClient, Org, default);
        Assert.False(unreachable.CanReadOrgDetail == true || unreachable.CanReadSeats || unreachable.CanReadUsage || unreachable.CanReadCreditUsage || unreachable.CanReadBudgets);
        Assert.Contains("enterprise installation's token does not reach organizations", Assert.Single(unreachable.Problems));
        Assert.Equal(before, Requests.Count);
    }

    [Fact]
    public async Task EnterpriseAppWithoutTheLicensePermission_CannotReadSeats_AndTheProblemNamesThePermission()
    {
        EnterpriseGrant = new() { ["enterprise_copilot_metrics"] = "read" };
        Register();
        using var provider = await SignIn(Ent);
        using var client = AppClient(provider);
        var check = await AccessChecker.RunAsync(client, Ent, default);
        Assert.False(check.CanReadSeats);
        Assert.True(check.CanReadUsage);
        Assert.Equal(new[] { "enterprise_copilot_metrics=read" }, check.AppPermissions);
        Assert.Equal(3, check.Problems.Length);
        string problem = check.Problems[0];
        Assert.Contains("needs the enterprise permission 'Enterprise Copilot license management' (read)", problem);
        Assert.Contains("[enterprise_copilot_license_management=read]", problem);
    }

    [Fact]
    public async Task BadToken_IsData_UnreachableApi_IsThrown()
    {
        var check = await Check("sim_bad_token", Org);
        Assert.All(check.Problems, p => Assert.Contains("401", p));
        Assert.Equal(5, check.Problems.Length);

        var options = new CopilotClientOptions { MaxRetries = 0 };
        using var client = new CopilotClient(new ResolvedConnection(new Uri("http://127.0.0.1:9/"), CopilotDefaults.ApiVersion, Tokens.Token()), options);
        var ex = await Assert.ThrowsAsync<CopilotException>(() => AccessChecker.RunAsync(client, Org, default));
        Assert.Equal("CopilotSeats.ConnectionFailed", ex.ErrorId);
    }
}
