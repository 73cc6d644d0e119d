using System.Security.Cryptography;
using CopilotSeats.Auth.App;

namespace CopilotSeats.Core.Tests;

/// <summary>GitHub's error text (or a fake's at -ApiUrl) is redacted once where it is read: the credential sent, and anything token-shaped.</summary>
public class SecretTextTests
{
    private const string Secret = "sim_admin_CANARY42";

    [Theory]
    [InlineData("Bad credentials: ghp_AbC123xyz0AbC123xyz0AbC123xyz0AbC1 ok", "Bad credentials: [redacted] ok")]
    [InlineData("tokens gho_0123456789abcdefghij ghu_0123456789abcdefghij ghs_0123456789abcdef.ghij-kl ghr_0123456789abcdefghij github_pat_11AB_cd0123456789abcdef", "tokens [redacted] [redacted] [redacted] [redacted] [redacted]")]
    [InlineData("jwt eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIxIn0.c2ln-_x.", "jwt [redacted].")]
    [InlineData("echo: Authorization: Bearer abc.def/ghi", "echo: Authorization: Bearer [redacted]")]
    [InlineData("\"authorization\": \"token s3cr3t\", next", "\"authorization\": \"token [redacted]\", next")]
    [InlineData("sent Bearer abc.def0123456789gh", "sent Bearer [redacted]")]
    [InlineData("key -----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY----- end", "key [redacted] end")]
    [InlineData("key -----BEGIN PRIVATE KEY-----\nMIIE", "key [redacted]")]
    [InlineData("see https://x.example/a/b?sig=S&se=1#frag.", "see https://x.example/a/b?[redacted]#frag.")]
    [InlineData("at https://x-access-token:s3cret@ghe.example/api#access_token=s", "at https://[redacted]@ghe.example/api#[redacted]")]
    [InlineData("you sent sim_admin_CANARY42 twice: sim_admin_CANARY42", "you sent [redacted] twice: [redacted]")]
    public void Token_shaped_text_and_the_credential_sent_are_redacted(string text, string redacted) => Assert.Equal(redacted, SecretText.Redact(text, Secret));

    [Theory]
    [InlineData("Not Found. Must have admin rights to Repository. User bearer is not a member", Secret)]
    [InlineData("Resource not accessible by personal access token; token_expired; Authorization required", Secret)]
    [InlineData("See https://docs.github.com/rest/copilot/copilot-user-management#list-all-copilot-seat-assignments", Secret)]
    [InlineData("Must use Bearer authentication for this endpoint; authorization: required for enterprise budgets", Secret)]
    [InlineData("The following users are not members of the organization: hughs_acme, rajgho_corp. Cost center team_ghs_infra", Secret)]
    [InlineData("a b", "a")]
    public void Ordinary_messages_and_a_credential_too_short_to_search_for_are_left_alone(string text, string credential) =>
        Assert.Equal(text, SecretText.Redact(text, credential));

    [Fact]
    public void Text_past_the_length_cut_is_dropped_after_the_credential_is_replaced_so_no_part_of_it_stays()
    {
        string text = new string('e', SecretText.MaximumLength - 5) + Secret + new string('x', 100_000);
        string redacted = SecretText.Redact(text, Secret)!;
        Assert.Equal(SecretText.MaximumLength + 1, redacted.Length);
        Assert.DoesNotContain(Secret.Substring(0, 5), redacted.Substring(SecretText.MaximumLength - 10));
    }

    [Fact]
    public async Task An_answer_that_echoes_the_token_sent_in_its_body_or_headers_reaches_no_part_of_the_error()
    {
        const string body = "{\"message\":\"Validation Failed\",\"errors\":[{\"message\":\"user @ unknown\"},\"@\"],\"documentation_url\":\"https://docs.github.com/rest?t=@\"}";
        var handler = new ScriptedHandler((r, _) => ScriptedHandler.Json(HttpStatusCode.Forbidden, body.Replace("@", r.Headers.Authorization!.Parameter!),
            ("X-OAuth-Scopes", "read:org"), ("X-Accepted-OAuth-Scopes", r.Headers.Authorization!.Parameter!)));
        using var client = new CopilotClient(new ResolvedConnection(new Uri("https://api.github.com/"), CopilotDefaults.ApiVersion, Tokens.Token(Secret)),
            new CopilotClientOptions { PrimaryHandlerFactory = () => handler });
        var error = await Assert.ThrowsAsync<CopilotApiException>(() => client.GetOrgDetailAsync("octo-org", default));
        Assert.Equal("Validation Failed: user [redacted] unknown; [redacted]", error.GitHubMessage);
        Assert.DoesNotContain(Secret, string.Join("|", error.Message, error.DocumentationUrl, error.RecommendedAction, error.ToString()));
    }

    [Fact]
    public async Task A_redirect_to_another_host_is_named_without_its_user_info()
    {
        var handler = new ScriptedHandler((_, _) => new HttpResponseMessage(HttpStatusCode.TemporaryRedirect) { Headers = { Location = new Uri("https://x:ghp_CANARY1@evil.example/") } });
        using var client = Clients.ForHandler(handler);
        var error = await Assert.ThrowsAsync<CopilotException>(() => client.GetOrgDetailAsync("octo-org", default));
        Assert.Equal(("CopilotSeats.RedirectRefused", "Refused to send the token to https://evil.example: it is not the API host https://api.github.com."), (error.ErrorId, error.Message));
    }

    [Fact]
    public async Task A_broken_installation_answer_is_an_invalid_response()
    {
        var handler = new ScriptedHandler((_, _) => ScriptedHandler.Json(HttpStatusCode.OK, "{\"id\": 1,"));
        RSA key = PemKeyReader.FromPem(AppKeys.Chars(AppKeys.Pkcs1Pem), "test", "test");
        var error = await Assert.ThrowsAsync<CopilotException>(() => InstallationTokenProvider.SignInAsync(key, "Iv23li", null, SeatScope.ForOrganization("octo-org"),
            new ResolvedEndpoint(new Uri("https://api.github.com/"), CopilotDefaults.ApiVersion), new CopilotClientOptions { PrimaryHandlerFactory = () => handler }, default));
        Assert.Equal(("CopilotSeats.InvalidResponse", "octo-org"), (error.ErrorId, error.TargetObject));
    }
}
