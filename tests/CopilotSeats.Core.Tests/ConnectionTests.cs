namespace CopilotSeats.Core.Tests;

public class ConnectionTests
{
    private static readonly Uri Api = new("https://api.github.com/");

    [Fact]
    public void Token_order_is_parameter_session_GH_TOKEN_GITHUB_TOKEN_gh()
    {
        var env = new FakeEnvironment { GhToken = "from-gh" };
        env.Variables["GH_TOKEN"] = "from-gh-token";
        env.Variables["GITHUB_TOKEN"] = "from-github-token";
        var session = new StoredSession { Token = CopilotToken.FromPlainText("from-session", ConnectionResolver.SourceSession) };
        var parameter = Tokens.Token("from-parameter");

        Assert.Equal("from-parameter", ConnectionResolver.ResolveToken(parameter, session, env, Api).Reveal());
        Assert.Equal("from-session", ConnectionResolver.ResolveToken(null, session, env, Api).Reveal());
        Assert.Equal("from-gh-token", ConnectionResolver.ResolveToken(null, null, env, Api).Reveal());
        Assert.Equal(ConnectionResolver.SourceGhToken, ConnectionResolver.ResolveToken(null, null, env, Api).Source);
        env.Variables["GH_TOKEN"] = "  ";
        Assert.Equal("from-github-token", ConnectionResolver.ResolveToken(null, null, env, Api).Reveal());
        env.Variables.Remove("GITHUB_TOKEN");
        Assert.Equal(0, env.GhCalls);
        var fromGh = ConnectionResolver.ResolveToken(null, null, env, Api);
        Assert.Equal("from-gh", fromGh.Reveal());
        Assert.Equal(ConnectionResolver.SourceGhCli, fromGh.Source);
        Assert.Equal("github.com", env.GhHost);
    }

    [Fact]
    public void No_token_is_a_terminating_error_naming_all_four_ways()
    {
        var ex = Assert.Throws<CopilotException>(() => ConnectionResolver.ResolveToken(null, null, new FakeEnvironment(), Api));
        Assert.Equal("CopilotSeats.NoToken", ex.ErrorId);
        Assert.True(ex.IsTerminating);
        Assert.Equal(CopilotErrorCategory.AuthenticationError, ex.Category);
        foreach (string way in new[] { "-Token", "Connect-Copilot", "GH_TOKEN", "GITHUB_TOKEN", "gh auth" })
            Assert.Contains(way, ex.Message);
    }

    [Fact]
    public void ApiUrl_order_is_parameter_session_env_default()
    {
        var env = new FakeEnvironment();
        var session = new StoredSession { ApiUrl = new Uri("https://api.session.ghe.com") };
        env.Variables["GITHUB_API_URL"] = "https://api.env.ghe.com/";
        Assert.Equal("https://api.param.ghe.com/", ConnectionResolver.ResolveApiUrl(new Uri("https://api.param.ghe.com"), session, env).ToString());
        Assert.Equal("https://api.session.ghe.com/", ConnectionResolver.ResolveApiUrl(null, session, env).ToString());
        Assert.Equal("https://api.env.ghe.com/", ConnectionResolver.ResolveApiUrl(null, null, env).ToString());
        env.Variables["GITHUB_API_URL"] = "ghp_pasted_here";
        var notUrl = Assert.Throws<CopilotException>(() => ConnectionResolver.ResolveApiUrl(null, null, env));
        Assert.Equal(("GITHUB_API_URL", "The API URL from GITHUB_API_URL is refused: it is not an absolute URL."), (notUrl.TargetObject, notUrl.Message));
        env.Variables.Clear();
        Assert.Equal("https://api.github.com/", ConnectionResolver.ResolveApiUrl(null, null, env).ToString());
    }

