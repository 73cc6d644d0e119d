using System.Diagnostics;
using CopilotSeats.Validation;

namespace CopilotSeats.Auth
{
    /// <summary>Turns parameters, the stored session and the environment into a <see cref="ResolvedConnection"/>.</summary>
    public static class ConnectionResolver
    {
        public const string SourceParameter = "Parameter";
        public const string SourceSession = "Connect-Copilot";
        public const string SourceGhToken = "GH_TOKEN";
        public const string SourceGitHubToken = "GITHUB_TOKEN";
        public const string SourceGhCli = "gh auth token";

        public static readonly string NoTokenMessage =
            "No GitHub token was found. Provide one in any of these ways: the -Token parameter (a SecureString); " +
            "Connect-Copilot -Token; the GH_TOKEN or GITHUB_TOKEN environment variable; or sign in with the GitHub CLI (gh auth login) so that 'gh auth token' answers.";

        /// <summary>Order: -Token, Connect-Copilot, env GH_TOKEN, env GITHUB_TOKEN, `gh auth token` (only if gh is on PATH).</summary>
        public static CopilotToken ResolveToken(CopilotToken? parameter, StoredSession? session, ICopilotEnvironment env, Uri apiUrl)
        {
            if (parameter != null) return parameter;
            if (session?.Token != null) return session.Token;
            string? value = env.GetVariable("GH_TOKEN");
            if (!string.IsNullOrWhiteSpace(value)) return CopilotToken.FromPlainText(value!, SourceGhToken);
            value = env.GetVariable("GITHUB_TOKEN");
            if (!string.IsNullOrWhiteSpace(value)) return CopilotToken.FromPlainText(value!, SourceGitHubToken);
            value = env.GhAuthToken(GhHostFor(apiUrl));
            if (!string.IsNullOrWhiteSpace(value)) return CopilotToken.FromPlainText(value!, SourceGhCli);
            throw new CopilotException("CopilotSeats.NoToken", CopilotErrorCategory.AuthenticationError, apiUrl.ToString(), NoTokenMessage)
            {
                IsTerminating = true,
                RecommendedAction = "Run Connect-Copilot -Token (Read-Host -AsSecureString), set GH_TOKEN, or run 'gh auth login'.",
            };
        }

        /// <summary>Order: -ApiUrl, Connect-Copilot, env GITHUB_API_URL, https://api.github.com. http:// only for loopback hosts.</summary>
        public static Uri ResolveApiUrl(Uri? parameter, StoredSession? session, ICopilotEnvironment env)
        {
            Uri? url = parameter ?? session?.ApiUrl;
            string source = parameter != null ? SourceApiUrl : SourceSessionApiUrl;
            if (url is null)
            {
                source = SourceApiUrlVariable;
                string? fromEnv = env.GetVariable(SourceApiUrlVariable);
                if (!string.IsNullOrWhiteSpace(fromEnv) && !Uri.TryCreate(fromEnv!.Trim(), UriKind.Absolute, out url))
                    throw NotAbsolute(source);
            }
            return ValidateApiUrl(url ?? new Uri(CopilotDefaults.ApiUrl), source);
        }

        /// <summary>Where a refused API URL came from, named in its error instead of a value that is not a URL.</summary>
        internal const string SourceApiUrl = "-ApiUrl";
        internal const string SourceSessionApiUrl = "Connect-Copilot -ApiUrl";
        internal const string SourceApiUrlVariable = "GITHUB_API_URL";

