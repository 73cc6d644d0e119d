using System.Text.Json;
using CopilotSeats.Auth;
using CopilotSeats.Http;
using CopilotSeats.Json;
using CopilotSeats.Pipeline;
using CopilotSeats.Validation;

namespace CopilotSeats.Seats
{
    /// <summary>The 13 Copilot seat operations over one connection (one HttpClient).</summary>
    public sealed class CopilotClient : IDisposable
    {
        private readonly RequestEngine _engine;
        private readonly Dictionary<Type, IDisposable> _attached = new Dictionary<Type, IDisposable>();

        public CopilotClient(ResolvedConnection connection, CopilotClientOptions? options = null)
        {
            _engine = new RequestEngine(connection, options ?? new CopilotClientOptions());
        }

        public RequestEngine Engine => _engine;

        /// <summary>
        /// A client of a higher layer over this connection (same engine, ThrottleLimit and retries), made once and
        /// disposed with this one: how the usage reports (Usage/) reach the connection without Seats knowing them.
        /// </summary>
        public T Attached<T>(Func<T> create) where T : class, IDisposable
        {
            lock (_attached)
            {
                if (_attached.TryGetValue(typeof(T), out IDisposable? made)) return (T)made;
                T client = create();
                _attached[typeof(T)] = client;
                return client;
            }
        }
        private CopilotClientOptions Options => _engine.Options;

        // ---- paths -------------------------------------------------------------------------

        internal static string ScopeRoot(SeatScope scope) => scope.Kind == ScopeKind.Organization
            ? "orgs/" + Uri.EscapeDataString(scope.Name)
            : "enterprises/" + Uri.EscapeDataString(scope.Name);

        internal static string ScopeTemplate(SeatScope scope) => scope.Kind == ScopeKind.Organization ? "/orgs/{org}" : "/enterprises/{enterprise}";

        internal Uri Build(string relative) => new Uri(_engine.Connection.ApiUrl, relative);

        /// <summary>Whether the token is a GitHub App installation's (Connect-Copilot -ClientId).</summary>
        internal bool SignedInAsApp => _engine.Connection.Tokens is Auth.App.InstallationTokenProvider;

        /// <summary>
        /// What the engine checks before a request to <paramref name="scope"/> goes, ahead of it: the installation reaches the target
        /// and the credential can be had (a GitHub App token obtained or renewed now). A failure here means nothing was sent.
        /// </summary>
        internal async Task ReadyToSendAsync(SeatScope scope, CancellationToken cancellationToken)
        {
            if (InstallationReach.Refusal(_engine.Connection.Tokens, scope) is { } unreachable) throw unreachable;
            await _engine.Connection.Tokens.GetAsync(Options.Verbose, cancellationToken).ConfigureAwait(false);
        }

        private static void ValidateScope(SeatScope scope) =>
            InputValidator.Validate(scope.Kind == ScopeKind.Organization ? NameKind.Organization : NameKind.Enterprise, scope.Name);

        // ---- org details -------------------------------------------------------------------

        public async Task<CopilotOrgDetail> GetOrgDetailAsync(string organization, CancellationToken cancellationToken)
        {
            var scope = SeatScope.ForOrganization(organization);
            ValidateScope(scope);
            ApiRequest request = OrgDetailRequest(organization);
            ApiResponse response = await _engine.SendAsync(request, cancellationToken).ConfigureAwait(false);
            OrgDetailDto dto = Deserialize(response, request, CopilotJsonContext.Default.OrgDetailDto);
            return SeatMapper.ToOrgDetail(dto, organization);
        }

        internal ApiRequest OrgDetailRequest(string organization)
        {
            var scope = SeatScope.ForOrganization(organization);
            return new ApiRequest(HttpMethod.Get, Build(ScopeRoot(scope) + "/copilot/billing"), "GET /orgs/{org}/copilot/billing",
                RequestKind.OrgDetail, scope, organization);
        }

        // ---- listing -----------------------------------------------------------------------

        /// <summary>
        /// Lists every seat (see <see cref="SeatListing"/> for the order, window and de-duplication) and
        /// returns the total GitHub reported on the first page.
        /// </summary>
        public Task<int> ListSeatsAsync(SeatScope scope, Func<IReadOnlyList<CopilotSeat>, CancellationToken, Task> onPage,
            int pageSize = CopilotDefaults.PageSize, CancellationToken cancellationToken = default)
        {
            ValidateScope(scope);
            if (pageSize < 1 || pageSize > CopilotDefaults.MaxPageSize)
                throw new CopilotException("CopilotSeats.InvalidPageSize", CopilotErrorCategory.InvalidArgument, pageSize,
                    $"PageSize must be between 1 and {CopilotDefaults.MaxPageSize}.") { IsTerminating = true };
            var first = Build(ScopeRoot(scope) + "/copilot/billing/seats?per_page=" + pageSize + "&page=1");
            var links = new LinkFollower(_engine.Connection.ApiUrl, Options.Verbose); // one verbose line per listing
            var listing = new SeatListing(uri => FetchPageAsync(scope, uri, links), onPage, Options.ThrottleLimit, Options.Warning,
                ListingProgressFor(scope));
            return listing.RunAsync(first, cancellationToken);
        }

