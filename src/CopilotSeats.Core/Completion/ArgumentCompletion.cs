using System.Diagnostics;
using System.Security;
using CopilotSeats.Http;
using CopilotSeats.Auth;
using CopilotSeats.Validation;

namespace CopilotSeats.Completion
{
    /// <summary>
    /// The logic of the module's argument completers. -Organization: the Connect-Copilot default and the token's
    /// organizations; -Enterprise: the Connect-Copilot default; -TeamName: the target's teams (org teams, or
    /// enterprise teams with -Enterprise); -UserName: the logins of the target's seats. The target is picked like
    /// the cmdlets pick it: typed -Organization, typed -Enterprise, then the Connect-Copilot defaults.
    /// </summary>
    /// <remarks>
    /// <see cref="Complete"/> never throws and never prompts; it sends GET requests only; lists are cached for
    /// 5 minutes per API URL, credential and target; without a token it offers only the Connect-Copilot defaults;
    /// when the whole completion (token lookup included) takes longer than <see cref="Timeout"/> (2 s) it offers nothing,
    /// but a listing under way keeps running in the background (one per cache key at a time, for at most the cache
    /// lifetime) and fills the cache, so that a later Tab offers its names.
    /// </remarks>
    public sealed class ArgumentCompletion
    {
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

        /// <summary>The instance the module's completers use (one cache per process).</summary>
        public static ArgumentCompletion Shared { get; } = new ArgumentCompletion();

        private readonly ICompletionSource _source;

        public ArgumentCompletion(ICompletionSource? source = null, CompletionCache? cache = null, TimeSpan? timeout = null)
            : this(source, cache, timeout, primaryHandler: null)
        {
        }

        /// <param name="primaryHandler">Replaces the HTTP handler of the GitHub listing (tests).</param>
        internal ArgumentCompletion(ICompletionSource? source, CompletionCache? cache, TimeSpan? timeout, Func<HttpMessageHandler>? primaryHandler)
        {
            Timeout = timeout ?? DefaultTimeout;
            // The budget is how long a Tab waits, not how long the listing may take: its requests get the ordinary
            // timeout (the cache lifetime still bounds the whole listing), so a slow page arrives and fills the cache.
            _source = source ?? new ApiCompletionSource(() => new CopilotClientOptions
            {
                RequestTimeout = CopilotDefaults.RequestTimeout, ThrottleLimit = 4, PrimaryHandlerFactory = primaryHandler,
            });
            Cache = cache ?? new CompletionCache();
        }

        public TimeSpan Timeout { get; }
        public CompletionCache Cache { get; }

        public IReadOnlyList<CompletionItem> Complete(CompletionRequest request)
        {
            try
            {
                var defaults = new List<string>();
                if (request.Field == CompletionField.Organization && !string.IsNullOrEmpty(request.Session?.Organization)) defaults.Add(request.Session!.Organization!);
                if (request.Field == CompletionField.Enterprise && !string.IsNullOrEmpty(request.Session?.Enterprise)) defaults.Add(request.Session!.Enterprise!);
                if (request.Field == CompletionField.Enterprise) return CompletionMatcher.Match(defaults, request.WordToComplete);

                var stopwatch = Stopwatch.StartNew();
                Task<IReadOnlyList<string>?> work = Task.Run(() => FetchAsync(request));
                bool done;
                try { done = work.Wait(Timeout); }
                catch (AggregateException) { done = true; }
                if (!done || stopwatch.Elapsed > Timeout)
                {
                    ObserveLater(work); // a listing under way goes on and fills the cache
                    return Array.Empty<CompletionItem>();
                }
                IReadOnlyList<string>? names = work.Status == TaskStatus.RanToCompletion ? work.Result : null;
                if (names != null) defaults.AddRange(names);
                return CompletionMatcher.Match(defaults, request.WordToComplete);
            }
            catch (Exception)
            {
                return Array.Empty<CompletionItem>();
            }
        }

        /// <summary>The target of a request, or null when there is none (no token, no org or enterprise, an invalid name).</summary>
        public static CompletionTarget? TargetOf(CompletionRequest request)
        {
            CompletionListKind kind;
            string? name = null;
            string? org = Trimmed(request.Organization), ent = Trimmed(request.Enterprise);
            if (request.Field == CompletionField.Organization) kind = CompletionListKind.UserOrganizations;
            else if (request.Field == CompletionField.Enterprise) return null;
            else
            {
                bool teams = request.Field == CompletionField.TeamName;
                if (org != null) (kind, name) = (teams ? CompletionListKind.OrganizationTeams : CompletionListKind.OrganizationSeats, org);
                else if (ent != null) (kind, name) = (teams ? CompletionListKind.EnterpriseTeams : CompletionListKind.EnterpriseSeats, ent);
                else if (Trimmed(request.Session?.Organization) is string so) (kind, name) = (teams ? CompletionListKind.OrganizationTeams : CompletionListKind.OrganizationSeats, so);
                else if (Trimmed(request.Session?.Enterprise) is string se) (kind, name) = (teams ? CompletionListKind.EnterpriseTeams : CompletionListKind.EnterpriseSeats, se);
                else return null;
                bool isOrg = kind == CompletionListKind.OrganizationTeams || kind == CompletionListKind.OrganizationSeats;
                if (InputValidator.Check(isOrg ? NameKind.Organization : NameKind.Enterprise, name) != null) return null;
            }

            CopilotToken? token = request.Token switch
            {
                SecureString secure when secure.Length > 0 => CopilotToken.FromSecureString(secure, ConnectionResolver.SourceParameter),
                string text when !string.IsNullOrWhiteSpace(text) => CopilotToken.FromPlainText(text, ConnectionResolver.SourceParameter),
                _ => null,
            };
            Uri? apiUrl = request.ApiUrl switch
            {
                Uri uri => uri,
                string text when Uri.TryCreate(text.Trim(), UriKind.Absolute, out Uri? parsed) => parsed,
                _ => null,
            };
            ResolvedConnection connection;
            try { connection = ConnectionResolver.Resolve(token, apiUrl, request.ApiVersion, request.Session, request.Environment); }
            catch (CopilotException) { return null; }
            return new CompletionTarget(connection, kind, name);
        }

        private async Task<IReadOnlyList<string>?> FetchAsync(CompletionRequest request)
        {
            CompletionTarget? target;
            try { target = TargetOf(request); }
            catch (Exception) { return null; }
            if (target is null) return null;
            return await Cache.GetOrFetchAsync(target.CacheKey, ct => _source.ListAsync(target, ct)).ConfigureAwait(false);
        }

        private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

        private static void ObserveLater(Task task) =>
            task.ContinueWith(t => { _ = t.Exception; }, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }
}
