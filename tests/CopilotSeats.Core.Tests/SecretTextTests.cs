using System.Security.Cryptography;
using CopilotSeats.Auth.App;
using CopilotSeats.Validation;

namespace CopilotSeats.Core.Tests;

/// <summary>GitHub's error text (or a fake's at -ApiUrl) is redacted once where it is read: the credential sent, and anything token-shaped.</summary>
public class SecretTextTests
{
    [Theory]
    [InlineData("Bad credentials: ghp_AbC123_x ok", "Bad credentials: [redacted] ok")]
    [InlineData("tokens gho_a ghu_b ghs_c ghr_d github_pat_11AB_cd", "tokens [redacted] [redacted] [redacted] [redacted] [redacted]")]
    [InlineData("jwt eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIxIn0.c2ln-_x.", "jwt [redacted].")]
    [InlineData("echo: Authorization: Bearer abc.def/ghi", "echo: Authorization: Bearer [redacted]")]
    [InlineData("\"authorization\": \"token s3cr3t\", next", "\"authorization\": \"token [redacted]\", next")]
    [InlineData("sent bearer xyz", "sent bearer [redacted]")]
    [InlineData("key -----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY----- end", "key [redacted] end")]
    [InlineData("key -----BEGIN PRIVATE KEY-----\nMIIE", "key [redacted]")]
    [InlineData("see https://x.example/a/b?sig=S&se=1#frag.", "see https://x.example/a/b?[redacted]#frag.")]
    [InlineData("at https://x-access-token:s3cret@ghe.example/api#access_token=s", "at https://[redacted]@ghe.example/api#[redacted]")]
    public void Token_shaped_text_is_redacted(string text, string redacted) => Assert.Equal(redacted, SecretText.Redact(text));

    [Theory]
    [InlineData("Not Found")]
    [InlineData("Must have admin rights to Repository.")]
    [InlineData("Resource not accessible by personal access token")]
    [InlineData("Validation Failed: User mona is not a member of the organization; token_expired")]
    [InlineData("See https://docs.github.com/rest/copilot/copilot-user-management#list-all-copilot-seat-assignments-for-an-organization")]
    [InlineData("Authorization required")]
    public void Ordinary_messages_are_unchanged(string text) => Assert.Equal(text, SecretText.Redact(text, "sim_admin_CANARY42"));

    [Fact]
    public void The_credential_sent_is_redacted_whatever_its_shape_but_a_short_one_is_not_searched_for()
    {
        Assert.Equal("you sent [redacted] twice: [redacted]", SecretText.Redact("you sent sim_admin_CANARY42 twice: sim_admin_CANARY42", "sim_admin_CANARY42"));
        Assert.Equal("a b", SecretText.Redact("a b", "a"));
        Assert.Null(SecretText.Redact(null, "sim_admin_CANARY42"));
    }

    public static TheoryData<int, string> Echoes => new()
    {
        { 401, "{\"message\":\"Bad credentials echo: Authorization: @\",\"documentation_url\":\"https://docs.github.com/rest?t=@\"}" },
        { 403, "{\"message\":\"@ may not\"}" },
        { 422, "{\"message\":\"Validation Failed\",\"errors\":[{\"message\":\"user @ unknown\"},\"@\"]}" },
        { 500, "{\"message\":\"@\"}" },
    };

