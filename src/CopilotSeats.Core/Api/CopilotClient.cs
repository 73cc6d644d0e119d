using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CopilotSeats.Http;
using CopilotSeats.Json;

namespace CopilotSeats
{
    /// <summary>Summary of one listing.</summary>
    public sealed class SeatListingResult
    {
        public int TotalSeats { get; internal set; }
        public int Pages { get; internal set; }
        public int SeatsWritten { get; internal set; }
        public int DuplicatesSkipped { get; internal set; }
        /// <summary>True when seats were added or removed while the listing ran.</summary>
        public bool ChangedDuringListing { get; internal set; }
    }

    /// <summary>The 13 Copilot seat operations over one connection (one HttpClient).</summary>
    public sealed class CopilotClient : IDisposable
    {
        private readonly RequestEngine _engine;

        public CopilotClient(ResolvedConnection connection, CopilotClientOptions? options = null)
        {
            _engine = new RequestEngine(connection, options ?? new CopilotClientOptions());
        }

        public RequestEngine Engine => _engine;
        private CopilotClientOptions Options => _engine.Options;

        // ---- paths -------------------------------------------------------------------------

        internal static string ScopeRoot(SeatScope scope) => scope.Kind == ScopeKind.Organization
            ? "orgs/" + Uri.EscapeDataString(scope.Name)
            : "enterprises/" + Uri.EscapeDataString(scope.Name);

        internal static string ScopeTemplate(SeatScope scope) => scope.Kind == ScopeKind.Organization ? "/orgs/{org}" : "/enterprises/{enterprise}";

        internal Uri Build(string relative) => new Uri(_engine.Connection.ApiUrl, relative);

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
        /// Lists every seat. The first page is fetched and handed to <paramref name="onPage"/>, which is
        /// awaited before any further request (so a consumer that stops after the first page costs one
        /// request). The remaining pages are then fetched concurrently (ThrottleLimit) and handed over
        /// strictly in page order, with at most 2 x ThrottleLimit pages held at once.
        /// </summary>
        public async Task<SeatListingResult> ListSeatsAsync(SeatScope scope, Func<IReadOnlyList<CopilotSeat>, CancellationToken, Task> onPage,
            int pageSize = CopilotDefaults.PageSize, CancellationToken cancellationToken = default)
        {
            ValidateScope(scope);
            if (pageSize < 1 || pageSize > CopilotDefaults.MaxPageSize)
                throw new CopilotException("CopilotSeats.InvalidPageSize", CopilotErrorCategory.InvalidArgument, pageSize,
                    $"PageSize must be between 1 and {CopilotDefaults.MaxPageSize}.") { IsTerminating = true };
            var first = Build(ScopeRoot(scope) + "/copilot/billing/seats?per_page=" + pageSize + "&page=1");
            var result = new SeatListingResult();
            var dedupe = new RecentKeys(Math.Max(2, Options.ThrottleLimit * 2 + 2));

            Page page1 = await FetchPageAsync(scope, first, cancellationToken).ConfigureAwait(false);
            result.TotalSeats = page1.Total;
            result.Pages = 1;
            await EmitAsync(page1, onPage, dedupe, result, cancellationToken).ConfigureAwait(false);
            if (page1.Next is null) return result;

            int? last = page1.Last is null ? null : LinkHeader.PageOf(page1.Last);
            int? nextNumber = LinkHeader.PageOf(page1.Next);
            if (last is null || nextNumber != 2)
            {
                // No usable last/next numbering: follow next exactly as given, one page at a time.
                await FollowNextAsync(scope, page1.Next, onPage, dedupe, result, cancellationToken).ConfigureAwait(false);
                return result;
            }

            Uri template = page1.Next;
            int window = Options.ThrottleLimit == 1 ? 1 : Options.ThrottleLimit * 2;
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var inFlight = new Dictionary<int, Task<Page>>();
            int nextEmit = 2, nextStart = 2;
            try
            {
                while (nextEmit <= last.Value)
                {
                    while (nextStart <= last.Value && nextStart - nextEmit < window)
                    {
                        inFlight[nextStart] = FetchPageAsync(scope, LinkHeader.WithPage(template, nextStart), cts.Token);
                        nextStart++;
                    }
                    Page page = await inFlight[nextEmit].ConfigureAwait(false);
                    inFlight.Remove(nextEmit);
                    result.Pages++;
                    if (page.Total != result.TotalSeats) NoteChange(result, page.Total);
                    await EmitAsync(page, onPage, dedupe, result, cts.Token).ConfigureAwait(false);
                    if (nextEmit == last.Value && page.Next != null)
                    {
                        // The listing grew past the last page we were told about.
                        NoteChange(result, page.Total);
                        await FollowNextAsync(scope, page.Next, onPage, dedupe, result, cts.Token).ConfigureAwait(false);
                    }
                    nextEmit++;
                }
            }
            finally
            {
                if (inFlight.Count > 0)
                {
                    cts.Cancel();
                    foreach (var pending in inFlight.Values)
                    {
                        try { await pending.ConfigureAwait(false); } catch { /* abandoned page */ }
                    }
                }
            }
            return result;
        }

