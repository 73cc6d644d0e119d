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

        private static readonly Regex s_pem = new Regex(@"-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)", RegexOptions.CultureInvariant);

        private static readonly Regex s_shapes = new Regex(
            @"(?:gh[pousr]_|github_pat_)[A-Za-z0-9_]+"
            + @"|eyJ[\w-]+\.[\w-]+\.[\w-]+"
            + @"|(?<keep>(?i:authorization)[""']?\s*[:=]\s*[""']?(?:(?i:bearer|token|basic)\s+)?)[^\s""',;]+"
            + @"|(?<keep>\bBearer\s+)[A-Za-z0-9._~+/=-]{8,}",
            RegexOptions.CultureInvariant);

        /// <summary>A URL: its user info, its query and a fragment that is more than a plain anchor (#section) are the parts that carry credentials.</summary>
        private static readonly Regex s_url = new Regex(@"(?<head>https?://)(?<user>[^\s/?#@""']*@)?(?<path>[^\s?#""']*)(?<query>\?[^\s#""']*)?(?<fragment>#[^\s""']*)?",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private static readonly Regex s_anchor = new Regex(@"^#[\w.-]*$", RegexOptions.CultureInvariant);

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
            result = s_pem.Replace(result, Redacted);
            result = s_url.Replace(result, m => m.Groups["head"].Value + (m.Groups["user"].Success ? Redacted + "@" : string.Empty) + m.Groups["path"].Value
                + (m.Groups["query"].Success ? "?" + Redacted : string.Empty)
                + (m.Groups["fragment"].Success ? (s_anchor.IsMatch(m.Groups["fragment"].Value) ? m.Groups["fragment"].Value : "#" + Redacted) : string.Empty));
            return s_shapes.Replace(result, m => m.Groups["keep"].Value + Redacted);
        }

        /// <summary>Scheme, host, port and path of <paramref name="url"/>: never its user info, query or fragment.</summary>
        public static string Url(Uri url) => url.IsAbsoluteUri ? url.Scheme + "://" + url.Authority + url.AbsolutePath : "(relative link)";
    }
}
