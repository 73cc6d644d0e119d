using System.Text.RegularExpressions;

namespace CopilotSeats.Validation
{
    /// <summary>
    /// The one redactor for text that came from outside (GitHub's error bodies, anything at -ApiUrl) before it reaches a
    /// message, an error, a warning or the change journal: the credential sent on the request, then anything shaped like
    /// a secret (GitHub tokens, JWTs, an Authorization value, a PEM block, a URL's user info and query string).
    /// </summary>
    public static class SecretText
    {
        public const string Redacted = "[redacted]";

        /// <summary>A sent credential shorter than this is not searched for (it would match ordinary words).</summary>
        internal const int MinimumCredential = 8;

        /// <summary>Text longer than this is cut first: no one reads an error message that long, and every pattern then runs in bounded time.</summary>
        internal const int MaximumLength = 8192;

        private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(1);

        private static readonly Regex s_pem = new Regex(@"-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)", RegexOptions.CultureInvariant, s_timeout);

        /// <summary>
        /// GitHub's token prefixes and JWTs, each a whole word of token length (a login such as hughs_acme or a name such as
        /// team_ghs_infra is not one); an Authorization value after its scheme; a bare Bearer value, or an Authorization value
        /// without a scheme, only when it looks like a credential (16 characters or more, a digit among them), so prose
        /// such as "Must use Bearer authentication" or "authorization: required" stays as GitHub wrote it.
        /// </summary>
        private static readonly Regex s_shapes = new Regex(
            @"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9_.-]{20,}|github_pat_[A-Za-z0-9_]{20,})"
            + @"|(?<![\w-])eyJ[\w-]+\.[\w-]+\.[\w-]+"
            + @"|(?<keep>(?i:authorization)[""']?\s*[:=]\s*[""']?(?i:bearer|token|basic)\s+)[^\s""',;]+"
            + @"|(?<keep>(?i:authorization)[""']?\s*[:=]\s*[""']?)(?=[^\s""',;]*[0-9])[^\s""',;]{16,}"
            + @"|(?<keep>\bBearer\s+)(?=[^\s""',;]*[0-9])[A-Za-z0-9._~+/=-]{16,}",
            RegexOptions.CultureInvariant, s_timeout);

        /// <summary>A URL: its user info, its query and a fragment that is more than a plain anchor (#section) are the parts that carry credentials.</summary>
        private static readonly Regex s_url = new Regex(@"(?<head>https?://)(?<user>[^\s/?#@""']*@)?(?<path>[^\s?#""']*)(?<query>\?[^\s#""']*)?(?<fragment>#[^\s""']*)?",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, s_timeout);

        private static readonly Regex s_anchor = new Regex(@"^#[\w.-]*$", RegexOptions.CultureInvariant, s_timeout);

        /// <summary>
        /// <paramref name="text"/> with <paramref name="credential"/> (the token or JWT sent on the request, if any) and every
        /// secret-shaped part replaced by <see cref="Redacted"/>; a URL keeps scheme, host, port, path and a plain anchor.
        /// Null stays null; text without secrets comes back as it was.
        /// </summary>
        public static string? Redact(string? text, string? credential = null)
        {
            if (string.IsNullOrEmpty(text)) return text;
            string result = text!;
            if (credential != null && credential.Length >= MinimumCredential)
                result = result.Replace(credential, Redacted);
            if (result.Length > MaximumLength) result = result.Substring(0, MaximumLength) + "…";
            try
            {
                result = s_pem.Replace(result, Redacted);
                result = s_url.Replace(result, m => m.Groups["head"].Value + (m.Groups["user"].Success ? Redacted + "@" : string.Empty) + m.Groups["path"].Value
                    + (m.Groups["query"].Success ? "?" + Redacted : string.Empty)
                    + (m.Groups["fragment"].Success ? (s_anchor.IsMatch(m.Groups["fragment"].Value) ? m.Groups["fragment"].Value : "#" + Redacted) : string.Empty));
                return s_shapes.Replace(result, m => m.Groups["keep"].Value + Redacted);
            }
            catch (RegexMatchTimeoutException)
            {
                return Redacted; // text that defeats the patterns is not shown at all
            }
        }

        /// <summary>Scheme, host, port and path of <paramref name="url"/>: never its user info, query or fragment.</summary>
        public static string Url(Uri url) => url.IsAbsoluteUri ? url.Scheme + "://" + url.Authority + url.AbsolutePath : "(relative link)";
    }
}
