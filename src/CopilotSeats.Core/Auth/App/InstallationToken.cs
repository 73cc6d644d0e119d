using System.Globalization;
using System.Text.Json;

namespace CopilotSeats.Auth.App
{
    /// <summary>An installation access token (held as a <see cref="CopilotToken"/>) and when GitHub says it expires.</summary>
    public sealed class InstallationToken
    {
        public InstallationToken(CopilotToken token, DateTimeOffset expiresAt)
        {
            Token = token; ExpiresAt = expiresAt;
        }

        public CopilotToken Token { get; }
        public DateTimeOffset ExpiresAt { get; }

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
                return new InstallationToken(CopilotToken.FromPlainText(token.GetString()!, source), expiresAt.ToUniversalTime());
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
