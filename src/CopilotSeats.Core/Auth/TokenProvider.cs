namespace CopilotSeats.Auth
{
    /// <summary>
    /// Where the request engine gets the token for each request. A fixed token (<see cref="StaticTokenProvider"/>)
    /// never changes; a GitHub App's installation token (<see cref="IAppSignIn"/>) is renewed
    /// before it expires and once after GitHub refuses it.
    /// </summary>
    public interface ITokenProvider
    {
        /// <summary>Where the token comes from (Parameter, Connect-Copilot, GH_TOKEN, ..., GitHubApp). Never the token.</summary>
        string Source { get; }

        /// <summary>Whether <see cref="RenewAsync"/> can give a new token after a 401.</summary>
        bool CanRenew { get; }

        /// <summary>The token to send now.</summary>
        Task<CopilotToken> GetAsync(Action<string>? verbose, CancellationToken cancellationToken);

        /// <summary>
        /// After GitHub answered 401 to a request sent with <paramref name="rejected"/>: a new token (one renewal
        /// shared by every request that saw the same token refused), or null when none can be had.
        /// </summary>
        Task<CopilotToken?> RenewAsync(CopilotToken rejected, Action<string>? verbose, CancellationToken cancellationToken);
    }

    /// <summary>A token that stays the same for the connection's life.</summary>
    public sealed class StaticTokenProvider : ITokenProvider
    {
        private readonly Task<CopilotToken> _token;

        public StaticTokenProvider(CopilotToken token)
        {
            Token = token ?? throw new ArgumentNullException(nameof(token));
            _token = Task.FromResult(token);
        }

        public CopilotToken Token { get; }
        public string Source => Token.Source;
        public bool CanRenew => false;
        public Task<CopilotToken> GetAsync(Action<string>? verbose, CancellationToken cancellationToken) => _token;
        public Task<CopilotToken?> RenewAsync(CopilotToken rejected, Action<string>? verbose, CancellationToken cancellationToken) => Task.FromResult<CopilotToken?>(null);
        public override string ToString() => $"token from {Source}";
    }

    /// <summary>
    /// A GitHub App signed in with Connect-Copilot -ClientId (Auth/App's installation token provider): its
    /// installation tokens serve every later call. Shared: the session holds it, and so does each command that resolved it
    /// (<see cref="Acquire"/>); Dispose lets go of the session's hold, and the sign-in closes (key and tokens gone) once
    /// the last hold is let go, so Disconnect-Copilot or a new Connect-Copilot never breaks a command already running.
    /// </summary>
    public interface IAppSignIn : ITokenProvider, IDisposable
    {
        /// <summary>One command's hold, let go by disposing it (once); null when the sign-in has already closed.</summary>
        IDisposable? Acquire();

        string ClientId { get; }
        long InstallationId { get; }
        /// <summary>The organization or enterprise the installation is on (an enterprise installation reaches no organization).</summary>
        SeatScope Installation { get; }
        /// <summary>When the current installation token expires; null before the first one.</summary>
        DateTimeOffset? TokenExpiresAt { get; }
        /// <summary>The permissions GitHub granted the current installation token (name to level); empty before the first one.</summary>
        IReadOnlyDictionary<string, string> Permissions { get; }
    }
}
