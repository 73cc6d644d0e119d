using System.Globalization;
using System.Text.Json;

namespace CopilotSeats.Auth.App
{
    /// <summary>An installation access token (held as a <see cref="CopilotToken"/>) and when GitHub says it expires.</summary>
    public sealed class InstallationToken
    {
        public InstallationToken(CopilotToken token, DateTimeOffset expiresAt, IReadOnlyDictionary<string, string>? permissions = null)
        {
            Token = token; ExpiresAt = expiresAt;
            Permissions = permissions ?? new Dictionary<string, string>();
        }

        public CopilotToken Token { get; }
        public DateTimeOffset ExpiresAt { get; }
        /// <summary>The permissions GitHub says the token has (its answer's <c>permissions</c>: name to read, write or admin).</summary>
        public IReadOnlyDictionary<string, string> Permissions { get; }

        /// <summary>Reads GitHub's <c>{"token", "expires_at", ...}</c>, then zeroes the body it came in.</summary>
        internal static InstallationToken Read(byte[] body, string source)
        {
            try
            {
                using JsonDocument doc = JsonDocument.Parse(body);
                JsonElement root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object
                    || !root.TryGetProperty("token", out JsonElement token) || token.ValueKind != JsonValueKind.String
                    || !root.TryGetProperty("expires_at", out JsonElement expires) || expires.ValueKind != JsonValueKind.String
                    || !DateTimeOffset.TryParse(expires.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset expiresAt))
                    throw new JsonException("no token and expires_at");
                var permissions = new SortedDictionary<string, string>(StringComparer.Ordinal);
                if (root.TryGetProperty("permissions", out JsonElement granted) && granted.ValueKind == JsonValueKind.Object)
                    foreach (JsonProperty p in granted.EnumerateObject())
                        if (p.Value.ValueKind == JsonValueKind.String) permissions[p.Name] = p.Value.GetString()!;
                return new InstallationToken(CopilotToken.FromPlainText(token.GetString()!, source), expiresAt.ToUniversalTime(),
                    new Dictionary<string, string>(permissions, StringComparer.Ordinal));
            }
            catch (JsonException)
            {
                throw new CopilotException(GitHubAppErrors.AuthFailedId, CopilotErrorCategory.InvalidData, source,
                    "GitHub's answer to the installation token request is not the expected JSON (token, expires_at).") { IsTerminating = true };
            }
            finally
            {
                Array.Clear(body, 0, body.Length);
            }
        }

        public override string ToString() => $"installation token (expires {ExpiresAt:yyyy-MM-dd HH:mm:ss} UTC)";
    }
}
