using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using CopilotSeats.Auth;

namespace CopilotSeats.Http
{
    /// <summary>
    /// The process's points budgets: one <see cref="EndpointBudget"/> per API base URL and credential, shared by every
    /// request engine of the process (every command, pipeline and runspace) that calls that API with that credential, so
    /// that two commands together stay under GitHub's points per minute just as one does. Budgets are also kept apart per
    /// clock: an engine on a test's fake clock never shares with one on the real clock, and its budgets go with its clock.
    /// </summary>
    /// <remarks>
    /// The credential, as the engine knows it when it is built. A fixed token counts by an HMAC-SHA-256 of its value under
    /// a key drawn once per process: never the token itself, and no digest that could be matched to a token outside this
    /// process. A GitHub App sign-in, whose installation tokens are renewed, counts by its client ID and installation
    /// (GitHub limits the installation, whichever of its tokens is sent). Any other renewed credential (the App's own JWT)
    /// counts by the host alone, which can only over-throttle. Two tokens of one user count apart here although GitHub
    /// may count them together: the module cannot tell whose a token is without asking GitHub.
    /// </remarks>
    public static class SharedBudgets
    {
        private static readonly ConditionalWeakTable<IClock, ConcurrentDictionary<string, EndpointBudget>> s_byClock =
            new ConditionalWeakTable<IClock, ConcurrentDictionary<string, EndpointBudget>>();
        private static readonly byte[] s_processKey = ProcessKey();

        /// <summary>The budget that engines on <paramref name="clock"/> share for this connection's API URL and credential.</summary>
        public static EndpointBudget For(ResolvedConnection connection, int pointsPerMinute, IClock clock)
        {
            var budgets = s_byClock.GetValue(clock, _ => new ConcurrentDictionary<string, EndpointBudget>(StringComparer.Ordinal));
            return budgets.GetOrAdd(Key(connection, pointsPerMinute), _ => new EndpointBudget(pointsPerMinute, clock));
        }

        /// <summary>The figure (tests budget other figures), the API base URL and the credential's identity; never a secret.</summary>
        internal static string Key(ResolvedConnection connection, int pointsPerMinute) =>
            $"{pointsPerMinute} {connection.ApiUrl.AbsoluteUri.TrimEnd('/')} {Credential(connection.Tokens)}";

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
