using System;

namespace CopilotSeats.Auth
{
    /// <summary>
    /// The connection one call makes its requests with: API URL, API version and token, resolved from the
    /// call's parameters, the <see cref="StoredSession"/> and the environment by <see cref="ConnectionResolver"/>.
    /// </summary>
    public sealed class ResolvedConnection
    {
        public ResolvedConnection(Uri apiUrl, string apiVersion, CopilotToken token)
        {
            ApiUrl = apiUrl;
            ApiVersion = apiVersion;
            Token = token;
        }

        public Uri ApiUrl { get; }
        public string ApiVersion { get; }
        public CopilotToken Token { get; }

        public override string ToString() => $"{ApiUrl} (API {ApiVersion}, token from {Token.Source})";
    }
}
