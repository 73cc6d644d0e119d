namespace CopilotSeats.Http
{
    /// <summary>The waits before retries of <see cref="RequestEngine"/> (report downloads share them): full jitter.</summary>
    internal sealed class Backoff
    {
        private readonly CopilotClientOptions _options;
        private readonly Func<double> _random;

        public Backoff(CopilotClientOptions options)
        {
            _options = options;
            var rng = new Random();
            _random = options.Random ?? (() => { lock (rng) return rng.NextDouble(); });
        }

        /// <summary>Before retry <paramref name="attempt"/> (1-based): uniform over min(cap, base * 2^(attempt-1)).</summary>
        public TimeSpan Delay(int attempt)
        {
            double capped = Math.Min(_options.RetryMaxDelay.TotalMilliseconds, _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
            return TimeSpan.FromMilliseconds(_random() * capped);
        }

        /// <summary>
        /// Waits before retry <paramref name="attempt"/> of <paramref name="request"/>, saying why; a seat change's retry is a seat
        /// change, so it waits at least MutationSpacing (GitHub: changes one at a time, at least 1 s apart).
        /// </summary>
        public async Task WaitAsync(ApiRequest request, int attempt, string why, CancellationToken cancellationToken)
        {
            TimeSpan delay = Delay(attempt);
            if (request.IsMutation && !request.Kind.IsConcurrentChange() && delay < _options.MutationSpacing) delay = _options.MutationSpacing;
            _options.Verbose?.Invoke($"Retry {attempt} of {_options.MaxRetries} for {request.Method.Method} {request.Uri} after {why}; waiting {delay.TotalMilliseconds:0} ms.");
            await _options.Clock.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Before a seat change goes again (after a rate limit, a renewed token, a redirect, a backoff): at least MutationSpacing
        /// after its last attempt was answered (so it reaches GitHub at least that long after it), however short GitHub's retry-after was.
        /// </summary>
        public Task SpaceAsync(ApiRequest request, DateTimeOffset lastSent, CancellationToken cancellationToken)
        {
            if (!request.IsMutation || request.Kind.IsConcurrentChange()) return Task.CompletedTask;
            TimeSpan left = lastSent + _options.MutationSpacing - _options.Clock.UtcNow;
            return left > TimeSpan.Zero ? _options.Clock.Delay(left, cancellationToken) : Task.CompletedTask;
        }
    }
}
