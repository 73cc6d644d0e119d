using Microsoft.Extensions.DependencyInjection;

namespace CopilotSeats.Core.Tests;

/// <summary>The named HttpClient: declared once in the container, with its handler pipeline and primary handler.</summary>
public class HttpClientTests
{
    private static List<HttpMessageHandler> Chain(HttpMessageHandler outer)
    {
        var chain = new List<HttpMessageHandler> { outer };
        while (chain[^1] is DelegatingHandler d && d.InnerHandler is not null) chain.Add(d.InnerHandler);
        return chain;
    }

    [Fact]
    public void The_named_api_client_runs_through_the_github_headers_handler_to_a_primary_handler_that_follows_no_redirect()
    {
        using var services = HttpClientProvider.AddCopilotHttpClients(new ServiceCollection()).BuildServiceProvider();
        var handlers = services.GetRequiredService<IHttpMessageHandlerFactory>();
        var chain = Chain(handlers.CreateHandler(HttpClientProvider.ApiClient));
        Assert.Contains(chain, h => h is GitHubHeadersHandler);
        var primary = Assert.IsType<HttpClientHandler>(chain[^1]);
        Assert.False(primary.AllowAutoRedirect);
        Assert.False(primary.UseCookies);
        Assert.Equal(DecompressionMethods.GZip | DecompressionMethods.Deflate, primary.AutomaticDecompression);
    }

    [Fact]
    public void The_factory_hands_out_clients_without_a_timeout_of_their_own()
    {
        // The engine applies -TimeoutSec per request; HttpClient's 100 s default must not cut in first.
        using var client = HttpClientProvider.Create(null);
        Assert.Equal(Timeout.InfiniteTimeSpan, client.Timeout);
        using var test = HttpClientProvider.Create(() => new ScriptedHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK)));
        Assert.Equal(Timeout.InfiniteTimeSpan, test.Timeout);
    }

    [Fact]
    public async Task The_github_headers_handler_adds_accept_and_user_agent_and_keeps_a_requests_own()
    {
        var seen = new List<HttpRequestMessage>();
        using var client = HttpClientProvider.Create(() => new ScriptedHandler((req, _) => { seen.Add(req); return new HttpResponseMessage(HttpStatusCode.OK); }));
        await client.GetAsync("https://api.github.com/a");
        using var own = new HttpRequestMessage(HttpMethod.Get, "https://api.github.com/b");
        own.Headers.TryAddWithoutValidation("Accept", "application/vnd.github.raw+json");
        own.Headers.TryAddWithoutValidation("User-Agent", "mine/1.0");
        await client.SendAsync(own);
        Assert.Equal("application/vnd.github+json", seen[0].Headers.Accept.Single().MediaType);
        Assert.StartsWith("CopilotSeats-PowerShell/", seen[0].Headers.UserAgent.ToString());
        Assert.Equal("application/vnd.github.raw+json", seen[1].Headers.Accept.Single().MediaType);
        Assert.Equal("mine/1.0", seen[1].Headers.UserAgent.ToString());
    }
}
