namespace CopilotSeats.HelpBuilder;

/// <summary>
/// A parameter set's syntax line as the markdown shows it, made from the parameters' yaml: positional names in
/// [brackets], optional parameters in [brackets], value placeholders as &lt;ShortType&gt;, then [&lt;CommonParameters&gt;].
/// </summary>
public static class SyntaxLine
{
    public static string Render(CommandHelp help, string set)
    {
        var parts = new List<string> { help.Name };
        foreach (var (parameter, entry) in help.ParametersOf(set))
        {
            string name = entry.Position is null ? "-" + parameter.Name : "[-" + parameter.Name + "]";
            string text = parameter.IsSwitch ? name : $"{name} <{parameter.ShortType}>";
            parts.Add(entry.IsRequired ? text : "[" + text + "]");
        }
        parts.Add("[<CommonParameters>]");
        return string.Join(" ", parts);
    }
}
