using System.Security.Cryptography;
using CopilotSeats.Http;

namespace CopilotSeats.Auth.App
{
    /// <summary>A fresh App JWT for each request to the /app endpoints (signing takes about a millisecond); never renewed after a 401.</summary>
    internal sealed class AppJwtProvider : ITokenProvider
    {
        private readonly RSA _key;
        private readonly string _issuer;
        private readonly IClock _clock;

        public AppJwtProvider(RSA key, string issuer, IClock clock)
        {
            _key = key; _issuer = issuer; _clock = clock;
        }

        public string Source => "GitHubApp JWT";
        public bool CanRenew => false;
        public Task<CopilotToken> GetAsync(Action<string>? verbose, CancellationToken cancellationToken) =>
            Task.FromResult(AppJwt.Create(_key, _issuer, _clock.UtcNow));
        public Task<CopilotToken?> RenewAsync(CopilotToken rejected, Action<string>? verbose, CancellationToken cancellationToken) =>
            Task.FromResult<CopilotToken?>(null);
    }
}
