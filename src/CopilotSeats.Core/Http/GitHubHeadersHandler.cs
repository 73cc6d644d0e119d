using System.Net.Http.Headers;

namespace CopilotSeats.Http
{
    /// <summary>
    /// The API client's pipeline step for the headers every GitHub REST request carries whatever the
    /// connection: <c>Accept: application/vnd.github+json</c> and a User-Agent (GitHub refuses requests
    /// without one). A request that already names them keeps its own.
    /// </summary>
    internal sealed class GitHubHeadersHandler : DelegatingHandler
    {
        internal const string MediaType = "application/vnd.github+json";
        internal const string DefaultUserAgent = "CopilotSeats-PowerShell/0.3.0";

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.Accept.Count == 0)
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaType));
            if (request.Headers.UserAgent.Count == 0)
                request.Headers.TryAddWithoutValidation("User-Agent", DefaultUserAgent);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
