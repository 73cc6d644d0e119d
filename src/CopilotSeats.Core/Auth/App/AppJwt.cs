using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CopilotSeats.Auth.App
{
    /// <summary>
    /// The JSON Web Token a GitHub App signs to call the <c>/app</c> endpoints: RS256, <c>iat</c> 60 s in the
    /// past (GitHub's advice against clock drift), <c>exp</c> 10 minutes after <c>iat</c> (GitHub's maximum),
    /// <c>iss</c> the client ID or the App ID, always a JSON string (RFC 7519's StringOrURI, and how GitHub's
    /// JWT examples write the App ID: <c>iss: "YOUR_APP_ID"</c>).
    /// </summary>
    public static class AppJwt
    {
        public static readonly TimeSpan Backdate = TimeSpan.FromSeconds(60);
        public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

        /// <summary>A signed JWT as a token for the Authorization header (never a plain string outside this call).</summary>
        public static CopilotToken Create(RSA key, string issuer, DateTimeOffset now) =>
            CopilotToken.FromPlainText(Encode(key, issuer, now), "GitHubApp JWT");

        internal static string Encode(RSA key, string issuer, DateTimeOffset now)
        {
            if (key is null) throw new ArgumentNullException(nameof(key));
            if (string.IsNullOrWhiteSpace(issuer)) throw new ArgumentException("The issuer (client ID or App ID) is empty.", nameof(issuer));
            long iat = now.ToUnixTimeSeconds() - (long)Backdate.TotalSeconds;
            long exp = iat + (long)Lifetime.TotalSeconds;
            string header = Base64Url(Encoding.UTF8.GetBytes("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"));
            string payload = Base64Url(Claims(iat, exp, issuer.Trim()));
            string signingInput = header + "." + payload;
            byte[] signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return signingInput + "." + Base64Url(signature);
        }

        private static byte[] Claims(long iat, long exp, string issuer)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteNumber("iat", iat);
                writer.WriteNumber("exp", exp);
                writer.WriteString("iss", issuer);
                writer.WriteEndObject();
            }
            return buffer.ToArray();
        }

        internal static string Base64Url(byte[] bytes) =>
            Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
