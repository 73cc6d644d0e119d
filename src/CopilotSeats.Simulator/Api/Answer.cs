using System.Globalization;
using System.Text.Json.Nodes;

namespace CopilotSeats.Simulator.Api;

/// <summary>An answer before it is written: status, JSON body, extra headers, and the fault that made it (if any).</summary>
internal sealed record Answer(int Status, JsonNode? Body, Dictionary<string, string>? Headers = null, string? Fault = null)
{
    /// <summary>GitHub's error body: {"message", "documentation_url", "status"}.</summary>
    public static Answer Error(int status, string message, string? fault = null, Dictionary<string, string>? headers = null) =>
        new(status, new JsonObject
        {
            ["message"] = message,
            ["documentation_url"] = "https://docs.github.com/rest/copilot/copilot-user-management",
            ["status"] = status.ToString(CultureInfo.InvariantCulture),
        }, headers, fault);

    /// <summary>A dropped connection: nothing is written.</summary>
    public static Answer Drop() => new(0, null, null, "drop");

    /// <summary>This answer with <paramref name="headers"/> added under its own (its own win).</summary>
    public Answer WithDefaultHeaders(IReadOnlyDictionary<string, string> headers)
    {
        var merged = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        if (Headers != null) foreach (var h in Headers) merged[h.Key] = h.Value;
        return this with { Headers = merged };
    }
}

/// <summary>GitHub's error messages.</summary>
internal static class GitHubMessages
{
    public const string SecondaryRateLimit = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.";
    public const string PrimaryRateLimit = "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.";

    /// <summary>GitHub's message for an error status (scripted and random faults).</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => "Problems parsing JSON",
        401 => "Bad credentials",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        410 => "Gone",
        422 => "Validation Failed",
        429 => SecondaryRateLimit,
        500 => "Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => status >= 500 ? "Server Error" : "Error",
    };
}
