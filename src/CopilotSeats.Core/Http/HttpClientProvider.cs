using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace CopilotSeats.Http
{
    /// <summary>
    /// The module's named HttpClient, from Microsoft.Extensions.Http. One container for the process
    /// declares the client once: its primary handler (no automatic redirects, so a redirect to another
    /// host never receives the token: the engine decides; no cookies; gzip), its handler pipeline
    /// (<see cref="GitHubHeadersHandler"/>) and its handler lifetime. The factory pools and rotates the
    /// handlers, so sockets are reused and DNS changes are picked up.
    /// </summary>
    internal static class HttpClientProvider
    {
        internal const string ApiClient = "CopilotSeats.Seats";
        /// <summary>The client for usage report downloads: no handler that adds GitHub's headers, no credentials of any kind.</summary>
        internal const string DownloadClient = "CopilotSeats.Download";

        /// <summary>How long the factory keeps one primary handler (and its connections) before rotating it.</summary>
        internal static readonly TimeSpan HandlerLifetime = TimeSpan.FromMinutes(5);

        private static readonly Lazy<ServiceProvider> s_services = new Lazy<ServiceProvider>(() => AddCopilotHttpClients(new ServiceCollection()).BuildServiceProvider());

        /// <summary>Registers the named client with its primary handler and pipeline.</summary>
        internal static IServiceCollection AddCopilotHttpClients(IServiceCollection services)
        {
            services.AddTransient<GitHubHeadersHandler>();
            services.AddHttpClient(ApiClient, client => client.Timeout = System.Threading.Timeout.InfiniteTimeSpan) // the engine applies its own per-request timeout
                .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler)
                .AddHttpMessageHandler<GitHubHeadersHandler>()
                .SetHandlerLifetime(HandlerLifetime);
            services.AddHttpClient(DownloadClient, client => client.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
                .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler)
                .SetHandlerLifetime(HandlerLifetime);
            return services;
        }

        /// <summary>The named client; with <paramref name="primaryHandler"/> (tests), the same pipeline over that handler instead.</summary>
        public static HttpClient Create(Func<HttpMessageHandler>? primaryHandler)
        {
            if (primaryHandler is null)
                return s_services.Value.GetRequiredService<IHttpClientFactory>().CreateClient(ApiClient);
            return new HttpClient(new GitHubHeadersHandler { InnerHandler = primaryHandler() }) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }

        /// <summary>The download client (signed report links); with <paramref name="primaryHandler"/> (tests), a client over that handler.</summary>
        public static HttpClient CreateDownload(Func<HttpMessageHandler>? primaryHandler)
        {
            if (primaryHandler is null)
                return s_services.Value.GetRequiredService<IHttpClientFactory>().CreateClient(DownloadClient);
            return new HttpClient(primaryHandler()) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }

        private static HttpMessageHandler CreatePrimaryHandler() => new HttpClientHandler
        {
            UseDefaultCredentials = false,
            PreAuthenticate = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        };
    }
}
