namespace CopilotSeats.HelpBuilder.Tests;

public sealed class CommandHelpReaderTests
{
    [Fact]
    public void Reads_every_section()
    {
        CommandHelp help = SampleHelp.Read();
        Assert.Equal(("Get-Widget", "Get", "Widget"), (help.Name, help.Verb, help.Noun));
        Assert.Equal(new[] { "Gets widgets & more." }, help.Synopsis);
        Assert.Equal(new[] { "Get-Widget gets widgets, one line wrapped in two.", "A second paragraph with <markup> and \"quotes\"." }, help.Description);
        Assert.Equal(new[] { ("Name", true), ("Id", false) }, help.Syntax.Select(s => (s.Name, s.IsDefault)));
        ExampleHelp example = Assert.Single(help.Examples);
        Assert.Equal("Example 1: All widgets", example.Title);
        Assert.Equal("Get-Widget -Name *\nGet-Widget -Id 1", example.Code);
        Assert.Equal(new[] { "Gets every widget." }, example.Remarks);
        Assert.Equal(new[] { "WhatIf", "Name", "Id", "Kind", "Force" }, help.Parameters.Select(p => p.Name));
        Assert.Equal("System.String", Assert.Single(help.Inputs).Name);
        Assert.Equal(new[] { "Names." }, help.Inputs[0].Description);
        Assert.Equal("Contoso.Widget", Assert.Single(help.Outputs).Name);
        Assert.Equal(new[] { "A note." }, help.Notes);
        Assert.Equal(new[] { new LinkHelp("about_Widgets", ""), new LinkHelp("Online", "https://contoso.invalid/widgets") }, help.Links);
    }

    [Fact]
    public void Reads_the_parameter_yaml()
    {
        CommandHelp help = SampleHelp.Read();
        ParameterHelp name = help.Parameters.Single(p => p.Name == "Name");
        Assert.Equal(("System.String[]", "String[]", "None", true, true), (name.Type, name.ShortType, name.DefaultValue, name.SupportsWildcards, name.IsArray));
        Assert.Equal(new[] { "Login", "N" }, name.Aliases);
        Assert.Equal(new ParameterSetEntry("Name", 0, true, true, true), Assert.Single(name.Sets));
        ParameterHelp id = help.Parameters.Single(p => p.Name == "Id");
        Assert.Equal(new ParameterSetEntry("Id", null, true, false, true), Assert.Single(id.Sets));
        ParameterHelp kind = help.Parameters.Single(p => p.Name == "Kind");
        Assert.Equal("Any", kind.DefaultValue);
        Assert.Equal(new[] { "Any", "Round", "Square" }, kind.AcceptedValues);
        Assert.Equal(new[] { false, true }, kind.Sets.Select(s => s.IsRequired));
        ParameterHelp force = help.Parameters.Single(p => p.Name == "Force");
        Assert.True(force.IsSwitch);
        Assert.Equal(new ParameterSetEntry(ParameterHelp.AllSets, null, false, false, false), Assert.Single(force.Sets));
    }

    [Fact]
    public void Syntax_lines_are_made_from_the_parameters()
    {
        CommandHelp help = SampleHelp.Read();
        Assert.Equal("Get-Widget [-Name] <String[]> [-Kind <String>] [-Force] [-WhatIf] [<CommonParameters>]", SyntaxLine.Render(help, "Name"));
        Assert.Equal("Get-Widget -Id <Int64> -Kind <String> [-Force] [-WhatIf] [<CommonParameters>]", SyntaxLine.Render(help, "Id"));
    }

    [Fact]
    public void A_stale_syntax_line_fails_with_the_line_it_should_be()
    {
        var ex = SampleHelp.Fails(SampleHelp.With("[-Kind <String>] [-Force] [-WhatIf]", "[-Force] [-WhatIf]"),
            "it should read:\nGet-Widget [-Name] <String[]> [-Kind <String>] [-Force] [-WhatIf] [<CommonParameters>]");
        Assert.Equal(16, ex.Line);
        Assert.StartsWith("Get-Widget.md(16): error HELP001: The SYNTAX of set 'Name'", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("title: Get-Widget", "title: Get-Gadget", "title 'Get-Gadget' and the # title 'Get-Widget' differ")]
    [InlineData("document type: cmdlet", "document type: about", "document type: cmdlet")]
    [InlineData("## NOTES", "## REMARKS", "The ## sections must be SYNOPSIS, SYNTAX")]
    [InlineData("### -Force\nDoes it anyway.\n```yaml", "### -Force\nDoes it anyway.\n```text", "one ```yaml block")]
    [InlineData("### -Force\nDoes it anyway.\n", "### -Force\n", "-Force has no description")]
    [InlineData("ParameterSets: [{Name: (All), Position: Named}]", "Paramsets: [{Name: (All)}]", "Unknown key 'Paramsets'")]
    [InlineData("ParameterSets: [{Name: (All), Position: Named}]", "ParameterSets: [{Name: Other}]", "names the set 'Other', which SYNTAX does not list")]
    [InlineData("ParameterSets: [{Name: (All), Position: Named}]", "ParameterSets: [{Name: (All), Position: first}]", "Position must be Named or a number")]
    [InlineData("ParameterSets: [{Name: (All), Position: Named}]", "ParameterSets: [{Name: (All), IsRequired: maybe}]", "IsRequired must be true or false")]
    [InlineData("ParameterSets: [{Name: (All), Position: Named}]", "DontShow: false", "has no ParameterSets entry")]
    [InlineData("### -Id\n", "### -Name\n", "-Name is documented twice")]
    [InlineData("### Id\n", "### Name (Default)\n", "A SYNTAX set is listed twice")]
    [InlineData("Gets every widget.\n", "", "has no text after its code")]
    [InlineData("- [about_Widgets]()", "* about_Widgets", "is not '- [text](uri)'")]
    [InlineData("A note.", "```\ncode\n```", "would be lost")]
    [InlineData("## PARAMETERS\n", "## PARAMETERS\n\nStray text.\n", "Text directly under ## PARAMETERS would be lost")]
    [InlineData("## NOTES\n", "## NOTES\n\n### Remarks\n", "## NOTES takes no ### headings")]
    [InlineData("- [Online](https://contoso.invalid/widgets)", "```\nopen", "without its closing ```")]
    public void Rejects_help_it_would_misread(string find, string replace, string message) =>
        SampleHelp.Fails(SampleHelp.With(find, replace), message);

    [Fact]
    public void Line_endings_do_not_matter()
    {
        CommandHelp lf = SampleHelp.Read();
        CommandHelp crlf = SampleHelp.Read(SampleHelp.Markdown.Replace("\n", "\r\n", StringComparison.Ordinal));
        Assert.Equal(MamlWriter.Write(new[] { lf }), MamlWriter.Write(new[] { crlf }));
    }
}