        /// <summary>The listing's progress callback: at most one update per <see cref="ProgressGate.DefaultInterval"/>, the first and the final always.</summary>
        private Action<int, int>? ListingProgressFor(SeatScope scope)
        {
            Action<SeatListingProgress>? report = Options.ListingProgress;
            if (report is null) return null;
            var gate = new ProgressGate(Options.Clock, ProgressGate.DefaultInterval);
            return (seats, total) =>
            {
                if (gate.Pass(final: seats >= total)) report(new SeatListingProgress(scope, seats, total));
            };
        }

        internal ApiRequest ListPageRequest(SeatScope scope, Uri uri) =>
            new ApiRequest(HttpMethod.Get, uri, "GET " + ScopeTemplate(scope) + "/copilot/billing/seats", RequestKind.ListSeats, scope, scope.Name);

        private Func<CancellationToken, Task<SeatPage>> FetchPageAsync(SeatScope scope, Uri uri, LinkFollower linkFollower) => async cancellationToken =>
        {
            ApiRequest request = ListPageRequest(scope, uri);
            ApiResponse response = await _engine.SendAsync(request, cancellationToken).ConfigureAwait(false);
            SeatListDto dto = Deserialize(response, request, CopilotJsonContext.Default.SeatListDto);
            var links = linkFollower.Parse(response.Header("Link"));
            links.TryGetValue("next", out Uri? next);
            links.TryGetValue("last", out Uri? last);
            return new SeatPage(dto.TotalSeats ?? 0, SeatMapper.ToSeats(dto.Seats, scope), next, last);
        };

        // ---- member lookup -----------------------------------------------------------------

        /// <summary>The seat(s) of one user: one for an org; one per grant for an enterprise.</summary>
        public async Task<IReadOnlyList<CopilotSeat>> GetUserSeatAsync(SeatScope scope, string userName, CancellationToken cancellationToken)
        {
            ValidateScope(scope);
            InputValidator.Validate(NameKind.Login, userName);
            ApiRequest request = MemberSeatRequest(scope, userName);
            ApiResponse response = await _engine.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (scope.Kind == ScopeKind.Organization)
                return new[] { SeatMapper.ToSeat(Deserialize(response, request, CopilotJsonContext.Default.SeatDto), scope) };
            // The enterprise lookup answers {total_seats, seats[]} (one row per grant), unlike its description.
            using var doc = JsonDocument.Parse(response.Body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("seats", out _))
                return SeatMapper.ToSeats(Deserialize(response, request, CopilotJsonContext.Default.SeatListDto).Seats, scope);
            return new[] { SeatMapper.ToSeat(Deserialize(response, request, CopilotJsonContext.Default.SeatDto), scope) };
        }

        internal ApiRequest MemberSeatRequest(SeatScope scope, string userName) =>
            new ApiRequest(HttpMethod.Get, Build(ScopeRoot(scope) + "/members/" + Uri.EscapeDataString(userName) + "/copilot"),
                "GET " + ScopeTemplate(scope) + "/members/{username}/copilot", RequestKind.MemberLookup, scope, userName);

        // ---- changes -----------------------------------------------------------------------

