using System.Diagnostics;
using System.Globalization;
using CopilotSeats.Auth;

namespace CopilotSeats.Http
{
    /// <summary>
    /// The one path every request takes: bounded concurrency (per command), and per connection for the whole process
    /// (<see cref="ConnectionLimits"/>) a per-endpoint points budget, seat changes serialised and spaced (but
    /// <see cref="RequestKinds.IsConcurrentChange"/> ones, paced by the budget alone) and a rate-limit pause; safe retries
    /// with full-jitter backoff, per-request timeouts, cancellation, and no automatic redirects.
    /// </summary>
    /// <remarks>
    /// Retry policy: <see cref="RetryRules"/>. Tokens. Each attempt asks the connection's <see cref="ITokenProvider"/> for the token to send (a GitHub
    /// App's installation token is renewed there before it expires). A 401 to a token the provider can renew
    /// is renewed once and the request sent again, whatever its method: GitHub checks the token before it
    /// does anything, so a seat change refused with 401 was not applied and resending it cannot double-apply.
    /// </remarks>
    public sealed class RequestEngine : IDisposable
    {
        private readonly ResolvedConnection _connection;
        private readonly CopilotClientOptions _options;
        private readonly HttpClient _http;
        private readonly SemaphoreSlim _concurrency;
        private readonly ConnectionLimits _limits;
        private readonly EndpointBudget _budget;
        private readonly RateLimitReader _rateLimits;
        private readonly Backoff _backoff;
        private readonly DeprecationNotice _deprecation = new DeprecationNotice();
        private long _pauseSeen;

        public RequestEngine(ResolvedConnection connection, CopilotClientOptions options)
        {
            options.Validate();
            _connection = connection;
            _options = options;
            _http = HttpClientProvider.Create(options.PrimaryHandlerFactory);
            _concurrency = new SemaphoreSlim(options.ThrottleLimit, options.ThrottleLimit);
            // One budget, rate-limit pause and seat-change turn per API and credential for the whole process (ConnectionLimits).
            _limits = ConnectionLimits.For(connection, options.Clock);
            _budget = options.Budget ?? _limits.Budget(options.PointsPerMinute);
            _rateLimits = new RateLimitReader(options.Clock, options.SecondaryLimitWait, _limits.Secondary);
            _backoff = new Backoff(options);
        }

        public ResolvedConnection Connection => _connection;
        public CopilotClientOptions Options => _options;

