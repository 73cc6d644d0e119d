using System.Text.Json;
using CopilotSeats.Http;
using CopilotSeats.Seats;

namespace CopilotSeats.Billing
{
    /// <summary>One answer of the AI-credit usage report: its items and GitHub's JSON as sent.</summary>
    public sealed class CreditUsageReport(CreditUsageQuery query, IReadOnlyList<CopilotCreditUsage> items, string json)
    {
        public CreditUsageQuery Query { get; } = query;
        public IReadOnlyList<CopilotCreditUsage> Items { get; } = items;
        public string Json { get; } = json;
    }

    /// <summary>
    /// GitHub's AI-credit usage report over one connection (same engine, ThrottleLimit, budget and retries): one
    /// GET per report, and per user (the report has no user dimension otherwise) through <see cref="PerUserSpend"/>.
    /// </summary>
    public sealed class CreditUsageClient : IDisposable
    {
        private readonly CopilotClient _client;

        public CreditUsageClient(CopilotClient client)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
        }

        public RequestEngine Engine => _client.Engine;

        public async Task<CreditUsageReport> GetAsync(CreditUsageQuery query, CancellationToken cancellationToken)
        {
            query.Validate();
            ApiRequest request = Request(query);
            ApiResponse response = await Engine.SendAsync(request, cancellationToken).ConfigureAwait(false);
            try
            {
                return new CreditUsageReport(query, CreditUsageMapper.Map(response.Body, query), System.Text.Encoding.UTF8.GetString(response.Body));
            }
            catch (JsonException ex)
            {
                throw InvalidResponses.From(request, response, ex);
            }
        }

        /// <summary>The GET of the report (never a write): also Test-CopilotConnection's check.</summary>
        public ApiRequest Request(CreditUsageQuery query) =>
            new ApiRequest(HttpMethod.Get, _client.Build(query.RelativePath()), query.EndpointKey, RequestKind.CreditUsage, query.Scope,
                (object?)query.User ?? query.Scope.Name)
            {
                Hints = BillingErrorHints.Rows,
            };

        /// <summary>The per-user reports, <paramref name="width"/> in flight (at least the engine's ThrottleLimit), written in input order.</summary>
        public PerUserSpend PerUser(CreditUsageQuery query, Func<UserSpend, CancellationToken, Task> onUser, int? width = null) =>
            new PerUserSpend(this, query, onUser, width ?? 2 * Engine.Options.ThrottleLimit);

        public void Dispose() { }
    }

    public static class BillingClients
    {
        /// <summary>The AI-credit usage report over the client's connection.</summary>
        public static CreditUsageClient Billing(this CopilotClient client) => client.Attached(() => new CreditUsageClient(client));
    }
}