        private async Task FollowNextAsync(SeatScope scope, Uri? next, Func<IReadOnlyList<CopilotSeat>, CancellationToken, Task> onPage,
            RecentKeys dedupe, SeatListingResult result, CancellationToken cancellationToken)
        {
            while (next != null)
            {
                Page page = await FetchPageAsync(scope, next, cancellationToken).ConfigureAwait(false);
                result.Pages++;
                if (page.Total != result.TotalSeats) NoteChange(result, page.Total);
                await EmitAsync(page, onPage, dedupe, result, cancellationToken).ConfigureAwait(false);
                next = page.Seats.Count == 0 ? null : page.Next;
            }
        }

        private void NoteChange(SeatListingResult result, int newTotal)
        {
            if (result.ChangedDuringListing) return;
            result.ChangedDuringListing = true;
            Options.Warning?.Invoke($"The seat listing changed while it was read (total seats went from {result.TotalSeats} to {newTotal}). " +
                "No seat is written twice, but a seat added or removed meanwhile may be missing: run the command again for an exact snapshot.");
        }

        private static async Task EmitAsync(Page page, Func<IReadOnlyList<CopilotSeat>, CancellationToken, Task> onPage, RecentKeys dedupe,
            SeatListingResult result, CancellationToken cancellationToken)
        {
            var fresh = new List<CopilotSeat>(page.Seats.Count);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (CopilotSeat seat in page.Seats)
            {
                string key = SeatMapper.GrantKey(seat);
                if (dedupe.Contains(key) || !keys.Add(key)) { result.DuplicatesSkipped++; continue; }
                fresh.Add(seat);
            }
            dedupe.Push(keys);
            result.SeatsWritten += fresh.Count;
            if (fresh.Count > 0) await onPage(fresh, cancellationToken).ConfigureAwait(false);
        }

        private sealed class Page
        {
            public Page(int total, List<CopilotSeat> seats, Uri? next, Uri? last) { Total = total; Seats = seats; Next = next; Last = last; }
            public int Total { get; }
            public List<CopilotSeat> Seats { get; }
            public Uri? Next { get; }
            public Uri? Last { get; }
        }

        internal ApiRequest ListPageRequest(SeatScope scope, Uri uri) =>
            new ApiRequest(HttpMethod.Get, uri, "GET " + ScopeTemplate(scope) + "/copilot/billing/seats", RequestKind.ListSeats, scope, scope.Name);

        private async Task<Page> FetchPageAsync(SeatScope scope, Uri uri, CancellationToken cancellationToken)
        {
            ApiRequest request = ListPageRequest(scope, uri);
            ApiResponse response = await _engine.SendAsync(request, cancellationToken).ConfigureAwait(false);
            SeatListDto dto = Deserialize(response, request, CopilotJsonContext.Default.SeatListDto);
            var links = LinkHeader.Parse(response.Header("Link"));
            links.TryGetValue("next", out Uri? next);
            links.TryGetValue("last", out Uri? last);
            return new Page(dto.TotalSeats ?? 0, SeatMapper.ToSeats(dto.Seats, scope), next, last);
        }

        /// <summary>Keys of the seats on the last few pages: enough to catch a seat that shifted across a page boundary.</summary>
        private sealed class RecentKeys
        {
            private readonly int _pages;
            private readonly Queue<HashSet<string>> _recent = new Queue<HashSet<string>>();
            public RecentKeys(int pages) { _pages = pages; }
            public bool Contains(string key) => _recent.Any(set => set.Contains(key));
            public void Push(HashSet<string> keys)
            {
                _recent.Enqueue(keys);
                while (_recent.Count > _pages) _recent.Dequeue();
            }
        }

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
                Requested = list,
                SeatsChanged = (action == SeatAction.Add ? counts.SeatsCreated : counts.SeatsCancelled) ?? 0,
            };
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
                    body = JsonSerializer.SerializeToUtf8Bytes(new SelectedUsersBody { SelectedUsernames = list }, CopilotJsonContext.Default.SelectedUsersBody);
                    break;
                case AssigneeKind.Team:
                    segment = "selected_teams";
                    body = JsonSerializer.SerializeToUtf8Bytes(new SelectedTeamsBody { SelectedTeams = list }, CopilotJsonContext.Default.SelectedTeamsBody);
                    break;
                default:
                    segment = "selected_enterprise_teams";
                    body = JsonSerializer.SerializeToUtf8Bytes(new SelectedEnterpriseTeamsBody { SelectedEnterpriseTeams = list }, CopilotJsonContext.Default.SelectedEnterpriseTeamsBody);
                    break;
            }
            HttpMethod method = action == SeatAction.Add ? HttpMethod.Post : HttpMethod.Delete;
            return new ApiRequest(method, Build(ScopeRoot(scope) + "/copilot/billing/" + segment),
                method.Method + " " + ScopeTemplate(scope) + "/copilot/billing/" + segment,
                ApiRequest.ChangeKind(action, kind), scope, scope.Name, body);
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
                throw new CopilotException("CopilotSeats.InvalidResponse", CopilotErrorCategory.InvalidData, request.Target,
                    $"GitHub's answer to {request.Method.Method} {response.Uri.AbsolutePath} is not the expected JSON: {ex.Message}", ex);
            }
        }

        public void Dispose() => _engine.Dispose();
    }
}
