using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace CopilotSeats.Http
{
    /// <summary>
    /// The one path every request takes: bounded concurrency, a per-endpoint points budget,
    /// mutations serialised and spaced, a shared rate-limit pause, safe retries with full-jitter
    /// backoff, per-request timeouts, cancellation, and no automatic redirects.
    /// </summary>
    /// <remarks>
    /// Retry policy. GET is retried on 500/502/503/504, connection failures and timeouts.
    /// POST/DELETE seat changes are retried only on 502/503/504 and connection failures: both are
    /// idempotent at GitHub (re-adding a seat refreshes it, re-cancelling changes nothing), and those
    /// answers come from GitHub's edge before or without a change, so a retry cannot double-bill.
    /// A 500 or a timeout on a mutation may have been applied and is reported instead. No other
    /// 4xx is ever retried (octokit's rule); rate limits are waited out, not retried blindly.
    /// </remarks>
    public sealed class RequestEngine : IDisposable
    {
        private readonly ResolvedConnection _connection;
        private readonly CopilotClientOptions _options;
        private readonly HttpClient _http;
        private readonly SemaphoreSlim _concurrency;
        private readonly SemaphoreSlim _mutations = new SemaphoreSlim(1, 1);
        private readonly EndpointBudget _budget;
        private readonly RateLimitGate _gate;
        private readonly Func<double> _random;
        private DateTimeOffset _lastMutation = DateTimeOffset.MinValue;
        private int _warnedDeprecation;
        private int _secondaryStreak;

        public RequestEngine(ResolvedConnection connection, CopilotClientOptions options)
        {
            options.Validate();
            _connection = connection;
            _options = options;
            _http = HttpClientProvider.Create(options.PrimaryHandlerFactory);
            _concurrency = new SemaphoreSlim(options.ThrottleLimit, options.ThrottleLimit);
            _budget = new EndpointBudget(options.PointsPerMinute, options.Clock);
            _gate = new RateLimitGate(options.Clock);
            var rng = new Random();
            _random = options.Random ?? (() => { lock (rng) return rng.NextDouble(); });
        }

        public ResolvedConnection Connection => _connection;
        public CopilotClientOptions Options => _options;

        /// <summary>Sends a request, waiting out rate limits and retrying what is safe; returns only a 2xx answer.</summary>
        public async Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            EnsureSameOrigin(request, request.Uri);
            if (request.IsMutation)
            {
                await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    TimeSpan since = _options.Clock.UtcNow - _lastMutation;
                    if (since < _options.MutationSpacing)
                        await _options.Clock.Delay(_options.MutationSpacing - since, cancellationToken).ConfigureAwait(false);
                    return await SendWithPolicyAsync(request, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    _lastMutation = _options.Clock.UtcNow;
                    _mutations.Release();
                }
            }
            return await SendWithPolicyAsync(request, cancellationToken).ConfigureAwait(false);
        }

        private async Task<ApiResponse> SendWithPolicyAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            int attempt = 0;
            int rateLimited = 0;
            int redirects = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                await _budget.AcquireAsync(request.EndpointKey, request.IsMutation ? _options.MutationPoints : _options.GetPoints, cancellationToken,
                    wait => _options.Verbose?.Invoke($"Budget: pausing {request.EndpointKey} for {wait.TotalSeconds:0.0} s to stay under {_options.PointsPerMinute} points per minute.")).ConfigureAwait(false);
                // The pause may have begun while this worker waited on the budget.
                await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);

                ApiResponse? response = null;
                Exception? failure = null;
                bool timedOut = false;
                await _concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
                var watch = Stopwatch.StartNew();
                try
                {
                    response = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
                catch (TimeoutException ex)
                {
                    timedOut = true;
                    failure = ex;
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is IOException || ex is ObjectDisposedException)
                {
                    failure = ex;
                }
                finally
                {
                    _concurrency.Release();
                    watch.Stop();
                }

                if (response is null)
                {
                    string what = timedOut ? $"timed out after {_options.RequestTimeout.TotalSeconds:0} s" : "connection failed (" + Describe(failure!) + ")";
                    _options.Verbose?.Invoke($"{request.Method.Method} {request.Uri} -> {what} in {watch.ElapsedMilliseconds} ms");
                    bool retryable = !request.IsMutation || !timedOut;
                    if (retryable && attempt < _options.MaxRetries)
                    {
                        await BackoffAsync(request, ++attempt, what, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    var category = timedOut ? CopilotErrorCategory.OperationTimeout : CopilotErrorCategory.ConnectionError;
                    string message = $"{request.Method.Method} {request.Uri.GetLeftPart(UriPartial.Path)} {what}" + (attempt > 0 ? $" after {attempt + 1} attempts." : ".")
                        + (request.IsMutation && timedOut ? " The change may or may not have been applied: check with Get-CopilotSeat." : string.Empty);
                    throw new CopilotException(timedOut ? "CopilotSeats.Timeout" : "CopilotSeats.ConnectionFailed", category, request.Target, message, failure);
                }

                string remaining = response.Header("x-ratelimit-remaining") ?? "?";
                _options.Verbose?.Invoke($"{request.Method.Method} {request.Uri} -> {response.Status} in {watch.ElapsedMilliseconds} ms (rate limit remaining {remaining})");
                WarnIfDeprecated(response);

                if (response.Status >= 200 && response.Status < 300)
                {
                    Interlocked.Exchange(ref _secondaryStreak, 0);
                    return response;
                }

                if (response.Status is 301 or 302 or 303 or 307 or 308)
                {
                    request = FollowRedirect(request, response, ++redirects);
                    continue;
                }

                TimeSpan? limitWait = RateLimitWait(response, out string reason, out DateTimeOffset resetsAt);
                if (limitWait.HasValue)
                {
                    if (++rateLimited > _options.MaxRateLimitRetries)
                        throw CopilotRateLimitException.KeptLimiting(request.Target, resetsAt, rateLimited - 1);
                    if (limitWait.Value > _options.MaxRateLimitWait)
                        throw new CopilotRateLimitException(request.Target, resetsAt, limitWait.Value, _options.MaxRateLimitWait);
                    await WaitOutRateLimitAsync(reason, limitWait.Value, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                bool retryStatus = request.IsMutation
                    ? response.Status is 502 or 503 or 504
                    : response.Status is 500 or 502 or 503 or 504;
                if (retryStatus && attempt < _options.MaxRetries)
                {
                    await BackoffAsync(request, ++attempt, response.Status.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
                    continue;
                }
                throw ErrorMapper.FromResponse(request, response);
            }
        }

        private async Task<ApiResponse> SendOnceAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            using var message = new HttpRequestMessage(request.Method, request.Uri);
            message.Headers.TryAddWithoutValidation("Authorization", _connection.Token.ToAuthorizationValue());
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
            message.Headers.TryAddWithoutValidation("X-GitHub-Api-Version", _connection.ApiVersion);
            message.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
            if (request.Body != null)
            {
                message.Content = new ByteArrayContent(request.Body);
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            }
            HttpResponseMessage answer;
            byte[] body;
            try
            {
                answer = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
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
            long? declared = answer.Content.Headers.ContentLength;
            if (declared.HasValue && declared.Value != body.Length)
                throw new IOException($"The response ended after {body.Length} of {declared.Value} bytes.");
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var h in answer.Headers) headers[h.Key] = string.Join(", ", h.Value);
            foreach (var h in answer.Content.Headers) headers[h.Key] = string.Join(", ", h.Value);
            return new ApiResponse((int)answer.StatusCode, headers, body, request.Uri);
        }

        /// <summary>How long GitHub asks us to wait, or null when the answer is not a rate limit.</summary>
        internal TimeSpan? RateLimitWait(ApiResponse response, out string reason, out DateTimeOffset resetsAt)
        {
            reason = string.Empty;
            DateTimeOffset now = _options.Clock.UtcNow;
            resetsAt = now;
            if (response.Status != 403 && response.Status != 429) return null;
            string? retryAfter = response.Header("retry-after");
            int? remaining = response.IntHeader("x-ratelimit-remaining");
            string body = response.Body.Length > 0 ? System.Text.Encoding.UTF8.GetString(response.Body) : string.Empty;
            if (retryAfter != null)
            {
                TimeSpan wait;
                if (int.TryParse(retryAfter, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seconds)) wait = TimeSpan.FromSeconds(Math.Max(0, seconds));
                else if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at)) wait = at > now ? at - now : TimeSpan.Zero;
                else wait = _options.SecondaryLimitWait;
                reason = $"GitHub asked to retry after {wait.TotalSeconds:0} s ({response.Status})";
                resetsAt = now + wait;
                return wait;
            }
            if (remaining == 0)
            {
                int? reset = response.IntHeader("x-ratelimit-reset");
                DateTimeOffset at = reset.HasValue ? DateTimeOffset.FromUnixTimeSeconds(reset.Value) : now + _options.SecondaryLimitWait;
                TimeSpan wait = at > now ? at - now + TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(1);
                reason = $"primary rate limit exhausted; it resets at {at.ToUniversalTime():HH:mm:ss} UTC";
                resetsAt = at;
                return wait;
            }
            if (response.Status == 429 || body.IndexOf("rate limit", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                int streak = Interlocked.Increment(ref _secondaryStreak);
                double factor = Math.Pow(2, Math.Min(streak - 1, 5));
                TimeSpan wait = TimeSpan.FromTicks((long)(_options.SecondaryLimitWait.Ticks * factor));
                reason = $"secondary rate limit ({response.Status}); backing off {wait.TotalSeconds:0} s";
                resetsAt = now + wait;
                return wait;
            }
            return null;
        }

        private async Task WaitOutRateLimitAsync(string reason, TimeSpan wait, CancellationToken cancellationToken)
        {
            IClock clock = _options.Clock;
            DateTimeOffset until = clock.UtcNow + wait;
            _gate.PauseUntil(until);
            _options.Verbose?.Invoke($"Rate limited: {reason}. All requests pause until {until.ToUniversalTime():HH:mm:ss} UTC ({wait.TotalSeconds:0} s).");
            while (true)
            {
                TimeSpan left = until - clock.UtcNow;
                if (left <= TimeSpan.Zero) break;
                _options.RateLimitWait?.Invoke(new RateLimitWaitInfo(reason, until, left, wait, completed: false));
                await clock.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
            _options.RateLimitWait?.Invoke(new RateLimitWaitInfo(reason, until, TimeSpan.Zero, wait, completed: true));
        }

        private async Task BackoffAsync(ApiRequest request, int attempt, string why, CancellationToken cancellationToken)
        {
            double capped = Math.Min(_options.RetryMaxDelay.TotalMilliseconds, _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
            TimeSpan delay = TimeSpan.FromMilliseconds(_random() * capped);
            _options.Verbose?.Invoke($"Retry {attempt} of {_options.MaxRetries} for {request.Method.Method} {request.Uri} after {why}; waiting {delay.TotalMilliseconds:0} ms.");
            await _options.Clock.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        private ApiRequest FollowRedirect(ApiRequest request, ApiResponse response, int redirects)
        {
            string? location = response.Header("Location");
            if (location is null || redirects > 3)
                throw ErrorMapper.FromResponse(request, response);
            var target = new Uri(request.Uri, location);
            if (response.Status == 303 || (request.IsMutation && response.Status is 301 or 302))
                throw new CopilotException("CopilotSeats.RedirectRefused", CopilotErrorCategory.ProtocolError, request.Target,
                    $"GitHub redirected {request.Method.Method} {request.Uri.AbsolutePath} with {response.Status}; a seat change is not replayed on a redirect.");
            EnsureSameOrigin(request, target);
            _options.Verbose?.Invoke($"Following {response.Status} redirect to {target}");
            return request.WithUri(target);
        }

        /// <summary>The token only ever goes to the configured API host.</summary>
        internal void EnsureSameOrigin(ApiRequest request, Uri target)
        {
            Uri api = _connection.ApiUrl;
            if (!string.Equals(target.Scheme, api.Scheme, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(target.Host, api.Host, StringComparison.OrdinalIgnoreCase)
                || target.Port != api.Port)
                throw new CopilotException("CopilotSeats.RedirectRefused", CopilotErrorCategory.ProtocolError, request.Target,
                    $"Refused to send the token to {target.GetLeftPart(UriPartial.Authority)}: it is not the API host {api.GetLeftPart(UriPartial.Authority)}.");
        }

        private void WarnIfDeprecated(ApiResponse response)
        {
            string? sunset = response.Header("Sunset");
            string? deprecation = response.Header("Deprecation");
            if ((sunset ?? deprecation) != null && Interlocked.Exchange(ref _warnedDeprecation, 1) == 0)
                _options.Warning?.Invoke($"GitHub marks API version {_connection.ApiVersion} as deprecated" + (sunset != null ? $" (sunset {sunset})" : string.Empty) + "; pass a newer -ApiVersion.");
        }

        private static string Describe(Exception ex)
        {
            Exception inner = ex;
            while (inner.InnerException != null) inner = inner.InnerException;
            return inner.Message;
        }

        public void Dispose() => _http.Dispose();
    }
}
