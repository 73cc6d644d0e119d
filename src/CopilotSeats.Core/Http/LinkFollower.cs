namespace CopilotSeats.Http
{
    /// <summary>
    /// Reads the Link header of one paged listing and keeps every link on the configured API host. A link on
    /// another host (GitHub's own OpenAPI examples point at api.github.com, and so do mocks and proxies that pass
    /// GitHub's header through) is followed by its path and query on the API host, with one verbose line per
    /// listing; the token never goes to another host (<see cref="Redirects.EnsureSameOrigin"/> still guards every
    /// request). Under an API URL with a path (a proxy at https://proxy/github/), a link path outside that path is
    /// put under it. Not for usage report downloads: their signed links live on other hosts by design.
    /// </summary>
    public sealed class LinkFollower
    {
        private readonly Uri _apiUrl;
        private readonly Action<string>? _verbose;
        private int _told;

        /// <param name="apiUrl">The configured API URL (ending with '/').</param>
        /// <param name="verbose">Where the one line about a rebased link goes.</param>
        public LinkFollower(Uri apiUrl, Action<string>? verbose)
        {
            _apiUrl = apiUrl ?? throw new ArgumentNullException(nameof(apiUrl));
            _verbose = verbose;
        }

        /// <summary>The relations of a Link header (next, last, ...), each on the API host.</summary>
        public IReadOnlyDictionary<string, Uri> Parse(string? header)
        {
            var links = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, Uri> link in LinkHeader.Parse(header)) links[link.Key] = OnApiHost(link.Value);
            return links;
        }

        /// <summary>The next page of a Link header on the API host, or null.</summary>
        public Uri? Next(string? header) => Parse(header).TryGetValue("next", out Uri? next) ? next : null;

        /// <summary>The link itself when it is on the API host (scheme, host and port), else its path and query there.</summary>
        public Uri OnApiHost(Uri link)
        {
            if (link is null) throw new ArgumentNullException(nameof(link));
            if (Redirects.SameOrigin(link, _apiUrl)) return link;
            Uri rebased = Rebase(link, _apiUrl);
            if (System.Threading.Interlocked.Exchange(ref _told, 1) == 0)
                _verbose?.Invoke($"GitHub's Link header points at {link.GetLeftPart(UriPartial.Authority)}, not the API host " +
                    $"{_apiUrl.GetLeftPart(UriPartial.Authority)}: following its path and query on the API host (the token goes nowhere else).");
            return rebased;
        }

        /// <summary>The path and query of <paramref name="link"/> on the origin of <paramref name="apiUrl"/>, under its path.</summary>
        public static Uri Rebase(Uri link, Uri apiUrl)
        {
            string basePath = apiUrl.AbsolutePath.TrimEnd('/');
            string path = link.AbsolutePath;
            if (basePath.Length > 0 && !path.StartsWith(basePath + "/", StringComparison.OrdinalIgnoreCase)) path = basePath + path;
            return new Uri(apiUrl.GetLeftPart(UriPartial.Authority) + path + link.Query);
        }
    }
}
