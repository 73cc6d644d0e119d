namespace CopilotSeats.Auth
{
    /// <summary>
    /// The connection one call makes its requests with: API URL, API version and where each request's token
    /// comes from, resolved from the call's parameters, the <see cref="StoredSession"/> and the environment by
    /// <see cref="ConnectionResolver"/>.
    /// </summary>
    public sealed class ResolvedConnection
    {
        public ResolvedConnection(Uri apiUrl, string apiVersion, CopilotToken token)
            : this(apiUrl, apiVersion, new StaticTokenProvider(token))
        {
        }

        public ResolvedConnection(Uri apiUrl, string apiVersion, ITokenProvider tokens)
        {
            ApiUrl = apiUrl;
            ApiVersion = apiVersion;
            Tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        }

        public Uri ApiUrl { get; }
        public string ApiVersion { get; }
        /// <summary>Gives the token for each request.</summary>
        public ITokenProvider Tokens { get; }
        /// <summary>The fixed token, or null when the tokens are renewed (a GitHub App).</summary>
        public CopilotToken? Token => (Tokens as StaticTokenProvider)?.Token;
        public string TokenSource => Tokens.Source;

        public override string ToString() => $"{ApiUrl} (API {ApiVersion}, token from {Tokens.Source})";
    }
}
