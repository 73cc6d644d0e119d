namespace CopilotSeats.HelpBuilder;

/// <summary>
/// A parameter's ```yaml block, platyPS keys: Type and ParameterSets are required; DefaultValue (None when absent),
/// SupportsWildcards, Aliases, DontShow and AcceptedValues may be left out when they have no value. Each
/// ParameterSets entry has Name ((All) or a set), Position (Named or a number), IsRequired, ValueFromPipeline and
/// ValueFromPipelineByPropertyName (false when absent).
/// </summary>
public static class ParameterBlock
{
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "ParameterValue", "HelpMessage" };

    private static readonly HashSet<string> EntryKeys = new(StringComparer.Ordinal)
    {
        "Name", "Position", "IsRequired", "ValueFromPipeline", "ValueFromPipelineByPropertyName", "ValueFromRemainingArguments",
    };

    public static ParameterHelp Read(MarkdownDocument doc, string name, IReadOnlyList<string> description, MarkdownBlock block)
    {
        Exception Error(int line, string message) => doc.Error(block.Line + line, $"-{name}: {message}");
        var values = new Dictionary<string, (object Value, int Line)>(StringComparer.Ordinal);
        foreach (var (key, value, line) in YamlBlock.Parse(block.Lines, Error)) values[key] = (value, line);

        string type = string.Empty, defaultValue = "None";
        bool wildcards = false, dontShow = false;
        IReadOnlyList<string> aliases = Array.Empty<string>(), accepted = Array.Empty<string>();
        var sets = new List<ParameterSetEntry>();
        foreach (var (key, (value, line)) in values)
        {
            switch (key)
            {
                case "Type": type = Text(value, key, line, Error); break;
                case "DefaultValue": defaultValue = Text(value, key, line, Error) is { Length: > 0 } d ? d : "None"; break;
                case "SupportsWildcards": wildcards = Bool(value, key, line, Error); break;
                case "DontShow": dontShow = Bool(value, key, line, Error); break;
                case "Aliases": aliases = Texts(value, key, line, Error); break;
                case "AcceptedValues": accepted = Texts(value, key, line, Error); break;
                case "ParameterSets":
                    if (value is not List<object> items) throw Error(line, "ParameterSets must be a list.");
                    foreach (object item in items) sets.Add(Entry(item, line, Error));
                    break;
                default:
                    if (!Ignored.Contains(key)) throw Error(line, $"Unknown key '{key}'.");
                    break;
            }
        }
        if (type.Length == 0) throw Error(0, "The yaml block has no Type.");
        if (sets.Count == 0) throw Error(0, "The yaml block has no ParameterSets entry.");
        if (sets.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() != sets.Count) throw Error(0, "A parameter set is listed twice.");
        if (sets.Count > 1 && sets.Any(s => s.Name == ParameterHelp.AllSets)) throw Error(0, "(All) cannot be listed beside named sets.");
        return new ParameterHelp(name, description, type, defaultValue, wildcards, aliases, sets, dontShow, accepted);
    }

    private static ParameterSetEntry Entry(object item, int line, Func<int, string, Exception> error)
    {
        if (item is not Dictionary<string, object> map) throw error(line, "Each ParameterSets entry must be a mapping ({Name: ..., Position: ...}).");
        foreach (string key in map.Keys.Where(k => !EntryKeys.Contains(k))) throw error(line, $"Unknown ParameterSets key '{key}'.");
        if (!map.TryGetValue("Name", out object? name) || Text(name, "Name", line, error) is not { Length: > 0 } set) throw error(line, "A ParameterSets entry has no Name.");
        int? position = null;
        string positionText = map.TryGetValue("Position", out object? p) ? Text(p, "Position", line, error) : "Named";
        if (!positionText.Equals("Named", StringComparison.OrdinalIgnoreCase))
        {
            if (!int.TryParse(positionText, out int number) || number < 0) throw error(line, $"Position must be Named or a number, not '{positionText}'.");
            position = number;
        }
        bool Flag(string key) => map.TryGetValue(key, out object? v) && Bool(v, key, line, error);
        return new ParameterSetEntry(set, position, Flag("IsRequired"), Flag("ValueFromPipeline"), Flag("ValueFromPipelineByPropertyName"));
    }

    private static string Text(object value, string key, int line, Func<int, string, Exception> error) =>
        value as string ?? (value is List<object> { Count: 0 } ? string.Empty : throw error(line, $"{key} must be a single value."));

    private static IReadOnlyList<string> Texts(object value, string key, int line, Func<int, string, Exception> error) => value switch
    {
        List<object> list => list.Select(v => v as string ?? throw error(line, $"{key} must list single values.")).ToArray(),
        string s when s.Length > 0 => new[] { s },
        _ => Array.Empty<string>(),
    };

    private static bool Bool(object value, string key, int line, Func<int, string, Exception> error) =>
        Text(value, key, line, error).ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            string other => throw error(line, $"{key} must be true or false, not '{other}'."),
        };
}
