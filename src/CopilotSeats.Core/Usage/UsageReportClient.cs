using System.Text.Json;
using CopilotSeats.Seats;
using CopilotSeats.Http;
using CopilotSeats.Json;
using CopilotSeats.Validation;

namespace CopilotSeats.Usage
{
    /// <summary>
    /// GitHub's usage metrics reports over one connection: asks the report endpoint (through the request engine,
    /// with the token) for the signed links, then streams the files (without it; see <see cref="ReportDownloadClient"/>).
    /// </summary>
    public sealed class UsageReportClient : IDisposable
    {
        private readonly CopilotClient _client;
        private readonly Lazy<ReportDownloadClient> _files;

        public UsageReportClient(CopilotClient client)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _files = new Lazy<ReportDownloadClient>(() => new ReportDownloadClient(client.Engine.Options.DownloadHandlerFactory ?? client.Engine.Options.PrimaryHandlerFactory));
        }

        private RequestEngine Engine => _client.Engine;

        /// <summary>The report's links and days; <see cref="UsageReportLinks.NoData"/> when GitHub has no data for that day (204).</summary>
        public async Task<UsageReportLinks> GetLinksAsync(SeatScope scope, UsageReportKind kind, DateTime? day, CancellationToken cancellationToken)
        {
            InputValidator.Validate(scope.Kind == ScopeKind.Organization ? NameKind.Organization : NameKind.Enterprise, scope.Name);
            ApiRequest request = LinksRequest(scope, kind, day);
            ApiResponse response = await Engine.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Status == 204 || response.Body.Length == 0)
                return new UsageReportLinks(new Uri[0], day?.Date, null, null, noData: true);
            ReportLinksDto dto;
            try
            {
                dto = JsonSerializer.Deserialize(response.Body, CopilotJsonContext.Default.ReportLinksDto) ?? new ReportLinksDto();
            }
            catch (JsonException ex)
            {
                throw InvalidResponses.From(request, response, ex);
            }
            var links = new List<Uri>();
            foreach (string? link in dto.DownloadLinks ?? new List<string?>())
            {
                if (string.IsNullOrWhiteSpace(link)) continue;
                if (!Uri.TryCreate(link, UriKind.Absolute, out Uri? uri))
                    throw InvalidResponses.Of(request, response, "has a download link that is not an absolute URL");
                links.Add(uri);
            }
            return new UsageReportLinks(links, UsageReportSpec.ParseDay(dto.ReportDay) ?? day?.Date, UsageReportSpec.ParseDay(dto.ReportStartDay),
                UsageReportSpec.ParseDay(dto.ReportEndDay), noData: links.Count == 0);
        }

        internal ApiRequest LinksRequest(SeatScope scope, UsageReportKind kind, DateTime? day) =>
            new ApiRequest(HttpMethod.Get, _client.Build(UsageReportSpec.RelativePath(scope, kind, day)),
                UsageReportSpec.EndpointKey(scope, kind, day.HasValue), RequestKind.UsageReport, scope, scope.Name)
            {
                Hints = UsageErrorHints.Rows,
            };

        /// <summary>"users report of organization octo-org" (1-day: "users report of 2026-01-05 of ...").</summary>
        public static string Subject(SeatScope scope, UsageReportKind kind, DateTime? day) =>
            (kind == UsageReportKind.Users ? "users" : kind == UsageReportKind.Summary ? "summary" : kind == UsageReportKind.UserTeams ? "user-teams" : "repositories")
            + (day.HasValue ? " report of " + UsageReportSpec.Text(day.Value) : " report (latest 28 days)") + " of the " + scope;

        /// <summary>
        /// Reads the whole report: its records go to <paramref name="onRecords"/> in batches, in file and line order,
        /// each batch awaited before more is read; a bad line goes to <paramref name="onBadLine"/> and the rest still
        /// comes. With no data (204) nothing is called and the result says so.
        /// </summary>
        public async Task<UsageReportResult> ReadAsync(SeatScope scope, UsageReportKind kind, DateTime? day, UsageRecordFormat format,
            Func<IReadOnlyList<object>, CancellationToken, Task> onRecords, Func<CopilotException, CancellationToken, Task>? onBadLine,
            CancellationToken cancellationToken, Action<UsageReportLinks>? onLinks = null)
        {
            UsageReportLinks links = await GetLinksAsync(scope, kind, day, cancellationToken).ConfigureAwait(false);
            onLinks?.Invoke(links);
            if (links.NoData) return new UsageReportResult(links, 0, 0, 0);
            Engine.Options.Verbose?.Invoke($"The {Subject(scope, kind, day)}: {links}.");
            var reader = new UsageReportReader(Engine, _files.Value, ct => GetLinksAsync(scope, kind, day, ct),
                line => UsageRecordMapper.Map(line, kind, format, scope, links.Day), onRecords, onBadLine, Subject(scope, kind, day), scope.Name);
            return await reader.RunAsync(links, cancellationToken).ConfigureAwait(false);
        }

        public void Dispose()
        {
            if (_files.IsValueCreated) _files.Value.Dispose();
        }
    }

    public static class UsageClients
    {
        /// <summary>The usage metrics reports over the client's connection (same engine, ThrottleLimit and retries).</summary>
        public static UsageReportClient Usage(this CopilotClient client) => client.Attached(() => new UsageReportClient(client));
    }
}