    [Theory]
    [MemberData(nameof(Echoes))]
    public async Task An_answer_that_echoes_the_Authorization_header_reaches_no_part_of_the_error(int status, string body)
    {
        const string secret = "sim_admin_CANARY42";
        var handler = new ScriptedHandler((r, _) => ScriptedHandler.Json((HttpStatusCode)status, body.Replace("@", r.Headers.Authorization!.ToString()),
            ("X-OAuth-Scopes", "read:org"), ("X-Accepted-OAuth-Scopes", r.Headers.Authorization!.ToString())));
        using var client = new CopilotClient(new ResolvedConnection(new Uri("https://api.github.com/"), CopilotDefaults.ApiVersion, Tokens.Token(secret)),
            new CopilotClientOptions { PrimaryHandlerFactory = () => handler, MaxRetries = 0, Random = () => 0 });
        var error = await Assert.ThrowsAsync<CopilotApiException>(() => client.GetOrgDetailAsync("octo-org", default));
        Assert.DoesNotContain(secret, string.Join("|", error.Message, error.GitHubMessage, error.DocumentationUrl, error.RecommendedAction, error.ToString()));
        Assert.Contains(SecretText.Redacted, error.GitHubMessage);
    }

    [Fact]
    public async Task A_redirect_to_another_host_is_named_without_its_user_info()
    {
        var handler = new ScriptedHandler((_, _) => new HttpResponseMessage(HttpStatusCode.TemporaryRedirect) { Headers = { Location = new Uri("https://x:ghp_CANARY1@evil.example/") } });
        using var client = Clients.ForHandler(handler);
        var error = await Assert.ThrowsAsync<CopilotException>(() => client.GetOrgDetailAsync("octo-org", default));
        Assert.Equal(("CopilotSeats.RedirectRefused", "Refused to send the token to https://evil.example: it is not the API host https://api.github.com."), (error.ErrorId, error.Message));
    }

    [Theory]
    [InlineData(401, "{\"message\":\"Bad credentials echo: @\"}", GitHubAppErrors.AuthFailedId)]
    [InlineData(200, "{\"id\": 1, @", "CopilotSeats.InvalidResponse")]
    public async Task App_sign_in_quotes_neither_the_JWT_nor_a_broken_answer(int status, string body, string errorId)
    {
        string? jwt = null;
        var handler = new ScriptedHandler((r, _) => ScriptedHandler.Json((HttpStatusCode)status, body.Replace("@", jwt = r.Headers.Authorization!.Parameter)));
        RSA key = PemKeyReader.FromPem(AppKeys.Chars(AppKeys.Pkcs1Pem), "test", "test");
        var error = await Assert.ThrowsAsync<CopilotException>(() => InstallationTokenProvider.SignInAsync(key, "Iv23li", null, SeatScope.ForOrganization("octo-org"),
            new ResolvedEndpoint(new Uri("https://api.github.com/"), CopilotDefaults.ApiVersion), new CopilotClientOptions { PrimaryHandlerFactory = () => handler }, default));
        Assert.Equal(errorId, error.ErrorId);
        Assert.DoesNotContain(jwt!, error.ToString());
        Assert.DoesNotContain(jwt!, (error.InnerException as CopilotApiException)?.GitHubMessage ?? string.Empty);
    }

    [Theory]
    [InlineData("https://x-access-token:ghp_CANARY@ghe.example/api/v3", "https://ghe.example/api/v3")]
    [InlineData("https://ghe.example/api?access_token=CANARY", "https://ghe.example/api")]
    public void A_refused_api_url_is_quoted_without_user_info_or_query(string url, string quoted)
    {
        var ex = Assert.Throws<CopilotException>(() => ConnectionResolver.ValidateApiUrl(new Uri(url)));
        Assert.Equal(quoted, ex.TargetObject);
        Assert.DoesNotContain("CANARY", ex.Message);
    }

    [Fact]
    public void A_GITHUB_API_URL_that_is_no_URL_is_named_not_quoted()
    {
        var env = new FakeEnvironment();
        env.Variables["GITHUB_API_URL"] = "ghp_CANARY0123";
        var ex = Assert.Throws<CopilotException>(() => ConnectionResolver.ResolveApiUrl(null, null, env));
        Assert.Equal(("CopilotSeats.InvalidApiUrl", "GITHUB_API_URL", "The API URL from GITHUB_API_URL is refused: it is not an absolute URL."), (ex.ErrorId, ex.TargetObject, ex.Message));
    }
}