        /// <summary>One add or cancel request for at most 100 names (use <see cref="BatchPlanner"/>).</summary>
        public async Task<CopilotSeatChange> ChangeSeatsAsync(SeatScope scope, SeatAction action, AssigneeKind kind, IReadOnlyList<string> names,
            CancellationToken cancellationToken)
        {
            ValidateScope(scope);
            if (names is null || names.Count == 0 || names.Count > CopilotDefaults.BatchSize)
                throw new CopilotException("CopilotSeats.InvalidBatch", CopilotErrorCategory.InvalidArgument, scope.Name,
                    $"A seat change names between 1 and {CopilotDefaults.BatchSize} users or teams.");
            if (kind == AssigneeKind.EnterpriseTeam && scope.Kind != ScopeKind.Enterprise || kind == AssigneeKind.Team && scope.Kind != ScopeKind.Organization)
                throw new CopilotException("CopilotSeats.InvalidAssignee", CopilotErrorCategory.InvalidArgument, scope.Name,
                    "Organization teams are assigned with -Organization; enterprise teams with -Enterprise.");
            foreach (string name in names) InputValidator.Validate(kind == AssigneeKind.User ? NameKind.Login : NameKind.TeamSlug, name);

            string[] list = names.ToArray();
            ApiRequest request = ChangeRequest(scope, action, kind, list);
            ApiResponse response = await _engine.SendAsync(request, cancellationToken).ConfigureAwait(false);
            SeatCountDto counts = response.Body.Length == 0 ? new SeatCountDto() : Deserialize(response, request, CopilotJsonContext.Default.SeatCountDto);
            if (response.Status == 202)
                Options.Verbose?.Invoke($"GitHub accepted the request for asynchronous processing ({counts.Message ?? "202 Accepted"}); SeatsChanged is 0 until it completes.");
            return new CopilotSeatChange
            {
                Organization = scope.Organization,
                Enterprise = scope.Enterprise,
                Action = action.ToString(),
                AssigneeType = kind.ToString(),
                Requested = new CopilotNameList(list),
                SeatsChanged = (action == SeatAction.Add ? counts.SeatsCreated : counts.SeatsCancelled) ?? 0,
            };
        }

        /// <summary>
        /// One batch of at most 100 names, like <see cref="ChangeSeatsAsync"/>; a 422 (to a batch of users, teams or
        /// enterprise teams, of one name or more) is narrowed to the names GitHub refuses (see <see cref="BatchIsolation"/>), and
        /// every failure that is not fatal comes back in the outcome instead of being thrown.
        /// </summary>
        public Task<BatchOutcome> ChangeSeatsIsolatedAsync(SeatScope scope, SeatAction action, AssigneeKind kind, IReadOnlyList<string> names,
            CancellationToken cancellationToken) =>
            ChangeSeatsIsolatedAsync(scope, action, kind, names, (list, ct) => ChangeSeatsAsync(scope, action, kind, list, ct), cancellationToken);

        /// <summary>As the public overload, with every request of the batch made by <paramref name="send"/> (the journal wraps it).</summary>
        internal Task<BatchOutcome> ChangeSeatsIsolatedAsync(SeatScope scope, SeatAction action, AssigneeKind kind, IReadOnlyList<string> names,
            Func<string[], CancellationToken, Task<CopilotSeatChange>> send, CancellationToken cancellationToken)
        {
            string[] batch = names?.ToArray() ?? new string[0];
            var isolation = new BatchIsolation(scope, action, kind, send, new MemberSeats(this, scope, batch).FindAsync, Options.ThrottleLimit, Options.Verbose, Options.Warning);
            return isolation.RunAsync(batch, cancellationToken);
        }

        /// <summary>The POST (add) or DELETE (cancel) of seats for the named users, teams or enterprise teams.</summary>
        internal ApiRequest ChangeRequest(SeatScope scope, SeatAction action, AssigneeKind kind, string[] list)
        {
            string segment;
            byte[] body;
            switch (kind)
            {
                case AssigneeKind.User:
                    segment = "selected_users";
                    body = JsonSerializer.SerializeToUtf8Bytes(new SelectedUsersBody(list), CopilotJsonContext.Default.SelectedUsersBody);
                    break;
                case AssigneeKind.Team:
                    segment = "selected_teams";
                    body = JsonSerializer.SerializeToUtf8Bytes(new SelectedTeamsBody(list), CopilotJsonContext.Default.SelectedTeamsBody);
                    break;
                default:
                    segment = "selected_enterprise_teams";
                    body = JsonSerializer.SerializeToUtf8Bytes(new SelectedEnterpriseTeamsBody(list), CopilotJsonContext.Default.SelectedEnterpriseTeamsBody);
                    break;
            }
            HttpMethod method = action == SeatAction.Add ? HttpMethod.Post : HttpMethod.Delete;
            return new ApiRequest(method, Build(ScopeRoot(scope) + "/copilot/billing/" + segment),
                method.Method + " " + ScopeTemplate(scope) + "/copilot/billing/" + segment,
                RequestKinds.ChangeKind(action, kind), scope, scope.Name, body);
        }

        private static T Deserialize<T>(ApiResponse response, ApiRequest request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info)
        {
            try
            {
                T? value = JsonSerializer.Deserialize(response.Body, info);
                if (value is null) throw new JsonException("empty body");
                return value;
            }
            catch (JsonException ex)
            {
                throw InvalidResponses.From(request, response, ex);
            }
        }

        public void Dispose()
        {
            lock (_attached)
            {
                foreach (IDisposable attached in _attached.Values) attached.Dispose();
                _attached.Clear();
            }
            _engine.Dispose();
            _engine.Connection.Dispose(); // lets go of a GitHub App sign-in it holds
        }
    }
}
