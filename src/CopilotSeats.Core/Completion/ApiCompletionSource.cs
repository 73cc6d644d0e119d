using System.Text.Json;
using CopilotSeats.Seats;
using CopilotSeats.Http;

namespace CopilotSeats.Completion
{
    /// <summary>
    /// Reads completion lists from GitHub with GET requests only: GET /user/orgs (login), GET /orgs/{org}/teams and
    /// GET /enterprises/{enterprise}/teams (slug), and the seat listings (assignee login). No retries and no
    /// rate-limit waits: a completion that cannot answer at once answers nothing.
    /// </summary>
    public sealed class ApiCompletionSource : ICompletionSource
    {
        private const int MaxPages = 50;
        private readonly Func<CopilotClientOptions> _options;

        public ApiCompletionSource(Func<CopilotClientOptions>? options = null)
        {
            _options = options ?? (() => new CopilotClientOptions());
        }

        public async Task<IReadOnlyList<string>> ListAsync(CompletionTarget target, CancellationToken cancellationToken)
        {
            CopilotClientOptions options = _options();
            options.MaxRetries = 0;
            options.MaxRateLimitWait = TimeSpan.Zero;
            options.MaxRateLimitRetries = 0;
            using var client = new CopilotClient(target.Connection, options);
            string name = Uri.EscapeDataString(target.Name ?? string.Empty);
            switch (target.Kind)
            {
                case CompletionListKind.UserOrganizations:
                    return await ListNamesAsync(client, "user/orgs?per_page=100", "GET /user/orgs", "login", SeatScope.ForOrganization("user"), cancellationToken).ConfigureAwait(false);
                case CompletionListKind.OrganizationTeams:
                    return await ListNamesAsync(client, "orgs/" + name + "/teams?per_page=100", "GET /orgs/{org}/teams", "slug",
                        SeatScope.ForOrganization(target.Name!), cancellationToken).ConfigureAwait(false);
                case CompletionListKind.EnterpriseTeams:
                    return await ListNamesAsync(client, "enterprises/" + name + "/teams?per_page=100", "GET /enterprises/{enterprise}/teams", "slug",
                        SeatScope.ForEnterprise(target.Name!), cancellationToken).ConfigureAwait(false);
                default:
                    var scope = target.Kind == CompletionListKind.OrganizationSeats ? SeatScope.ForOrganization(target.Name!) : SeatScope.ForEnterprise(target.Name!);
                    var logins = new List<string>();
                    var sync = new object();
                    await client.ListSeatsAsync(scope, (page, ct) =>
                    {
                        lock (sync) foreach (CopilotSeat seat in page) if (!string.IsNullOrEmpty(seat.Login)) logins.Add(seat.Login!);
                        return Task.CompletedTask;
                    }, CopilotDefaults.MaxPageSize, cancellationToken).ConfigureAwait(false);
                    return logins;
            }
        }

        private static async Task<IReadOnlyList<string>> ListNamesAsync(CopilotClient client, string relative, string endpointKey, string property,
            SeatScope scope, CancellationToken cancellationToken)
        {
            var names = new List<string>();
            Uri? next = client.Build(relative);
            var links = new LinkFollower(client.Engine.Connection.ApiUrl, client.Engine.Options.Verbose);
            for (int page = 0; next != null && page < MaxPages; page++)
            {
                var request = new ApiRequest(HttpMethod.Get, next, endpointKey, RequestKind.ListSeats, scope, scope.Name);
                ApiResponse response = await client.Engine.SendAsync(request, cancellationToken).ConfigureAwait(false);
                using (JsonDocument doc = JsonDocument.Parse(response.Body))
                {
                    if (doc.RootElement.ValueKind != JsonValueKind.Array) break;
                    foreach (JsonElement item in doc.RootElement.EnumerateArray())
                        if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String)
                            names.Add(value.GetString()!);
                }
                next = links.Next(response.Header("Link"));
            }
            return names;
        }
    }
}
