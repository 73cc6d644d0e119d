using System.Text.Json;
using System.Text.Json.Nodes;

namespace CopilotSeats.Simulator.Api;

/// <summary>Reading JSON request bodies.</summary>
internal static class RequestBody
{
    public static bool IsJson(string body)
    {
        try { JsonDocument.Parse(body).Dispose(); return true; }
        catch (JsonException) { return false; }
    }

    public static List<string>? ReadNames(string? body, string field)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            var node = JsonNode.Parse(body);
            if (node is not JsonObject obj || obj[field] is not JsonArray array) return null;
            var names = new List<string>();
            foreach (var item in array)
            {
                if (item is not JsonValue v || !v.TryGetValue(out string? s) || string.IsNullOrWhiteSpace(s)) return null;
                names.Add(s);
            }
            return names;
        }
        catch (JsonException) { return null; }
    }
}
