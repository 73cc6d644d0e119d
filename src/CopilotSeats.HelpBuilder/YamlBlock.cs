namespace CopilotSeats.HelpBuilder;

/// <summary>
/// The YAML a platyPS parameter block and front matter use: top-level "Key: value" lines whose value is a scalar
/// (plain, 'single' or "double" quoted), a flow sequence [a, b] or [{K: v}], a flow mapping {K: v, K: v}, or a
/// block sequence of "- item" lines whose items are scalars, flow mappings or block mappings ("- K: v" then
/// indented "K: v" lines). Values are strings, lists or string-keyed maps; nothing else is needed here.
/// </summary>
public static class YamlBlock
{
    /// <summary>Top-level keys, in order, with their value and 1-based line within the block.</summary>
    public static List<(string Key, object Value, int Line)> Parse(IReadOnlyList<string> lines, Func<int, string, Exception> error)
    {
        var entries = new List<(string Key, object Value, int Line)>();
        Dictionary<string, object>? item = null;
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i].TrimEnd();
            int number = i + 1;
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            string trimmed = line.TrimStart();
            if (trimmed == "-" || trimmed.StartsWith("- ", StringComparison.Ordinal))
            {
                if (entries.Count == 0 || entries[^1].Value is not List<object> list) throw error(number, $"'{trimmed}' is not under a 'Key:' line.");
                string text = trimmed[1..].Trim();
                item = null;
                if (text.StartsWith('{') || text.StartsWith('[') || !TrySplitPair(text, out string k, out string v))
                {
                    list.Add(ParseValue(text, number, error));
                }
                else
                {
                    item = new Dictionary<string, object>(StringComparer.Ordinal) { [k] = ParseValue(v, number, error) };
                    list.Add(item);
                }
            }
            else if (line.StartsWith(' '))
            {
                if (item is null || !TrySplitPair(trimmed, out string k, out string v)) throw error(number, $"Unexpected indented line '{trimmed}'.");
                item[k] = ParseValue(v, number, error);
            }
            else
            {
                if (!TrySplitPair(line, out string key, out string value)) throw error(number, $"'{line}' is not 'Key: value'.");
                item = null;
                if (entries.Any(e => e.Key == key)) throw error(number, $"'{key}' appears twice.");
                entries.Add((key, value.Length == 0 ? new List<object>() : ParseValue(value, number, error), number));
            }
        }
        return entries;
    }

    /// <summary>A scalar, [flow sequence] or {flow mapping}.</summary>
    public static object ParseValue(string text, int line, Func<int, string, Exception> error)
    {
        text = text.Trim();
        if (text.StartsWith('['))
        {
            if (!text.EndsWith(']')) throw error(line, $"'{text}' has no closing ].");
            return SplitFlow(text[1..^1], line, error).Select(p => ParseValue(p, line, error)).ToList();
        }
        if (text.StartsWith('{'))
        {
            if (!text.EndsWith('}')) throw error(line, $"'{text}' has no closing }}.");
            var map = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (string part in SplitFlow(text[1..^1], line, error))
            {
                if (!TrySplitPair(part, out string k, out string v)) throw error(line, $"'{part}' is not 'Key: value'.");
                if (!map.TryAdd(k, ParseValue(v, line, error))) throw error(line, $"'{k}' appears twice.");
            }
            return map;
        }
        return Scalar(text, line, error);
    }

    /// <summary>A plain or quoted scalar's value: 'it''s' and "say \"hi\"" unquoted; a plain one as written.</summary>
    public static string Scalar(string text, int line, Func<int, string, Exception> error)
    {
        text = text.Trim();
        if (text.StartsWith('\''))
        {
            if (text.Length < 2 || !text.EndsWith('\'')) throw error(line, $"Unterminated quoted value {text}.");
            return text[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }
        if (text.StartsWith('"'))
        {
            if (text.Length < 2 || !text.EndsWith('"')) throw error(line, $"Unterminated quoted value {text}.");
            return text[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>Splits "Key: value" (or "Key:") at the first ': ' outside quotes.</summary>
    private static bool TrySplitPair(string text, out string key, out string value)
    {
        (key, value) = (string.Empty, string.Empty);
        if (text.StartsWith('\'') || text.StartsWith('"')) return false;
        int colon = text.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0 && text.EndsWith(':')) colon = text.Length - 1;
        if (colon <= 0) return false;
        (key, value) = (text[..colon].Trim(), text[(colon + 1)..].Trim());
        return key.Length > 0 && !key.Contains(' ', StringComparison.Ordinal);
    }

    /// <summary>Splits the inside of [..] or {..} at the commas that are outside quotes and nested brackets.</summary>
    private static List<string> SplitFlow(string inner, int line, Func<int, string, Exception> error)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        char quote = '\0';
        for (int i = 0; i < inner.Length; i++)
        {
            char c = inner[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            switch (c)
            {
                case '\'' or '"': quote = c; break;
                case '[' or '{': depth++; break;
                case ']' or '}': depth--; break;
                case ',' when depth == 0:
                    parts.Add(inner[start..i]);
                    start = i + 1;
                    break;
            }
        }
        if (depth != 0 || quote != '\0') throw error(line, $"Unbalanced brackets or quotes in '{inner}'.");
        parts.Add(inner[start..]);
        return parts.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
    }
}