        public static string ResolveApiVersion(string? parameter, StoredSession? session)
        {
            string version = !string.IsNullOrWhiteSpace(parameter) ? parameter!.Trim()
                : !string.IsNullOrWhiteSpace(session?.ApiVersion) ? session!.ApiVersion!.Trim()
                : CopilotDefaults.ApiVersion;
            if (!System.Text.RegularExpressions.Regex.IsMatch(version, "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))
                throw new CopilotException("CopilotSeats.InvalidApiVersion", CopilotErrorCategory.InvalidArgument, version,
                    $"The API version '{version}' is not a date like {CopilotDefaults.ApiVersion}.")
                {
                    IsTerminating = true,
                    RecommendedAction = $"Pass -ApiVersion {CopilotDefaults.ApiVersion} or {CopilotDefaults.LatestApiVersion}.",
                };
            return version;
        }

        /// <summary>
        /// The call's connection. A -Token parameter wins; then a GitHub App signed in with Connect-Copilot (its
        /// installation tokens, renewed as they expire); then the order of <see cref="ResolveToken"/>.
        /// </summary>
        public static ResolvedConnection Resolve(CopilotToken? token, Uri? apiUrl, string? apiVersion, StoredSession? session, ICopilotEnvironment env)
        {
            Uri url = ResolveApiUrl(apiUrl, session, env);
            string version = ResolveApiVersion(apiVersion, session);
            if (token is null && session?.App != null) return new ResolvedConnection(url, version, session.App);
            return new ResolvedConnection(url, version, ResolveToken(token, session, env, url));
        }

        /// <summary>
        /// <see cref="Resolve"/> for one command that holds what it resolved until the connection is disposed: a GitHub App
        /// sign-in from the session stays open for the command even if another runspace disconnects or connects meanwhile.
        /// A sign-in that closed between reading the session and holding it means the session was just replaced:
        /// <paramref name="session"/> is read again (a new session, or none), a few times at most.
        /// </summary>
        public static ResolvedConnection ResolveHeld(CopilotToken? token, Uri? apiUrl, string? apiVersion, Func<StoredSession?> session, ICopilotEnvironment env)
        {
            for (int attempt = 1; ; attempt++)
            {
                ResolvedConnection connection = Resolve(token, apiUrl, apiVersion, session(), env);
                if (connection.Tokens is not IAppSignIn app) return connection;
                if (app.Acquire() is IDisposable hold) return connection.Holding(hold);
                if (attempt == HoldAttempts) throw Disconnected(app.Installation.Name);
            }
        }

        private const int HoldAttempts = 3;

        /// <summary>A GitHub App sign-in that closed before a request could get its token.</summary>
        internal static CopilotException Disconnected(string target) =>
            new CopilotException("CopilotSeats.Disconnected", CopilotErrorCategory.InvalidOperation, target,
                "The GitHub App connection was closed (Disconnect-Copilot or a new Connect-Copilot) before this command could use it.")
            { IsTerminating = true, RecommendedAction = "Run Connect-Copilot again, then the command." };

        /// <summary>Absolute http(s) URL without query or fragment; plain http only for loopback hosts.</summary>
        /// <param name="source">Where the URL came from (-ApiUrl, GITHUB_API_URL, ...): named when it is not a URL at all.</param>
        public static Uri ValidateApiUrl(Uri url, string source = SourceApiUrl)
        {
            if (!url.IsAbsoluteUri) throw NotAbsolute(source);
            if (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
                throw InvalidUrl(url, "Only https:// URLs are allowed (http:// only for loopback).");
            if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
                throw InvalidUrl(url, "Plain http:// is allowed only for loopback hosts (127.0.0.1, ::1, localhost); use https://.");
            if (!string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment) || !string.IsNullOrEmpty(url.UserInfo))
                throw InvalidUrl(url, "The API URL must not carry a query, fragment or user info.");
            string text = url.GetLeftPart(UriPartial.Path).TrimEnd('/');
            return new Uri(text + "/");
        }

        /// <summary>api.github.com -> github.com; api.SUB.ghe.com -> SUB.ghe.com; anything else unchanged.</summary>
        public static string GhHostFor(Uri apiUrl)
        {
            string host = apiUrl.Host;
            if (host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase)) return "github.com";
            if (host.StartsWith("api.", StringComparison.OrdinalIgnoreCase) && host.EndsWith(".ghe.com", StringComparison.OrdinalIgnoreCase))
                return host.Substring(4);
            return host;
        }

        /// <summary>Quotes scheme, host, port and path only: user info and a query may hold a token.</summary>
        private static CopilotException InvalidUrl(Uri url, string why) => Refused(SecretText.Url(url), $"The API URL '{SecretText.Url(url)}' is refused. {why}");

        /// <summary>A value that is not a URL may be anything (a token pasted in the wrong place): it is not quoted, its source is named.</summary>
        private static CopilotException NotAbsolute(string source) => Refused(source, $"The API URL from {source} is refused: it is not an absolute URL.");

        private static CopilotException Refused(string target, string message) =>
            new CopilotException("CopilotSeats.InvalidApiUrl", CopilotErrorCategory.InvalidArgument, target, message)
            {
                IsTerminating = true,
                RecommendedAction = "Pass -ApiUrl (or set GITHUB_API_URL to) GitHub's REST API over https, such as https://api.github.com.",
            };

        /// <summary>The CopilotConnection Connect-Copilot reports (never the token).</summary>
        public static CopilotConnection Describe(StoredSession session, ICopilotEnvironment env)
        {
            Uri url = ResolveApiUrl(null, session, env);
            string source;
            if (session.App != null) source = session.App.Source;
            else
            {
                try { source = ResolveToken(null, session, env, url).Source; }
                catch (CopilotException) { source = "None"; }
            }
            return new CopilotConnection
            {
                ApiUrl = url.ToString().TrimEnd('/'),
                ApiVersion = ResolveApiVersion(null, session),
                Organization = session.Organization,
                Enterprise = session.Enterprise,
                TokenSource = source,
                AppClientId = session.App?.ClientId,
                InstallationId = session.App?.InstallationId,
                TokenExpiresAt = session.App?.TokenExpiresAt,
            };
        }
    }
}
