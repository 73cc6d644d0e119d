namespace CopilotSeats.Simulator.Routing;

internal static class PathSegments
{
    /// <summary>Decoded path segments, or null when a segment is empty, encodes a slash, or is a dot segment.</summary>
    public static string[]? Decode(string rawPath)
    {
        string[] parts = rawPath.Trim('/').Split('/');
        var decoded = new string[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            string d;
            try { d = Uri.UnescapeDataString(parts[i]); } catch (UriFormatException) { return null; }
            if (d.Length == 0 || d.Contains('/') || d.Contains('\\') || d == "." || d == ".." || d.Any(char.IsControl)) return null;
            decoded[i] = d;
        }
        return decoded;
    }
}
