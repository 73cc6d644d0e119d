using CopilotSeats.Http;
using CopilotSeats.Validation;

namespace CopilotSeats.Usage
{
    /// <summary>
    /// Opens report files from their signed download links: a plain GET with a User-Agent and nothing else (no
    /// Authorization, no token in any form, no cookies), https only except http to a loopback host, at most 3
    /// redirects and only to https (a local server reached over loopback http may also redirect to loopback http, so
    /// a test double can exercise redirects; a redirect never downgrades an https link). The link's query string is
    /// its credential: <see cref="Redact"/> is the only form of a link that reaches a message.
    /// </summary>
    internal sealed class ReportDownloadClient : IDisposable
    {
        internal const int MaxRedirects = 3;
        private readonly HttpClient _http;

        public ReportDownloadClient(Func<HttpMessageHandler>? primaryHandler)
        {
            _http = HttpClientProvider.CreateDownload(primaryHandler);
        }

        /// <summary>Scheme, host, port and path: never the query string (the signature) nor user info.</summary>
        public static string Redact(Uri url) => SecretText.Url(url);

        /// <summary>Removes the link's query string from a message that might quote it.</summary>
        public static string Scrub(string message, Uri url)
        {
            if (!url.IsAbsoluteUri) return message;
            string query = url.Query;
            if (query.Length > 1)
            {
                message = message.Replace(url.OriginalString, Redact(url)).Replace(url.AbsoluteUri, Redact(url));
                message = message.Replace(query.Substring(1), "[redacted]");
                string decoded = Uri.UnescapeDataString(query.Substring(1));
                if (decoded.Length > 0) message = message.Replace(decoded, "[redacted]");
                // Each parameter's value on its own, as sent and decoded (short values such as "r" say nothing).
                foreach (string pair in query.Substring(1).Split('&'))
                {
                    int eq = pair.IndexOf('=');
                    string value = eq < 0 ? string.Empty : pair.Substring(eq + 1);
                    if (value.Length < 6) continue;
                    message = message.Replace(value, "[redacted]");
                    string plain = Uri.UnescapeDataString(value.Replace('+', ' '));
                    if (plain.Length >= 6) message = message.Replace(plain, "[redacted]");
                    string unescaped = Uri.UnescapeDataString(value);
                    if (unescaped.Length >= 6) message = message.Replace(unescaped, "[redacted]");
                }
            }
            return message;
        }

        /// <summary>https, or http to a loopback host (a local simulator); else a terminating error.</summary>
        public static void EnsureAllowed(Uri url, object? target)
        {
            bool ok = url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));
            if (!ok)
                throw new CopilotException("CopilotSeats.InsecureDownload", CopilotErrorCategory.ProtocolError, target,
                    $"GitHub gave a report link that is not https ({Redact(url)}); it was not downloaded.")
                { IsTerminating = true, RecommendedAction = "Check -ApiUrl: report links must be https." };
        }

        /// <summary>https; or loopback http when the redirecting server is itself loopback http (a local simulator).</summary>
        internal static bool RedirectAllowed(Uri from, Uri to) =>
            to.Scheme == Uri.UriSchemeHttps
            || (to.Scheme == Uri.UriSchemeHttp && to.IsLoopback && from.Scheme == Uri.UriSchemeHttp && from.IsLoopback);

        /// <summary>Sends the GET (following redirects) and returns the answer with its headers; the body is not read yet.</summary>
        public async Task<ReportDownload> OpenAsync(Uri url, TimeSpan timeout, object? target, CancellationToken cancellationToken)
        {
            EnsureAllowed(url, target);
            Uri current = url;
            for (int redirects = 0; ; redirects++)
            {
                HttpResponseMessage response = await SendAsync(current, timeout, cancellationToken).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                if (!(status is 301 or 302 or 303 or 307 or 308) || response.Headers.Location is null)
                    return new ReportDownload(status, response, current);
                Uri next = new Uri(current, response.Headers.Location);
                response.Dispose();
                if (redirects + 1 > MaxRedirects)
                    throw new CopilotException("CopilotSeats.DownloadRedirectRefused", CopilotErrorCategory.ProtocolError, target,
                        $"The download of {Redact(url)} was redirected more than {MaxRedirects} times; it was stopped.")
                    { IsTerminating = true, RecommendedAction = "Run the command again later." };
                if (!RedirectAllowed(current, next))
                    throw new CopilotException("CopilotSeats.DownloadRedirectRefused", CopilotErrorCategory.ProtocolError, target,
                        $"The download of {Redact(url)} was redirected to {Redact(next)}, which is not https; it was not followed.")
                    { IsTerminating = true, RecommendedAction = "Run the command again later; report files are only read over https." };
                current = next;
            }
        }

        private async Task<HttpResponseMessage> SendAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken)
        {
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timer.CancelAfter(timeout);
            using var message = new HttpRequestMessage(HttpMethod.Get, url);
            message.Headers.TryAddWithoutValidation("User-Agent", GitHubHeadersHandler.DefaultUserAgent);
            message.Headers.TryAddWithoutValidation("Accept", "application/x-ndjson, application/json, */*");
            try
            {
                return await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timer.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"No answer within {timeout.TotalSeconds:0} s.", ex);
            }
        }

        public void Dispose() => _http.Dispose();
    }

    /// <summary>The answer to one file request: its status and, for a 2xx, the body to stream.</summary>
    internal sealed class ReportDownload(int status, HttpResponseMessage response, Uri finalUrl) : IDisposable
    {
        private readonly HttpResponseMessage _response = response;

        public int Status { get; } = status;
        public Uri FinalUrl { get; } = finalUrl;
        public long? ContentLength => _response.Content?.Headers.ContentLength;

        /// <summary>The body as a stream of NDJSON bytes: each read within <paramref name="idleTimeout"/>, gzip decoded.</summary>
        public async Task<Stream> OpenBodyAsync(TimeSpan idleTimeout, CancellationToken cancellationToken)
        {
            Stream raw = await _response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            return await ReportStreams.DecodeAsync(new IdleTimeoutStream(raw, idleTimeout), cancellationToken).ConfigureAwait(false);
        }

        public void Dispose() => _response.Dispose();
    }
}
