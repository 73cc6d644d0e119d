using System.Text.Json.Nodes;
using CopilotSeats.Simulator.Middleware;
using CopilotSeats.Simulator.Routing;

namespace CopilotSeats.Simulator.Api;

/// <summary>
/// GET /rate_limit (operationId rate-limit/get), as GitHub answers it per API version: <c>resources</c> (<c>core</c>,
/// the token's primary window; <c>search</c> and <c>graphql</c>, never used here) under every version, and the
/// deprecated top-level <c>rate</c> (a copy of <c>resources.core</c>) only under 2022-11-28: 2026-03-10 removed it
/// (API-VERSIONS.md). The route's handler only marks the answer; <see cref="RateHeadersStep"/>, which holds the
/// token's window and does not count this request (GitHub does not), writes the body with <see cref="Overview"/>.
/// </summary>
internal static class RateLimitReads
{
    public const string Template = "/rate_limit";

    public static Answer Handler(RouteRequest request) => new(200, new JsonObject());

    /// <summary>The body for <paramref name="core"/> under <paramref name="apiVersion"/>.</summary>
    public static JsonObject Overview(RateWindow core, string? apiVersion)
    {
        var body = new JsonObject
        {
            ["resources"] = new JsonObject
            {
                ["core"] = Window(core.Limit, core.Used, core.Reset),
                ["search"] = Window(30, 0, core.Reset - 3600 + 60),
                ["graphql"] = Window(core.Limit, 0, core.Reset),
            },
        };
        if (string.CompareOrdinal(apiVersion ?? ApiVersions.Default, ApiVersions.V20260310) < 0)
            body["rate"] = Window(core.Limit, core.Used, core.Reset);
        return body;
    }

    private static JsonObject Window(int limit, int used, long reset) => new()
    {
        ["limit"] = limit,
        ["used"] = used,
        ["remaining"] = Math.Max(0, limit - used),
        ["reset"] = reset,
    };
}
