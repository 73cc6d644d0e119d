using CopilotSeats.Http;

namespace CopilotSeats.Completion
{
    /// <summary>
    /// Names fetched for completion, kept for <see cref="Lifetime"/> (5 minutes) per key: API URL, credential identity
    /// (never the token) and target (<see cref="CompletionTarget.CacheKey"/>). Thread-safe; the clock is injectable for tests.
    /// </summary>
    /// <remarks>
    /// <see cref="GetOrFetchAsync"/> runs at most one fetch per key at a time: a caller that stops waiting (a Tab
    /// whose budget ran out) leaves it running, and it fills the cache when it ends, within <see cref="Lifetime"/>.
    /// </remarks>
    public sealed class CompletionCache
    {
        public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);

        private readonly object _lock = new object();
        private readonly Dictionary<string, (DateTimeOffset Expires, IReadOnlyList<string> Names)> _entries =
            new Dictionary<string, (DateTimeOffset, IReadOnlyList<string>)>(StringComparer.Ordinal);
        private readonly Dictionary<string, Task<IReadOnlyList<string>>> _fetches =
            new Dictionary<string, Task<IReadOnlyList<string>>>(StringComparer.Ordinal);
        private readonly IClock _clock;
        private int _generation; // Clear() starts a new one: a fetch of an older one fills nothing

        public CompletionCache(IClock? clock = null, TimeSpan? lifetime = null)
        {
            _clock = clock ?? SystemClock.Instance;
            Lifetime = lifetime ?? DefaultLifetime;
        }

        public TimeSpan Lifetime { get; }

        public int Count { get { lock (_lock) return _entries.Count; } }

        /// <summary>How many fetches are under way (at most one per key).</summary>
        public int Fetching { get { lock (_lock) return _fetches.Count; } }

        public bool TryGet(string key, out IReadOnlyList<string> names)
        {
            lock (_lock) return TryGetLocked(key, out names);
        }

        /// <summary>
        /// The names of <paramref name="key"/>: from the cache; else from the fetch of that key already under way;
        /// else from <paramref name="fetch"/>, started now on the thread pool and given <see cref="Lifetime"/> to end
        /// (then cancelled). A fetch that ends with names fills the cache; one that fails leaves it as it was.
        /// </summary>
        public Task<IReadOnlyList<string>> GetOrFetchAsync(string key, Func<CancellationToken, Task<IReadOnlyList<string>>> fetch)
        {
            if (fetch is null) throw new ArgumentNullException(nameof(fetch));
            lock (_lock)
            {
                if (TryGetLocked(key, out IReadOnlyList<string> names)) return Task.FromResult(names);
                if (_fetches.TryGetValue(key, out Task<IReadOnlyList<string>>? running)) return running;
                // Task.Run: the fetch's end takes the lock, so it cannot remove the entry before it is added.
                int generation = _generation;
                Task<IReadOnlyList<string>> started = Task.Run(() => FetchAsync(key, fetch, generation));
                _fetches[key] = started;
                started.ContinueWith(t => { _ = t.Exception; }, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                return started;
            }
        }

        private async Task<IReadOnlyList<string>> FetchAsync(string key, Func<CancellationToken, Task<IReadOnlyList<string>>> fetch, int generation)
        {
            try
            {
                using var limit = new CancellationTokenSource(Lifetime);
                IReadOnlyList<string> names = await fetch(limit.Token).ConfigureAwait(false);
                limit.Token.ThrowIfCancellationRequested();
                lock (_lock)
                {
                    if (generation == _generation) _entries[key] = (_clock.UtcNow + Lifetime, names);
                }
                return names;
            }
            finally
            {
                lock (_lock)
                {
                    if (generation == _generation) _fetches.Remove(key);
                }
            }
        }

        private bool TryGetLocked(string key, out IReadOnlyList<string> names)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                if (_clock.UtcNow < entry.Expires)
                {
                    names = entry.Names;
                    return true;
                }
                _entries.Remove(key);
            }
            names = Array.Empty<string>();
            return false;
        }

        public void Set(string key, IReadOnlyList<string> names)
        {
            lock (_lock) _entries[key] = (_clock.UtcNow + Lifetime, names);
        }

        /// <summary>Forgets every list, and the fetches under way: what they bring in later is not kept.</summary>
        public void Clear()
        {
            lock (_lock)
            {
                _entries.Clear();
                _fetches.Clear();
                _generation++;
            }
        }
    }
}
