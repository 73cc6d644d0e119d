using System.Reflection;
using System.Xml.Linq;
using Xunit;
using static CopilotSeats.Module.Tests.ModuleUnderTest;

namespace CopilotSeats.Module.Tests;

/// <summary>The MAML help (en-US/CopilotSeats.dll-Help.xml) documents every cmdlet and parameter, and the about topic exists.</summary>
public class HelpTests
{
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly XNamespace Msh = "http://msh";

    private static readonly Lazy<XDocument> s_help = new(() => XDocument.Load(HelpPath));

    private static XElement HelpFor(string command) =>
        s_help.Value.Root!.Elements(Command + "command")
            .Single(c => c.Element(Command + "details")!.Element(Command + "name")!.Value.Trim() == command);

    private static string Text(XElement? e) => e is null ? string.Empty : string.Join(" ", e.Descendants(Maml + "para").Select(p => p.Value.Trim())).Trim();

    public static TheoryData<string> Commands() => new(CmdletShapeTests.ExpectedCommands);

    public static TheoryData<string, string> CommandParameters()
    {
        var data = new TheoryData<string, string>();
        foreach (Type type in CmdletTypes)
            foreach (PropertyInfo p in ParameterProperties(type))
                data.Add(CommandName(type), p.Name);
        return data;
    }