    [Theory]
    [InlineData("http://api.github.com")]
    [InlineData("http://10.0.0.5:8080")]
    [InlineData("ftp://127.0.0.1")]
    [InlineData("https://api.github.com/?x=1")]
    [InlineData("https://user:pw@api.github.com")]
    public void Unsafe_api_urls_are_refused(string url)
    {
        var ex = Assert.Throws<CopilotException>(() => ConnectionResolver.ValidateApiUrl(new Uri(url)));
        Assert.Equal("CopilotSeats.InvalidApiUrl", ex.ErrorId);
        // Quoted as scheme://host/path only: user info and a query may hold a token.
        Assert.Matches(@"^The API URL '\w+://[^@?']*' is refused", ex.Message);
        Assert.Matches(@"^\w+://[^@?]*$", (string)ex.TargetObject!);
        Assert.True(ex.IsTerminating);
        Assert.Equal("Pass -ApiUrl (or set GITHUB_API_URL to) GitHub's REST API over https, such as https://api.github.com.", ex.RecommendedAction);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5055", "http://127.0.0.1:5055/")]
    [InlineData("http://localhost:5055/", "http://localhost:5055/")]
    [InlineData("http://[::1]:5055", "http://[::1]:5055/")]
    [InlineData("https://ghe.example.internal/api/v3", "https://ghe.example.internal/api/v3/")]
    public void Loopback_http_and_https_are_allowed(string url, string expected) =>
        Assert.Equal(expected, ConnectionResolver.ValidateApiUrl(new Uri(url)).ToString());

    [Theory]
    [InlineData("https://api.github.com", "github.com")]
    [InlineData("https://api.octocorp.ghe.com", "octocorp.ghe.com")]
    [InlineData("http://127.0.0.1:5055", "127.0.0.1")]
    public void Gh_host_follows_the_api_host(string url, string host) => Assert.Equal(host, ConnectionResolver.GhHostFor(new Uri(url)));

    [Fact]
    public void Api_version_defaults_and_is_checked()
    {
        Assert.Equal("2022-11-28", ConnectionResolver.ResolveApiVersion(null, null));
        Assert.Equal("2026-03-10", ConnectionResolver.ResolveApiVersion(null, new StoredSession { ApiVersion = "2026-03-10" }));
        Assert.Equal("2026-03-10", ConnectionResolver.ResolveApiVersion("2026-03-10", new StoredSession { ApiVersion = "2022-11-28" }));
        var ex = Assert.Throws<CopilotException>(() => ConnectionResolver.ResolveApiVersion("latest\r\nX: y", null));
        Assert.Equal(("CopilotSeats.InvalidApiVersion", "Pass -ApiVersion 2022-11-28 or 2026-03-10."), (ex.ErrorId, ex.RecommendedAction));
    }

    [Fact]
    public void Describe_reports_the_token_source_never_the_token()
    {
        var env = new FakeEnvironment();
        env.Variables["GH_TOKEN"] = Tokens.Canary;
        var connection = ConnectionResolver.Describe(new StoredSession { Organization = "octo-org" }, env);
        Assert.Equal("GH_TOKEN", connection.TokenSource);
        Assert.Equal("https://api.github.com", connection.ApiUrl);
        Assert.Equal("octo-org", connection.Organization);
        Assert.DoesNotContain(Tokens.Canary, connection.ToString());
        Assert.Equal("None", ConnectionResolver.Describe(new StoredSession(), new FakeEnvironment()).TokenSource);
    }

    [Theory]
    [InlineData("abc\r\ndef")]
    [InlineData("abc\ndef")]
    [InlineData("abc def")]
    [InlineData("")]
    public void Tokens_with_line_breaks_or_blanks_are_rejected_without_echoing_them(string value)
    {
        var ex = Assert.Throws<CopilotException>(() => CopilotToken.FromSecureString(Tokens.Secure(value), "Parameter"));
        Assert.Equal("CopilotSeats.InvalidToken", ex.ErrorId);
        if (value.Length > 0) Assert.DoesNotContain(value, ex.Message);
        Assert.Equal("-Token", ex.TargetObject);
        Assert.StartsWith("The token from -Token ", ex.Message);
        Assert.Equal("Pass the token itself to -Token, without spaces or line breaks.", ex.RecommendedAction);
        var fromEnv = Assert.Throws<CopilotException>(() => CopilotToken.FromSecureString(Tokens.Secure(value), ConnectionResolver.SourceGhToken));
        Assert.Equal(("GH_TOKEN", "Set GH_TOKEN to the token itself, without spaces or line breaks, or pass one with -Token."), (fromEnv.TargetObject, fromEnv.RecommendedAction));
    }

    [Fact]
    public void Token_ToString_never_shows_the_secret()
    {
        var token = Tokens.Token();
        Assert.DoesNotContain(Tokens.Canary, token.ToString());
        Assert.DoesNotContain(Tokens.Canary, new ResolvedConnection(Api, "2022-11-28", token).ToString());
        Assert.Equal("Bearer " + Tokens.Canary, token.ToAuthorizationValue());
    }
}
