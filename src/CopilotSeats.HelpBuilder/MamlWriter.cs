using System.Text;

namespace CopilotSeats.HelpBuilder;

/// <summary>
/// Writes the MAML file Get-Help reads (&lt;Module&gt;.dll-Help.xml): one command:command per cmdlet, in the order
/// given, two-space indentation, LF line endings, no byte order mark. The same help always gives the same bytes.
/// </summary>
public static class MamlWriter
{
    private const string Namespaces =
        "xmlns:maml=\"http://schemas.microsoft.com/maml/2004/10\" xmlns:command=\"http://schemas.microsoft.com/maml/dev/command/2004/10\" " +
        "xmlns:dev=\"http://schemas.microsoft.com/maml/dev/2004/10\" xmlns:MSHelp=\"http://msdn.microsoft.com/mshelp\"";

    private const string ExampleDashes = "--------------------------";

    public static string Write(IEnumerable<CommandHelp> commands)
    {
        var w = new Writer();
        w.Line(0, "<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        w.Line(0, "<helpItems schema=\"maml\" xmlns=\"http://msh\">");
        foreach (CommandHelp command in commands) Command(w, command);
        w.Line(0, "</helpItems>");
        return w.ToString();
    }

    private static void Command(Writer w, CommandHelp c)
    {
        w.Line(1, $"<command:command {Namespaces}>");
        w.Line(2, "<command:details>");
        w.Element(3, "command:name", c.Name);
        w.Element(3, "command:verb", c.Verb);
        w.Element(3, "command:noun", c.Noun);
        Description(w, 3, c.Synopsis);
        w.Line(2, "</command:details>");
        Description(w, 2, c.Description);

        w.Line(2, "<command:syntax>");
        foreach (SyntaxSet set in c.Syntax)
        {
            w.Line(3, "<command:syntaxItem>");
            w.Element(4, "maml:name", c.Name);
            foreach (var (parameter, entry) in c.ParametersOf(set.Name))
                Parameter(w, 4, parameter, entry.IsRequired, entry.Position, entry.ValueFromPipeline, entry.ValueFromPipelineByPropertyName);
            w.Line(3, "</command:syntaxItem>");
        }
        w.Line(2, "</command:syntax>");

        w.Line(2, "<command:parameters>");
        foreach (ParameterHelp p in c.Parameters)
        {
            // Across sets: required only where it is required in every set; the position of the first set (in
            // SYNTAX order) that has the parameter; pipeline input in any set.
            var entries = c.Syntax.Select(s => p.EntryFor(s.Name)).OfType<ParameterSetEntry>().DefaultIfEmpty(p.Sets[0]).ToList();
            Parameter(w, 3, p, entries.All(e => e.IsRequired), entries[0].Position,
                entries.Any(e => e.ValueFromPipeline), entries.Any(e => e.ValueFromPipelineByPropertyName));
        }
        w.Line(2, "</command:parameters>");

        Types(w, "command:inputTypes", "command:inputType", c.Inputs);
        Types(w, "command:returnValues", "command:returnValue", c.Outputs);

        w.Line(2, "<maml:alertSet>");
        w.Line(3, "<maml:alert>");
        foreach (string note in c.Notes) w.Element(4, "maml:para", note);
        w.Line(3, "</maml:alert>");
        w.Line(2, "</maml:alertSet>");

        w.Line(2, "<command:examples>");
        foreach (ExampleHelp example in c.Examples)
        {
            w.Line(3, "<command:example>");
            w.Element(4, "maml:title", $"{ExampleDashes} {example.Title} {ExampleDashes}");
            w.Element(4, "dev:code", example.Code);
            w.Line(4, "<dev:remarks>");
            foreach (string remark in example.Remarks) w.Element(5, "maml:para", remark);
            w.Line(4, "</dev:remarks>");
            w.Line(3, "</command:example>");
        }
        w.Line(2, "</command:examples>");

        w.Line(2, "<command:relatedLinks>");
        foreach (LinkHelp link in c.Links)
        {
            w.Line(3, "<maml:navigationLink>");
            w.Element(4, "maml:linkText", link.Text);
            w.Element(4, "maml:uri", link.Uri);
            w.Line(3, "</maml:navigationLink>");
        }
        w.Line(2, "</command:relatedLinks>");
        w.Line(1, "</command:command>");
    }

