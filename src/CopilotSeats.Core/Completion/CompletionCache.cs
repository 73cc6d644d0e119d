using CopilotSeats.Http;

namespace CopilotSeats.Completion
{
    /// <summary>
    /// Names fetched for completion, kept for <see cref="Lifetime"/> (5 minutes) per key: API URL, token source and
    /// target (<see cref="CompletionTarget.CacheKey"/>). Thread-safe; the clock is injectable for tests.
    /// </summary>
    public sealed class CompletionCache
    {
        public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);

        private readonly object _lock = new object();
        private readonly Dictionary<string, (DateTimeOffset Expires, IReadOnlyList<string> Names)> _entries =
            new Dictionary<string, (DateTimeOffset, IReadOnlyList<string>)>(StringComparer.Ordinal);
        private readonly IClock _clock;

        public CompletionCache(IClock? clock = null, TimeSpan? lifetime = null)
        {
            _clock = clock ?? SystemClock.Instance;
            Lifetime = lifetime ?? DefaultLifetime;
        }

        public TimeSpan Lifetime { get; }

        public int Count { get { lock (_lock) return _entries.Count; } }

        public bool TryGet(string key, out IReadOnlyList<string> names)
        {
            lock (_lock)
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
            }
            names = Array.Empty<string>();
            return false;
        }

        public void Set(string key, IReadOnlyList<string> names)
        {
            lock (_lock) _entries[key] = (_clock.UtcNow + Lifetime, names);
        }

        public void Clear()
        {
            lock (_lock) _entries.Clear();
        }
    }
}
