namespace CopilotSeats.Auth
{
    /// <summary>
    /// The connection one call makes its requests with: API URL, API version and where each request's token
    /// comes from, resolved from the call's parameters, the <see cref="StoredSession"/> and the environment by
    /// <see cref="ConnectionResolver"/>. One that holds a GitHub App sign-in (<see cref="ConnectionResolver.ResolveHeld"/>)
    /// lets go of it when disposed (with the client that uses it).
    /// </summary>
    public sealed class ResolvedConnection : IDisposable
    {
        private IDisposable? _hold;

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

        /// <summary>This connection, holding <paramref name="hold"/> until it is disposed.</summary>
        internal ResolvedConnection Holding(IDisposable hold)
        {
            _hold = hold;
            return this;
        }

        public void Dispose() => Interlocked.Exchange(ref _hold, null)?.Dispose();

        public override string ToString() => $"{ApiUrl} (API {ApiVersion}, token from {Tokens.Source})";
    }
}
