using System;
using System.Net;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CopilotSeats.Http
{
    /// <summary>
    /// HttpClients come from Microsoft.Extensions.Http's IHttpClientFactory (pooled, rotated
    /// handlers; no socket exhaustion). Automatic redirects are off: the engine decides, so a
    /// redirect to another host never receives the token.
    /// </summary>
    internal static class HttpClientProvider
    {
        internal const string ClientName = "CopilotSeats";
        private static readonly Lazy<IHttpClientFactory> Shared = new Lazy<IHttpClientFactory>(() => Build(null));

        public static HttpClient Create(Func<HttpMessageHandler>? primaryHandler)
        {
            IHttpClientFactory factory = primaryHandler is null ? Shared.Value : Build(primaryHandler);
            HttpClient client = factory.CreateClient(ClientName);
            client.Timeout = System.Threading.Timeout.InfiniteTimeSpan; // the engine applies its own per-request timeout
            return client;
        }

        private static IHttpClientFactory Build(Func<HttpMessageHandler>? primaryHandler)
        {
            var services = new ServiceCollection();
            services.AddHttpClient(ClientName)
                .ConfigurePrimaryHttpMessageHandler(primaryHandler ?? (() => new HttpClientHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                }));
            return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        }
    }
}
