using System.Globalization;

namespace CopilotSeats.Http
{
    /// <summary>Parses GitHub's Link header: &lt;url&gt;; rel="next", &lt;url&gt;; rel="last", ...</summary>
    public static class LinkHeader
    {
        public static IReadOnlyDictionary<string, Uri> Parse(string? header)
        {
            var links = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
            if (string.IsNullOrWhiteSpace(header)) return links;
            int i = 0;
            string text = header!;
            while (i < text.Length)
            {
                int open = text.IndexOf('<', i);
                if (open < 0) break;
                int close = text.IndexOf('>', open + 1);
                if (close < 0) break;
                string url = text.Substring(open + 1, close - open - 1).Trim();
                int next = text.IndexOf('<', close + 1);
                string parameters = next < 0 ? text.Substring(close + 1) : text.Substring(close + 1, next - close - 1);
                foreach (string part in parameters.Split(';'))
                {
                    string p = part.Trim().TrimEnd(',').Trim();
                    if (!p.StartsWith("rel=", StringComparison.OrdinalIgnoreCase)) continue;
                    string rels = p.Substring(4).Trim('"');
                    if (Uri.TryCreate(url, UriKind.Absolute, out Uri? uri))
                        foreach (string rel in rels.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
                            links[rel] = uri;
                }
                i = next < 0 ? text.Length : next;
            }
            return links;
        }

        /// <summary>The value of the page query parameter of a link, or null.</summary>
        public static int? PageOf(Uri uri)
        {
            string? value = QueryValue(uri, "page");
            return value != null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int page) ? page : (int?)null;
        }

        public static string? QueryValue(Uri uri, string name)
        {
            string query = uri.Query.TrimStart('?');
            foreach (string pair in query.Split('&'))
            {
                int eq = pair.IndexOf('=');
                string key = eq < 0 ? pair : pair.Substring(0, eq);
                if (string.Equals(Uri.UnescapeDataString(key), name, StringComparison.Ordinal))
                    return eq < 0 ? string.Empty : Uri.UnescapeDataString(pair.Substring(eq + 1));
            }
            return null;
        }

        /// <summary>The same link with its page parameter replaced (everything else exactly as GitHub gave it).</summary>
        public static Uri WithPage(Uri uri, int page)
        {
            string query = uri.Query.TrimStart('?');
            var parts = new List<string>();
            bool replaced = false;
            foreach (string pair in query.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=');
                string key = eq < 0 ? pair : pair.Substring(0, eq);
                if (string.Equals(Uri.UnescapeDataString(key), "page", StringComparison.Ordinal))
                {
                    parts.Add("page=" + page.ToString(CultureInfo.InvariantCulture));
                    replaced = true;
                }
                else parts.Add(pair);
            }
            if (!replaced) parts.Add("page=" + page.ToString(CultureInfo.InvariantCulture));
            var builder = new UriBuilder(uri) { Query = string.Join("&", parts) };
            return builder.Uri;
        }
    }
}
