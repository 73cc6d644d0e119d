using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using CopilotSeats.Auth;

namespace CopilotSeats.Http
{
    /// <summary>
    /// The process's limits per connection (API base URL and credential), shared by every request engine of the process
    /// (every command, pipeline, thread job and runspace) on that connection, so that two commands together keep GitHub's
    /// rules just as one does: the points budget (<see cref="EndpointBudget"/>), the rate-limit pause
    /// (<see cref="RateLimitGate"/>) and seat changes one at a time, spaced. Only the concurrency cap (-ThrottleLimit)
    /// stays per command. Limits are also kept apart per clock: an engine on a test's fake clock never shares with one on
    /// the real clock, and its limits go with its clock.
    /// </summary>
    /// <remarks>
    /// The credential, as the engine knows it when it is built (<see cref="CredentialKey"/>). A fixed token counts by an
    /// HMAC-SHA-256 of its value under a key drawn once per process: never the token itself, and no digest that could be
    /// matched to a token outside this process. A GitHub App sign-in, whose installation tokens are renewed, counts by its
    /// client ID and installation (GitHub limits the installation, whichever of its tokens is sent). Any other renewed
    /// credential (the App's own JWT) counts by the host alone, which can only over-throttle. Two tokens of one user count
    /// apart here although GitHub may count them together: the module cannot tell whose a token is without asking GitHub.
    /// </remarks>
    public sealed class ConnectionLimits
    {
        private static readonly ConditionalWeakTable<IClock, ConcurrentDictionary<string, ConnectionLimits>> s_byClock =
            new ConditionalWeakTable<IClock, ConcurrentDictionary<string, ConnectionLimits>>();
        private static readonly byte[] s_processKey = ProcessKey();

        private readonly IClock _clock;
        private readonly ConcurrentDictionary<int, EndpointBudget> _budgets = new ConcurrentDictionary<int, EndpointBudget>();
        private readonly SemaphoreSlim _changes = new SemaphoreSlim(1, 1);
        private DateTimeOffset _lastChange = DateTimeOffset.MinValue;

        /// <summary>A connection's own limits (tests); engines normally share the process's (<see cref="For"/>).</summary>
        public ConnectionLimits(IClock clock)
        {
            _clock = clock;
            Gate = new RateLimitGate(clock);
        }

        /// <summary>The limits that engines on <paramref name="clock"/> share for this connection's API URL and credential.</summary>
        public static ConnectionLimits For(ResolvedConnection connection, IClock clock)
        {
            var limits = s_byClock.GetValue(clock, _ => new ConcurrentDictionary<string, ConnectionLimits>(StringComparer.Ordinal));
            return limits.GetOrAdd(CredentialKey(connection), _ => new ConnectionLimits(clock));
        }

        /// <summary>While GitHub says this connection is limited, nobody on it sends.</summary>
        public RateLimitGate Gate { get; }

        /// <summary>The connection's run of secondary rate limits: the back-off doubles across commands too.</summary>
        internal SecondaryStreak Secondary { get; } = new SecondaryStreak();

        /// <summary>The points budget for this figure of points per minute (tests budget other figures).</summary>
        public EndpointBudget Budget(int pointsPerMinute) => _budgets.GetOrAdd(pointsPerMinute, points => new EndpointBudget(points, _clock));

        /// <summary>Sends one seat change at a time over the connection, at least <paramref name="spacing"/> after the last one ended; each second it waits for another command's turn it calls <paramref name="whileQueued"/> (which may throw to give up).</summary>
        public async Task<T> OneChangeAtATimeAsync<T>(TimeSpan spacing, Func<Task<T>> send, Action whileQueued, CancellationToken cancellationToken)
        {
            while (!await _changes.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false)) whileQueued();
            try
            {
                // Checked again after each wait: a timer counts whole milliseconds and can end a fraction of one early.
                for (TimeSpan since = _clock.UtcNow - _lastChange; since < spacing; since = _clock.UtcNow - _lastChange)
                    await _clock.Delay(TimeSpan.FromMilliseconds(Math.Ceiling((spacing - since).TotalMilliseconds)), cancellationToken).ConfigureAwait(false);
                return await send().ConfigureAwait(false);
            }
            finally
            {
                _lastChange = _clock.UtcNow;
                _changes.Release();
            }
        }

        /// <summary>The API base URL and the credential's identity, never a secret: what the process's limits and caches are kept by.</summary>
        public static string CredentialKey(ResolvedConnection connection) =>
            $"{connection.ApiUrl.AbsoluteUri.TrimEnd('/')} {Credential(connection.Tokens)}";

        private static string Credential(ITokenProvider tokens) => tokens switch
        {
            StaticTokenProvider fixedToken => "token " + Digest(fixedToken.Token),
            IAppSignIn app => $"app {app.ClientId} installation {app.InstallationId}",
            _ => "host",
        };

        private static string Digest(CopilotToken token)
        {
            byte[] value = Encoding.UTF8.GetBytes(token.Reveal());
            try
            {
                using var hmac = new HMACSHA256(s_processKey);
                return Convert.ToBase64String(hmac.ComputeHash(value));
            }
            finally
            {
                Array.Clear(value, 0, value.Length);
            }
        }

        private static byte[] ProcessKey()
        {
            var key = new byte[32];
            using var random = RandomNumberGenerator.Create();
            random.GetBytes(key);
            return key;
        }
    }
}
