using System.Management.Automation;
using System.Management.Automation.Language;
using System.Xml.Linq;
using Xunit;
using static CopilotSeats.Runspace.Tests.ModuleSpec;

namespace CopilotSeats.Runspace.Tests;

/// <summary>
/// The MAML help (en-US/CopilotSeats.dll-Help.xml) documents every cmdlet and parameter as Get-Command sees them,
/// Get-Help reads it, its examples parse, and the about topic exists.
/// </summary>
public sealed class HelpTests : SessionTests
{
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly XNamespace Msh = "http://msh";

    private static readonly string HelpPath = Path.Combine(PowerShellSession.RepoRoot, "out", "CopilotSeats", "en-US", "CopilotSeats.dll-Help.xml");
    private static readonly string AboutPath = Path.Combine(PowerShellSession.RepoRoot, "out", "CopilotSeats", "en-US", "about_CopilotSeats.help.txt");
    private static readonly Lazy<XDocument> s_help = new(() => XDocument.Load(HelpPath));

    public HelpTests(PowerShellSession ps) : base(ps) { }

    private static XElement HelpFor(string command) =>
        s_help.Value.Root!.Elements(Command + "command")
            .Single(c => c.Element(Command + "details")!.Element(Command + "name")!.Value.Trim() == command);

    private static string Text(XElement? e) => e is null ? string.Empty : string.Join(" ", e.Descendants(Maml + "para").Select(p => p.Value.Trim())).Trim();

    public static TheoryData<string> Commands() => new(ModuleSpec.Commands);

    public static TheoryData<string, string> CommandParameters()
    {
        var data = new TheoryData<string, string>();
        foreach (string command in ModuleSpec.Commands)
            foreach (string parameter in ParameterNames(command))
                data.Add(command, parameter);
        return data;
    }