        /// <summary>Sends a request, waiting out rate limits and retrying what is safe; returns only a 2xx answer.</summary>
        public async Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            EnsureSendable(request);
            if (request.IsMutation && !request.Kind.IsConcurrentChange())
            {
                // A pause this command will not wait out stops it before it queues for its turn; queued, it says so once and
                // still stops when a pause begun meanwhile is longer than its own -MaxRateLimitWait.
                bool turn = false;
                try
                {
                    await WaitAtGateAsync(request, cancellationToken).ConfigureAwait(false);
                    return await _limits.OneChangeAtATimeAsync(_options.MutationSpacing, () => { turn = true; return SendWithPolicyAsync(request, cancellationToken); },
                        () => WhileQueued(request), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!turn && RequestNotSent.Applies(ex))
                {
                    RequestNotSent.Mark(ex);
                    throw;
                }
            }
            return await SendWithPolicyAsync(request, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Before anything is sent: the token goes only to the API host, and only to a target its installation reaches.</summary>
        private void EnsureSendable(ApiRequest request)
        {
            Redirects.EnsureSameOrigin(request, request.Uri, _connection.ApiUrl);
            if (InstallationReach.Refusal(_connection.Tokens, request.Scope) is { } unreachable) throw unreachable;
        }

        /// <summary>
        /// Like <see cref="SendAsync"/>, but GitHub's final answer comes back whatever its status (after the same
        /// waits, retries and token renewal) instead of as an error: for checks that report a refusal as data.
        /// Connection failures and timeouts are still thrown.
        /// </summary>
        public Task<ApiResponse> SendForAnswerAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            if (request.IsMutation) throw new ArgumentException("Only GET requests are sent for their answer.", nameof(request));
            EnsureSendable(request);
            return SendWithPolicyAsync(request, cancellationToken, anyAnswer: true);
        }

        private async Task<ApiResponse> SendWithPolicyAsync(ApiRequest request, CancellationToken cancellationToken, bool anyAnswer = false)
        {
            var state = new RetryState();
            ITokenProvider tokens = _connection.Tokens;
            while (true)
            {
                CopilotToken token;
                IDisposable slot;
                try
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (state.SentAt is DateTimeOffset last) await _backoff.SpaceAsync(request, last, cancellationToken).ConfigureAwait(false);
                    await WaitForTurnAsync(request, cancellationToken).ConfigureAwait(false);
                    (slot, token) = await SlotAndTokenAsync(request, tokens, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!state.Sent && RequestNotSent.Applies(ex))
                {
                    RequestNotSent.Mark(ex);
                    throw;
                }
                SendOutcome outcome;
                RateLimitHit? limit;
                DateTimeOffset resumeAt = default;
                using (slot)
                {
                    outcome = await SendTimedAsync(request, token, cancellationToken).ConfigureAwait(false);
                    limit = outcome.Response is null ? null : _rateLimits.Read(outcome.Response);
                    // Recorded before the slot goes to a queued request: while GitHub limits the credential, nothing more is sent.
                    if (limit != null) _limits.Gate.PauseUntil(resumeAt = _options.Clock.UtcNow + limit.Wait);
                }
                state.SentAt = _options.Clock.UtcNow; // when the answer came: a resend spaced from it reaches GitHub 1 s after this one did
                if (outcome.Response?.Status == 401 && tokens.CanRenew && !state.Renewed)
                {
                    state.Renewed = true;
                    _options.Verbose?.Invoke($"GitHub refused the token (401) to {request.Method.Method} {request.Uri.GetLeftPart(UriPartial.Path)}; renewing it and sending again.");
                    // GitHub applied nothing of a request it refused with 401: a renewal that fails leaves it not sent, unless
                    // an earlier attempt's answer (a 5xx, none) left it unclear.
                    if (await RequestNotSent.IfFailsAsync(() => tokens.RenewAsync(token, _options.Verbose, cancellationToken), mark: !state.Unclear)
                        .ConfigureAwait(false) != null) continue;
                }
                AnswerClass verdict = RetryRules.Classify(request, outcome, limit);
                if (anyAnswer && verdict == AnswerClass.FinalFailure && outcome.Response != null) return outcome.Response;
                switch (verdict)
                {
                    case AnswerClass.Success:
                        _rateLimits.Succeeded();
                        return outcome.Response!;
                    case AnswerClass.Redirect:
                        request = FollowRedirect(request, outcome.Response!, ++state.Redirected, token);
                        break;
                    case AnswerClass.RateLimited:
                        // GitHub refused it (limited): a wait given up or stopped leaves it not sent, unless an earlier answer was unclear.
                        await RequestNotSent.IfFailsAsync(() => WaitOutRateLimitAsync(request, limit!, resumeAt, ++state.RateLimited, cancellationToken), mark: !state.Unclear)
                            .ConfigureAwait(false);
                        break;
                    case AnswerClass.RetryableFailure when state.Attempt < _options.MaxRetries:
                        state.Unclear = true;
                        await _backoff.WaitAsync(request, ++state.Attempt, SendFailures.Describe(outcome, _options.RequestTimeout), cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        // The credential sent, so an answer that echoes it is redacted; it goes into no exception.
                        throw SendFailures.Failure(request, _options.RequestTimeout, _connection.ApiUrl, outcome, state.Attempt, token.Reveal());
                }
            }
        }

        /// <summary>
        /// A ThrottleLimit slot and the token to send, taken while no rate-limit pause is on: a pause that began while this
        /// request queued for the slot, or while its token was renewed, is waited out first. The token comes after every
        /// wait, the slot's too: one taken before a long queue could have expired meanwhile.
        /// </summary>
        private async Task<(IDisposable, CopilotToken)> SlotAndTokenAsync(ApiRequest request, ITokenProvider tokens, CancellationToken cancellationToken)
        {
            while (true)
            {
                IDisposable slot = await AcquireSlotAsync(cancellationToken).ConfigureAwait(false);
                if (_limits.Gate.PausedUntil <= _options.Clock.UtcNow)
                {
                    CopilotToken token;
                    try { token = await tokens.GetAsync(_options.Verbose, cancellationToken).ConfigureAwait(false); }
                    catch { slot.Dispose(); throw; }
                    if (_limits.Gate.PausedUntil <= _options.Clock.UtcNow) return (slot, token);
                }
                slot.Dispose();
                await WaitAtGateAsync(request, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Waits while a rate limit pauses everyone on the connection (no longer than MaxRateLimitWait), then for this endpoint's budget (with a countdown), then for a pause that began meanwhile.</summary>
        private async Task WaitForTurnAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            await WaitAtGateAsync(request, cancellationToken).ConfigureAwait(false);
            var countdown = new BudgetCountdown(request.EndpointKey, _options);
            await _budget.AcquireAsync(request.EndpointKey, request.IsMutation ? _options.MutationPoints : _options.GetPoints, cancellationToken,
                countdown.Report).ConfigureAwait(false);
            countdown.Finish();
            // The pause may have begun while this worker waited on the budget.
            await WaitAtGateAsync(request, cancellationToken).ConfigureAwait(false);
        }

        private bool _queuedSaid;

        /// <summary>Each second a change waits for another command's turn: one verbose line, and the pause checked against -MaxRateLimitWait.</summary>
        private void WhileQueued(ApiRequest request)
        {
            if (!_queuedSaid)
            {
                _queuedSaid = true;
                _options.Verbose?.Invoke($"Waiting for another command's seat change on this API and token to finish ({request.Method.Method} {request.Uri.AbsolutePath}).");
            }
            _limits.Gate.Left(_options.MaxRateLimitWait, request.Target);
        }

        /// <summary>Waits out the connection's pause; one that another command began is counted down once (this command's own where it begins).</summary>
        private async Task WaitAtGateAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            DateTimeOffset until = _limits.Gate.PausedUntil;
            TimeSpan left = until - _options.Clock.UtcNow;
            if (left > TimeSpan.Zero && left <= _options.MaxRateLimitWait && Interlocked.Exchange(ref _pauseSeen, until.UtcTicks) != until.UtcTicks)
                await PauseAsync("another command on this API and token was rate limited", until, left, cancellationToken).ConfigureAwait(false);
            await _limits.Gate.WaitAsync(_options.MaxRateLimitWait, request.Target, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Sends once (the caller holds a concurrency slot); a connection failure or timeout becomes the outcome, cancellation is thrown.</summary>
        private async Task<SendOutcome> SendTimedAsync(ApiRequest request, CopilotToken token, CancellationToken cancellationToken)
        {
            SendOutcome outcome;
            var watch = Stopwatch.StartNew();
            try
            {
                ApiResponse response = await HttpExchange.SendAsync(_http, request, token, _connection.ApiVersion, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
                outcome = SendOutcome.Answered(response, watch.Elapsed);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (TimeoutException ex)
            {
                outcome = SendOutcome.Failed(ex, timedOut: true, watch.Elapsed);
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is IOException || ex is ObjectDisposedException)
            {
                outcome = SendOutcome.Failed(ex, timedOut: false, watch.Elapsed);
            }
            finally
            {
                watch.Stop();
            }

            string took = $"in {(long)outcome.Elapsed.TotalMilliseconds} ms";
            if (outcome.Response is null)
            {
                _options.Verbose?.Invoke($"{request.Method.Method} {request.Uri} -> {SendFailures.Describe(outcome, _options.RequestTimeout)} {took}");
                return outcome;
            }
            string remaining = outcome.Response.Header("x-ratelimit-remaining") ?? "?";
            _options.Verbose?.Invoke($"{request.Method.Method} {request.Uri} -> {outcome.Response.Status} {took} (rate limit remaining {remaining})");
            _deprecation.WarnOnce(outcome.Response, _connection.ApiVersion, _options.Warning);
            return outcome;
        }

        /// <summary>
        /// Pauses every worker until the limit resets, reporting a countdown. Gives up (terminating) after
        /// MaxRateLimitRetries waits for one request, or at once when the wait exceeds MaxRateLimitWait.
        /// </summary>
        private async Task WaitOutRateLimitAsync(ApiRequest request, RateLimitHit limit, DateTimeOffset until, int rateLimited, CancellationToken cancellationToken)
        {
            // The pause until then is already recorded (before the slot was given back): no command sends, whether or not this one waits.
            if (rateLimited > _options.MaxRateLimitRetries)
                throw CopilotRateLimitException.KeptLimiting(request.Target, limit.ResetsAt, rateLimited - 1);
            if (limit.Wait > _options.MaxRateLimitWait)
                throw new CopilotRateLimitException(request.Target, limit.ResetsAt, limit.Wait, _options.MaxRateLimitWait);
            Interlocked.Exchange(ref _pauseSeen, _limits.Gate.PausedUntil.UtcTicks);
            await PauseAsync(limit.Reason, until, limit.Wait, cancellationToken).ConfigureAwait(false);
        }

        private Task PauseAsync(string reason, DateTimeOffset until, TimeSpan wait, CancellationToken cancellationToken)
        {
            _options.Verbose?.Invoke($"Rate limited: {reason}. All requests pause until {until.ToUniversalTime():HH:mm:ss} UTC ({wait.TotalSeconds:0} s).");
            return _limits.Gate.CountDownAsync(reason, until, wait, _options.RateLimitWait, cancellationToken);
        }

        /// <summary>Full-jitter backoff before retry <paramref name="attempt"/> (1-based), as <see cref="Backoff"/> gives it.</summary>
        internal TimeSpan BackoffDelay(int attempt) => _backoff.Delay(attempt);

        /// <summary>
        /// Takes one of the ThrottleLimit slots that every request to GitHub shares (report downloads hold one while
        /// they read a file); dispose the result to give it back.
        /// </summary>
        internal async Task<IDisposable> AcquireSlotAsync(CancellationToken cancellationToken)
        {
            await _concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new SemaphoreSlot(_concurrency);
        }

        private ApiRequest FollowRedirect(ApiRequest request, ApiResponse response, int redirects, CopilotToken token)
        {
            ApiRequest next = Redirects.Follow(request, response, redirects, _connection.ApiUrl, token.Reveal());
            _options.Verbose?.Invoke($"Following {response.Status} redirect to {next.Uri}");
            return next;
        }

        public void Dispose() => _http.Dispose();
    }
}