    private static void Parameter(Writer w, int depth, ParameterHelp p, bool required, int? position, bool byValue, bool byName)
    {
        string pipeline = (byName, byValue) switch
        {
            (true, true) => "True (ByPropertyName, ByValue)",
            (true, false) => "True (ByPropertyName)",
            (false, true) => "True (ByValue)",
            _ => "False",
        };
        string aliases = p.Aliases.Count == 0 ? "none" : string.Join(", ", p.Aliases);
        w.Line(depth, $"<command:parameter required=\"{Bool(required)}\" variableLength=\"{Bool(p.IsArray)}\" globbing=\"{Bool(p.SupportsWildcards)}\" " +
                      $"pipelineInput=\"{pipeline}\" position=\"{position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named"}\" aliases=\"{Writer.EscapeAttribute(aliases)}\">");
        w.Element(depth + 1, "maml:name", p.Name);
        Description(w, depth + 1, p.Description);
        if (p.AcceptedValues.Count > 0)
        {
            w.Line(depth + 1, "<command:parameterValueGroup>");
            foreach (string value in p.AcceptedValues)
                w.Line(depth + 2, $"<command:parameterValue required=\"false\" command:variableLength=\"false\">{Writer.Escape(value)}</command:parameterValue>");
            w.Line(depth + 1, "</command:parameterValueGroup>");
        }
        if (!p.IsSwitch)
            w.Line(depth + 1, $"<command:parameterValue required=\"true\" variableLength=\"{Bool(p.IsArray)}\">{Writer.Escape(p.ShortType)}</command:parameterValue>");
        w.Line(depth + 1, "<dev:type>");
        w.Element(depth + 2, "maml:name", p.Type);
        w.Line(depth + 2, "<maml:uri />");
        w.Line(depth + 1, "</dev:type>");
        w.Element(depth + 1, "dev:defaultValue", p.DefaultValue);
        w.Line(depth, "</command:parameter>");
    }

    private static void Types(Writer w, string list, string item, IReadOnlyList<TypeHelp> types)
    {
        w.Line(2, $"<{list}>");
        foreach (TypeHelp type in types)
        {
            w.Line(3, $"<{item}>");
            w.Line(4, "<dev:type>");
            w.Element(5, "maml:name", type.Name);
            w.Line(4, "</dev:type>");
            Description(w, 4, type.Description);
            w.Line(3, $"</{item}>");
        }
        w.Line(2, $"</{list}>");
    }

    private static void Description(Writer w, int depth, IReadOnlyList<string> paragraphs)
    {
        w.Line(depth, "<maml:description>");
        foreach (string paragraph in paragraphs) w.Element(depth + 1, "maml:para", paragraph);
        w.Line(depth, "</maml:description>");
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private sealed class Writer
    {
        private readonly StringBuilder _text = new();

        public void Line(int depth, string text) => _text.Append(' ', depth * 2).Append(text).Append('\n');

        /// <summary>&lt;name&gt;text&lt;/name&gt;, or &lt;name /&gt; for empty text; line breaks in the text are kept (code).</summary>
        public void Element(int depth, string name, string text) =>
            Line(depth, text.Length == 0 ? $"<{name} />" : $"<{name}>{Escape(text.Replace("\r\n", "\n", StringComparison.Ordinal))}</{name}>");

        public static string Escape(string text) =>
            text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

        public static string EscapeAttribute(string text) => Escape(text).Replace("\"", "&quot;", StringComparison.Ordinal);

        public override string ToString() => _text.ToString();
    }
}
