using System.Net.Http.Headers;
using CopilotSeats.Auth;
using CopilotSeats.Validation;

namespace CopilotSeats.Http
{
    /// <summary>
    /// One HTTP exchange, no policy: builds the message GitHub expects, sends it, reads the whole body
    /// under the per-request timeout (a timeout becomes a <see cref="TimeoutException"/>), and checks
    /// the body is as long as declared.
    /// </summary>
    internal static class HttpExchange
    {
        /// <summary>The message with <paramref name="token"/> (this request's, from the connection's token provider), the API version and the body; Accept and User-Agent are the client pipeline's (<see cref="GitHubHeadersHandler"/>).</summary>
        internal static HttpRequestMessage BuildMessage(ApiRequest request, CopilotToken token, string apiVersion)
        {
            var message = new HttpRequestMessage(request.Method, request.Uri);
            message.Headers.TryAddWithoutValidation("Authorization", token.ToAuthorizationValue());
            message.Headers.TryAddWithoutValidation("X-GitHub-Api-Version", apiVersion);
            if (request.Body != null)
            {
                message.Content = new ByteArrayContent(request.Body);
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            }
            return message;
        }

        internal static async Task<ApiResponse> SendAsync(HttpClient http, ApiRequest request, CopilotToken token, string apiVersion,
            TimeSpan requestTimeout, CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(requestTimeout);
            using HttpRequestMessage message = BuildMessage(request, token, apiVersion);
            HttpResponseMessage answer;
            byte[] body;
            try
            {
                answer = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                try
                {
                    using Stream stream = await answer.Content.ReadAsStreamAsync().ConfigureAwait(false);
                    using CancellationTokenRegistration abort = timeout.Token.Register(() => stream.Dispose());
                    using var buffer = new MemoryStream();
                    await stream.CopyToAsync(buffer, 81920, timeout.Token).ConfigureAwait(false);
                    body = buffer.ToArray();
                    timeout.Token.ThrowIfCancellationRequested();
                }
                catch
                {
                    answer.Dispose();
                    throw;
                }
            }
            catch (Exception ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested && !(ex is TimeoutException))
            {
                throw new TimeoutException("The request timed out.", ex);
            }
            using var _ = answer;
            return ToApiResponse(answer, body, request.Uri, token.Reveal());
        }

        /// <summary>
        /// Status, response and content headers (case-insensitive, values joined with ", ") and the body read. A header
        /// that echoes <paramref name="credential"/> (the token sent) keeps it as [redacted]: hints quote some headers.
        /// </summary>
        internal static ApiResponse ToApiResponse(HttpResponseMessage answer, byte[] body, Uri uri, string? credential = null)
        {
            long? declared = answer.Content.Headers.ContentLength;
            if (declared.HasValue && declared.Value != body.Length)
                throw new IOException($"The response ended after {body.Length} of {declared.Value} bytes.");
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string Value(IEnumerable<string> values) => credential is { Length: >= SecretText.MinimumCredential }
                ? string.Join(", ", values).Replace(credential, SecretText.Redacted) : string.Join(", ", values);
            foreach (var h in answer.Headers) headers[h.Key] = Value(h.Value);
            foreach (var h in answer.Content.Headers) headers[h.Key] = Value(h.Value);
            return new ApiResponse((int)answer.StatusCode, headers, body, uri);
        }
    }
}