    [Fact]
    public void Help_is_MAML_with_one_entry_per_cmdlet()
    {
        XElement root = s_help.Value.Root!;
        Assert.Equal(Msh + "helpItems", root.Name);
        Assert.Equal("maml", (string?)root.Attribute("schema"));
        var documented = root.Elements(Command + "command").Select(c => c.Element(Command + "details")!.Element(Command + "name")!.Value.Trim()).ToList();
        Assert.Equal(documented.Count, documented.Distinct().Count());
        Assert.Equal(Ps.Module.ExportedCmdlets.Keys.OrderBy(n => n, StringComparer.Ordinal), documented.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Get_Help_reads_the_synopsis_from_the_MAML(string command)
    {
        Ps.SetVariable("name", command);
        PSObject help = Assert.Single(Ps.Run("Get-Help -Name $name -Full").Ok());
        // Without the MAML file Get-Help invents a synopsis (the syntax line); with it, the synopsis is
        // the command:details description of out/CopilotSeats/en-US/CopilotSeats.dll-Help.xml.
        string synopsis = Text(HelpFor(command).Element(Command + "details")!.Element(Maml + "description"));
        Assert.False(string.IsNullOrWhiteSpace(synopsis), $"the MAML has no synopsis for {command}");
        Assert.Equal(synopsis, (help.Str("Synopsis") ?? "").Trim());
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_has_synopsis_description_verb_and_noun(string command)
    {
        XElement help = HelpFor(command);
        XElement details = help.Element(Command + "details")!;
        CmdletInfo cmd = Ps.Command(command);
        Assert.Equal(cmd.Verb, details.Element(Command + "verb")!.Value);
        Assert.Equal(cmd.Noun, details.Element(Command + "noun")!.Value);
        Assert.True(Text(details.Element(Maml + "description")).Length > 20, "synopsis");
        Assert.True(Text(help.Element(Maml + "description")).Length > 80, "description");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_has_at_least_two_examples(string command)
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
    [MemberData(nameof(Commands))]
    public void Every_help_example_parses_and_passes_only_parameters_the_cmdlets_have(string command)
    {
        Ps.SetVariable("name", command);
        var codes = Ps.Run("@((Get-Help -Name $name -Full).examples.example | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_.code })").Ok()
            .Select(o => o.ToString()).ToList();
        Assert.NotEmpty(codes);
        var ours = Ps.Module.ExportedCmdlets.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);
        int checkedParameters = 0;
        foreach (string code in codes)
        {
            Ast ast = Parser.ParseInput(code, out _, out ParseError[] errors);
            Assert.True(errors.Length == 0, $"the example '{code}' must parse: {errors.FirstOrDefault()?.Message}");
            foreach (CommandAst call in ast.FindAll(n => n is CommandAst c && ours.Contains(c.GetCommandName() ?? ""), true).Cast<CommandAst>())
            {
                var parameters = Ps.Command(call.GetCommandName()).Parameters.Values;
                var names = parameters.Select(p => p.Name).Concat(parameters.SelectMany(p => p.Aliases))
                    .Concat(Cmdlet.CommonParameters).Concat(Cmdlet.OptionalCommonParameters).ToHashSet(StringComparer.OrdinalIgnoreCase);
                foreach (CommandParameterAst p in call.CommandElements.OfType<CommandParameterAst>())
                {
                    Assert.True(names.Contains(p.ParameterName), $"'{code}' passes -{p.ParameterName} to {call.GetCommandName()}");
                    checkedParameters++;
                }
            }
        }
        if (command != "Disconnect-Copilot") Assert.True(checkedParameters > 0);
    }

    [Theory]
    [MemberData(nameof(CommandParameters))]
    public void Help_documents_parameter(string command, string parameter)
    {
        ParameterMetadata metadata = Ps.Command(command).Parameters[parameter];
        var entries = HelpFor(command).Element(Command + "parameters")!.Elements(Command + "parameter")
            .Where(p => p.Element(Maml + "name")!.Value.Trim() == parameter).ToList();
        XElement entry = Assert.Single(entries);
        Assert.True(Text(entry.Element(Maml + "description")).Length > 20, "description");
        Assert.Equal(metadata.ParameterType.FullName, entry.Element(Dev + "type")?.Element(Maml + "name")?.Value.Trim());

        var sets = metadata.ParameterSets.Values.ToList();
        bool byValue = sets.Any(s => s.ValueFromPipeline);
        bool byName = sets.Any(s => s.ValueFromPipelineByPropertyName);
        string pipeline = (string?)entry.Attribute("pipelineInput") ?? string.Empty;
        Assert.Equal(byValue || byName, pipeline.StartsWith("True", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(byValue, pipeline.Contains("ByValue", StringComparison.Ordinal));
        Assert.Equal(byName, pipeline.Contains("ByPropertyName", StringComparison.Ordinal));
        Assert.Equal(sets.All(s => s.IsMandatory), (string?)entry.Attribute("required") == "true");

        string documentedAliases = (string?)entry.Attribute("aliases") ?? "none";
        Assert.Equal(metadata.Aliases.Count == 0 ? "none" : string.Join(", ", metadata.Aliases), documentedAliases);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_documents_no_parameter_that_does_not_exist(string command)
    {
        CmdletInfo cmd = Ps.Command(command);
        var real = CommandShapeTests.OwnParameters(cmd).Select(p => p.Name).ToHashSet();
        bool shouldProcess = new CommandMetadata(cmd).SupportsShouldProcess;
        if (shouldProcess) { real.Add("WhatIf"); real.Add("Confirm"); }
        var documented = HelpFor(command).Descendants(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value.Trim()).ToHashSet();
        Assert.Empty(documented.Except(real));
        if (shouldProcess) Assert.Contains("WhatIf", documented);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_syntax_has_one_item_per_parameter_set(string command)
    {
        var items = HelpFor(command).Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
        Assert.Equal(Ps.Command(command).ParameterSets.Count, items.Count);
        Assert.All(items, i => Assert.Equal(command, i.Element(Maml + "name")!.Value.Trim()));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_has_inputs_and_outputs_matching_OutputType(string command)
    {
        XElement help = HelpFor(command);
        Assert.NotEmpty(help.Element(Command + "inputTypes")!.Elements(Command + "inputType"));
        var outputs = help.Element(Command + "returnValues")!.Elements(Command + "returnValue")
            .Select(r => r.Element(Dev + "type")!.Element(Maml + "name")!.Value.Trim()).ToList();
        var declared = Ps.Command(command).OutputType.Select(t => t.Name).Where(n => n != "System.Void").ToList();
        if (declared.Count == 0) Assert.Equal(new[] { "None" }, outputs);
        else Assert.Equal(declared, outputs);
    }

    [Fact]
    public void Help_carries_the_specified_report_and_dry_run_examples()
    {
        var code = HelpFor("Get-CopilotSeat").Descendants(Dev + "code").Select(c => c.Value).ToList();
        Assert.Contains(code, c => c.Contains("Get-CopilotSeat -Organization octo-org | Export-Csv seats.csv -NoTypeInformation", StringComparison.Ordinal));
        Assert.Contains(code, c => c.Contains("Get-CopilotSeat -Organization octo-org -InactiveDays 90", StringComparison.Ordinal)
                                   && c.Contains("Remove-CopilotUser -WhatIf", StringComparison.Ordinal)
                                   // Remove-CopilotUser keeps team-granted and pending seats back itself: no Where-Object workaround.
                                   && !c.Contains("$_.AssigningTeam", StringComparison.Ordinal));
        // The same selection written out, in a form Windows PowerShell 5.1 can parse: no ?? / ?. / ternary.
        Assert.Contains(code, c => c.Contains("Remove-CopilotUser -Organization octo-org -WhatIf", StringComparison.Ordinal)
                                   && c.Contains("CreatedAt", StringComparison.Ordinal) && !c.Contains("??", StringComparison.Ordinal) && !c.Contains("?.", StringComparison.Ordinal));
    }

    [Fact]
    public void Help_has_no_placeholders()
    {
        string text = File.ReadAllText(HelpPath);
        foreach (string marker in new[] { "{{", "TODO", "Fill in", "FIXME", "example.com" })
            Assert.DoesNotContain(marker, text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void About_topic_covers_auth_scopes_simulator_rate_limits_and_retries()
    {
        string text = File.ReadAllText(AboutPath);
        Assert.StartsWith("TOPIC", text.TrimStart('\uFEFF'));
        Assert.Contains("about_CopilotSeats", text);
        foreach (string must in new[] { "GH_TOKEN", "GITHUB_TOKEN", "gh auth token", "Connect-Copilot", "manage_billing:copilot", "read:org",
                     "SIMULATOR", "RATE LIMITS", "RETRIES", "-MaxRateLimitWait", "-MaxRetries", "CopilotSeats.NoToken", "CopilotSeats.RateLimited",
                     "RECLAIMING SEATS", "CopilotSeats.TeamAssigned", "CopilotSeats.NoSeat", "-Exclude", "TAB COMPLETION", "PROGRESS", "Batch k of n" })
            Assert.Contains(must, text);
        // The resolution order is stated in order.
        int[] order = new[] { "the -Token parameter", "Connect-Copilot -Token", "GH_TOKEN environment", "GITHUB_TOKEN environment", "gh auth token" }
            .Select(s => text.IndexOf(s, StringComparison.Ordinal)).ToArray();
        Assert.All(order, i => Assert.True(i >= 0));
        Assert.Equal(order.OrderBy(i => i), order);
    }

    [Fact]
    public void About_topic_and_help_cover_the_report()
    {
        string text = File.ReadAllText(AboutPath);
        int report = text.IndexOf("\nREPORT\n", StringComparison.Ordinal);
        Assert.True(report > 0, "about_CopilotSeats has no REPORT section");
        foreach (string must in new[] { "Export-CopilotSeatReport", "-InactiveDays", "-Price", "-PassThru", "-NoClobber", "-WhatIf", "never used",
                     "Measure-CopilotSeat", "HTML-encoded", "no script", "CopilotSeats.FileExists" })
            Assert.Contains(must, text[report..]);
        string description = Text(HelpFor("Export-CopilotSeatReport").Element(Maml + "description"));
        foreach (string must in new[] { "no script", "0-7, 8-30, 31-60, 61-90, over 90", "reclaimable", "HTML-encoded", "Measure-CopilotSeat", "ShouldProcess" })
            Assert.Contains(must, description);
    }

    [Fact]
    public void About_topic_names_every_default_view_and_how_to_install()
    {
        string text = File.ReadAllText(AboutPath);
        int views = text.IndexOf("\nVIEWS\n", StringComparison.Ordinal);
        Assert.True(views > 0, "about_CopilotSeats has no VIEWS section");
        int end = text.IndexOf("\n\n", text.IndexOf("\n    CopilotSeat ", views, StringComparison.Ordinal), StringComparison.Ordinal);
        string section = text[views..(end < 0 ? text.Length : end)];
        string format = Path.Combine(PowerShellSession.RepoRoot, "out", "CopilotSeats", "CopilotSeats.Format.ps1xml");
        IEnumerable<string> types = XDocument.Load(format).Descendants("ViewSelectedBy").Elements("TypeName").Select(t => t.Value.Trim()).Distinct();
        Assert.NotEmpty(types);
        foreach (string type in types)
        {
            string name = type.Substring(type.LastIndexOf('.') + 1);
            Assert.True(section.Contains("\n    " + name + " ", StringComparison.Ordinal), $"VIEWS in about_CopilotSeats does not describe the {name} view");
        }
        int install = text.IndexOf("\nINSTALLING\n", StringComparison.Ordinal);
        Assert.True(install > 0, "about_CopilotSeats has no INSTALLING section");
        foreach (string must in new[] { "build.ps1 -Task Package", "Install-PSResource", "Uninstall-PSResource", "CHANGELOG.md" })
            Assert.Contains(must, text[install..]);
    }
}
