using System.Xml.Linq;

namespace CopilotSeats.HelpBuilder.Tests;

public sealed class MamlWriterTests
{
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private static readonly string Text = MamlWriter.Write(new[] { SampleHelp.Read() });
    private static readonly XElement Root = XDocument.Parse(Text).Root!;
    private static XElement CommandElement => Root.Element(Command + "command")!;

    private static XElement ParameterIn(XElement parent, string name) =>
        parent.Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == name);

    private static XElement Parameter(string name) => ParameterIn(CommandElement.Element(Command + "parameters")!, name);

    private static string Attr(XElement e, string name) => (string)e.Attribute(name)!;

    [Fact]
    public void Writes_MAML_that_Get_Help_reads()
    {
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<helpItems schema=\"maml\" xmlns=\"http://msh\">\n", Text, StringComparison.Ordinal);
        XElement details = CommandElement.Element(Command + "details")!;
        Assert.Equal(("Get-Widget", "Get", "Widget"), (details.Element(Command + "name")!.Value, details.Element(Command + "verb")!.Value, details.Element(Command + "noun")!.Value));
        Assert.Equal("Gets widgets & more.", details.Element(Maml + "description")!.Value.Trim());
        Assert.Equal(2, CommandElement.Element(Maml + "description")!.Elements(Maml + "para").Count());
        Assert.Contains("with <markup> and \"quotes\".", CommandElement.Element(Maml + "description")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Is_deterministic_LF_only_and_without_byte_order_mark()
    {
        Assert.Equal(Text, MamlWriter.Write(new[] { SampleHelp.Read() }));
        Assert.DoesNotContain('\r', Text);
        Assert.NotEqual('\uFEFF', Text[0]);
        Assert.EndsWith("</helpItems>\n", Text, StringComparison.Ordinal);
        Assert.Contains("Gets widgets &amp; more.", Text, StringComparison.Ordinal);
        Assert.Contains("with &lt;markup&gt; and \"quotes\".", Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_section_merges_the_sets()
    {
        XElement name = Parameter("Name");
        Assert.Equal(("true", "true", "true", "True (ByPropertyName, ByValue)", "0", "Login, N"),
            (Attr(name, "required"), Attr(name, "variableLength"), Attr(name, "globbing"), Attr(name, "pipelineInput"), Attr(name, "position"), Attr(name, "aliases")));
        Assert.Equal("String[]", name.Element(Command + "parameterValue")!.Value);
        Assert.Equal("System.String[]", name.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.Equal("None", name.Element(Dev + "defaultValue")!.Value);

        // Required in one set only: not required overall.
        XElement kind = Parameter("Kind");
        Assert.Equal(("false", "False", "named", "none"), (Attr(kind, "required"), Attr(kind, "pipelineInput"), Attr(kind, "position"), Attr(kind, "aliases")));
        Assert.Equal(new[] { "Any", "Round", "Square" }, kind.Element(Command + "parameterValueGroup")!.Elements(Command + "parameterValue").Select(v => v.Value));
        Assert.Equal("True (ByPropertyName)", Attr(Parameter("Id"), "pipelineInput"));
    }

    [Fact]
    public void Switches_have_no_value_placeholder()
    {
        XElement force = Parameter("Force");
        Assert.Null(force.Element(Command + "parameterValue"));
        Assert.Equal(("System.Management.Automation.SwitchParameter", "False"), (force.Element(Dev + "type")!.Element(Maml + "name")!.Value, force.Element(Dev + "defaultValue")!.Value));
        Assert.Equal("wi", Attr(Parameter("WhatIf"), "aliases"));
    }

    [Fact]
    public void One_syntax_item_per_set_with_that_sets_values_and_ShouldProcess_last()
    {
        var items = CommandElement.Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal("Get-Widget", i.Element(Maml + "name")!.Value));
        Assert.Equal(new[] { "Name", "Kind", "Force", "WhatIf" }, items[0].Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value));
        Assert.Equal(new[] { "Id", "Kind", "Force", "WhatIf" }, items[1].Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value));
        Assert.Equal("false", Attr(ParameterIn(items[0], "Kind"), "required"));
        Assert.Equal("true", Attr(ParameterIn(items[1], "Kind"), "required"));
        Assert.Equal("Shows what would happen.", ParameterIn(items[1], "WhatIf").Element(Maml + "description")!.Value.Trim());
    }

    [Fact]
    public void Examples_inputs_outputs_notes_and_links()
    {
        XElement example = Assert.Single(CommandElement.Element(Command + "examples")!.Elements(Command + "example"));
        Assert.Equal("-------------------------- Example 1: All widgets --------------------------", example.Element(Maml + "title")!.Value);
        Assert.Equal("Get-Widget -Name *\nGet-Widget -Id 1", example.Element(Dev + "code")!.Value);
        Assert.Equal("Gets every widget.", example.Element(Dev + "remarks")!.Value.Trim());
        Assert.Equal("System.String", CommandElement.Descendants(Command + "inputType").Single().Element(Dev + "type")!.Value.Trim());
        Assert.Equal("One per widget.", CommandElement.Descendants(Command + "returnValue").Single().Element(Maml + "description")!.Value.Trim());
        Assert.Equal("A note.", CommandElement.Element(Maml + "alertSet")!.Value.Trim());
        var links = CommandElement.Element(Command + "relatedLinks")!.Elements(Maml + "navigationLink")
            .Select(l => (l.Element(Maml + "linkText")!.Value, l.Element(Maml + "uri")!.Value)).ToList();
        Assert.Equal(new[] { ("about_Widgets", ""), ("Online", "https://contoso.invalid/widgets") }, links);
        Assert.Contains("<maml:uri />", Text, StringComparison.Ordinal);
    }
}