    [Fact]
    public void Help_IsMamlWithOneEntryPerCmdlet()
    {
        XElement root = s_help.Value.Root!;
        Assert.Equal(Msh + "helpItems", root.Name);
        Assert.Equal("maml", (string?)root.Attribute("schema"));
        var documented = root.Elements(Command + "command").Select(c => c.Element(Command + "details")!.Element(Command + "name")!.Value.Trim()).ToList();
        Assert.Equal(documented.Count, documented.Distinct().Count());
        Assert.Equal(CmdletTypes.Select(CommandName).OrderBy(n => n, StringComparer.Ordinal), documented.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_HasSynopsisDescriptionVerbAndNoun(string command)
    {
        XElement help = HelpFor(command);
        XElement details = help.Element(Command + "details")!;
        Assert.Equal(command.Split('-')[0], details.Element(Command + "verb")!.Value);
        Assert.Equal(command.Split('-')[1], details.Element(Command + "noun")!.Value);
        Assert.True(Text(details.Element(Maml + "description")).Length > 20, "synopsis");
        Assert.True(Text(help.Element(Maml + "description")).Length > 80, "description");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_HasAtLeastTwoExamples(string command)
    {
        var examples = HelpFor(command).Element(Command + "examples")?.Elements(Command + "example").ToList() ?? new();
        Assert.True(examples.Count >= 2, $"{command}: {examples.Count} examples");
        foreach (XElement example in examples)
        {
            Assert.False(string.IsNullOrWhiteSpace(example.Element(Maml + "title")?.Value));
            Assert.False(string.IsNullOrWhiteSpace(example.Element(Dev + "code")?.Value));
            Assert.False(string.IsNullOrWhiteSpace(Text(example.Element(Dev + "remarks"))));
        }
        string allCode = string.Join("\n", examples.Select(e => e.Element(Dev + "code")!.Value));
        if (command != "Disconnect-Copilot") Assert.Contains(command, allCode);
    }

    [Theory]
    [MemberData(nameof(CommandParameters))]
    public void Help_DocumentsParameter(string command, string parameter)
    {
        PropertyInfo property = ParameterProperties(CmdletType(command)).Single(p => p.Name == parameter);
        var entries = HelpFor(command).Element(Command + "parameters")!.Elements(Command + "parameter")
            .Where(p => p.Element(Maml + "name")!.Value.Trim() == parameter).ToList();
        XElement entry = Assert.Single(entries);
        Assert.True(Text(entry.Element(Maml + "description")).Length > 20, "description");
        Assert.Equal(property.PropertyType.FullName, entry.Element(Dev + "type")?.Element(Maml + "name")?.Value.Trim());

        var attributes = AttributesNamed(property, ParameterAttribute).ToList();
        bool byValue = attributes.Any(a => Named<bool>(a, "ValueFromPipeline"));
        bool byName = attributes.Any(a => Named<bool>(a, "ValueFromPipelineByPropertyName"));
        string pipeline = (string?)entry.Attribute("pipelineInput") ?? string.Empty;
        Assert.Equal(byValue || byName, pipeline.StartsWith("True", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(byValue, pipeline.Contains("ByValue", StringComparison.Ordinal));
        Assert.Equal(byName, pipeline.Contains("ByPropertyName", StringComparison.Ordinal));
        bool mandatoryEverywhere = attributes.All(a => Named<bool>(a, "Mandatory"));
        Assert.Equal(mandatoryEverywhere, (string?)entry.Attribute("required") == "true");

        var aliases = AttributesNamed(property, "System.Management.Automation.AliasAttribute")
            .SelectMany(a => ((IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!).Select(v => (string)v.Value!)).ToList();
        string documentedAliases = (string?)entry.Attribute("aliases") ?? "none";
        Assert.Equal(aliases.Count == 0 ? "none" : string.Join(", ", aliases), documentedAliases);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_DocumentsNoParameterThatDoesNotExist(string command)
    {
        var real = ParameterProperties(CmdletType(command)).Select(p => p.Name).ToHashSet();
        bool shouldProcess = Named<bool>(CmdletAttributeOf(CmdletType(command)), "SupportsShouldProcess");
        if (shouldProcess) { real.Add("WhatIf"); real.Add("Confirm"); }
        var documented = HelpFor(command).Descendants(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value.Trim()).ToHashSet();
        Assert.Empty(documented.Except(real));
        if (shouldProcess) Assert.Contains("WhatIf", documented);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_SyntaxHasOneItemPerParameterSet(string command)
    {
        Type type = CmdletType(command);
        var sets = ParameterProperties(type).SelectMany(p => AttributesNamed(p, ParameterAttribute))
            .Select(a => Named(a, "ParameterSetName", "__AllParameterSets")).Where(s => s != "__AllParameterSets").Distinct().Count();
        var items = HelpFor(command).Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
        Assert.Equal(Math.Max(1, sets), items.Count);
        Assert.All(items, i => Assert.Equal(command, i.Element(Maml + "name")!.Value.Trim()));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_HasInputsAndOutputsMatchingOutputType(string command)
    {
        XElement help = HelpFor(command);
        Assert.NotEmpty(help.Element(Command + "inputTypes")!.Elements(Command + "inputType"));
        var outputs = help.Element(Command + "returnValues")!.Elements(Command + "returnValue")
            .Select(r => r.Element(Dev + "type")!.Element(Maml + "name")!.Value.Trim()).ToList();
        var declared = AttributesNamed(CmdletType(command), "System.Management.Automation.OutputTypeAttribute")
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => (IEnumerable<CustomAttributeTypedArgument>)arg.Value!)
            .Select(v => ((Type)v.Value!).FullName!).Where(n => n != "System.Void").ToList();
        if (declared.Count == 0) Assert.Equal(new[] { "None" }, outputs);
        else Assert.Equal(declared, outputs);
    }

    [Fact]
    public void Help_CarriesTheSpecifiedReportAndDryRunExamples()
    {
        var code = HelpFor("Get-CopilotSeat").Descendants(Dev + "code").Select(c => c.Value).ToList();
        Assert.Contains(code, c => c.Contains("Get-CopilotSeat -Organization octo-org | Export-Csv seats.csv -NoTypeInformation", StringComparison.Ordinal));
        Assert.Contains(code, c => c.Contains("Get-CopilotSeat -Organization octo-org -InactiveDays 90", StringComparison.Ordinal)
                                   && c.Contains("AssigningTeam", StringComparison.Ordinal) && c.Contains("Remove-CopilotUser -WhatIf", StringComparison.Ordinal));
        // The same selection written out, in a form Windows PowerShell 5.1 can parse: no ?? / ?. / ternary.
        Assert.Contains(code, c => c.Contains("Remove-CopilotUser -Organization octo-org -WhatIf", StringComparison.Ordinal)
                                   && c.Contains("CreatedAt", StringComparison.Ordinal) && !c.Contains("??", StringComparison.Ordinal) && !c.Contains("?.", StringComparison.Ordinal));
    }

    [Fact]
    public void Help_HasNoPlaceholders()
    {
        string text = File.ReadAllText(HelpPath);
        foreach (string marker in new[] { "{{", "TODO", "Fill in", "FIXME", "example.com" })
            Assert.DoesNotContain(marker, text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AboutTopic_CoversAuthScopesSimulatorRateLimitsAndRetries()
    {
        string text = File.ReadAllText(AboutPath);
        Assert.StartsWith("TOPIC", text.TrimStart('\uFEFF'));
        Assert.Contains("about_CopilotSeats", text);
        foreach (string must in new[] { "GH_TOKEN", "GITHUB_TOKEN", "gh auth token", "Connect-Copilot", "manage_billing:copilot", "read:org",
                     "SIMULATOR", "RATE LIMITS", "RETRIES", "-MaxRateLimitWait", "-MaxRetries", "CopilotSeats.NoToken", "CopilotSeats.RateLimited" })
            Assert.Contains(must, text);
        // The resolution order is stated in order.
        int[] order = new[] { "the -Token parameter", "Connect-Copilot -Token", "GH_TOKEN environment", "GITHUB_TOKEN environment", "gh auth token" }
            .Select(s => text.IndexOf(s, StringComparison.Ordinal)).ToArray();
        Assert.All(order, i => Assert.True(i >= 0));
        Assert.Equal(order.OrderBy(i => i), order);
    }
}
