using System.Management.Automation;
using CopilotSeats.HelpBuilder;
using Xunit;

namespace CopilotSeats.Runspace.Tests;

/// <summary>
/// The help source (src/CopilotSeats/Help/*.md, from which the build makes the MAML) says what Get-Command says of
/// the built module: the same parameters, each with its type, aliases, wildcards, accepted values and, per parameter
/// set, position, mandatory and pipeline input; and the same parameter sets, with the same default.
/// </summary>
public sealed class HelpMarkdownTests : SessionTests
{
    private static readonly Lazy<Dictionary<string, CommandHelp>> s_help = new(() =>
        HelpSource.ReadFolder(Path.Combine(PowerShellSession.RepoRoot, "src", "CopilotSeats", "Help")).ToDictionary(h => h.Name));

    public HelpMarkdownTests(PowerShellSession ps) : base(ps) { }

    public static TheoryData<string> Commands() => new(ModuleSpec.Commands);

    public static TheoryData<string, string> DocumentedParameters()
    {
        var data = new TheoryData<string, string>();
        foreach (CommandHelp help in s_help.Value.Values.OrderBy(h => h.Name, StringComparer.Ordinal))
            foreach (ParameterHelp parameter in help.Parameters)
                data.Add(help.Name, parameter.Name);
        return data;
    }

    [Fact]
    public void Every_exported_cmdlet_has_one_help_file()
    {
        Assert.Equal(Ps.Module.ExportedCmdlets.Keys.OrderBy(n => n, StringComparer.Ordinal), s_help.Value.Keys.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_markdown_documents_exactly_the_parameters_Get_Command_has(string command)
    {
        CmdletInfo cmd = Ps.Command(command);
        var real = cmd.Parameters.Values.Where(p => !Cmdlet.CommonParameters.Contains(p.Name) && !Cmdlet.OptionalCommonParameters.Contains(p.Name))
            .Select(p => p.Name).ToList();
        if (new CommandMetadata(cmd).SupportsShouldProcess) real.AddRange(new[] { "WhatIf", "Confirm" });
        Assert.Equal(real.OrderBy(n => n, StringComparer.Ordinal), s_help.Value[command].Parameters.Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(DocumentedParameters))]
    public void Help_markdown_parameter_matches_Get_Command(string command, string parameter)
    {
        ParameterHelp help = s_help.Value[command].Parameters.Single(p => p.Name == parameter);
        ParameterMetadata metadata = Ps.Command(command).Parameters[parameter];
        Assert.Equal(metadata.ParameterType.FullName, help.Type);
        Assert.Equal(metadata.Aliases.OrderBy(a => a, StringComparer.Ordinal), help.Aliases.OrderBy(a => a, StringComparer.Ordinal));
        Assert.Equal(metadata.Attributes.OfType<SupportsWildcardsAttribute>().Any(), help.SupportsWildcards);
        // A description that promises wildcards is what Get-Help's "Accept wildcard characters?" must say too.
        if (help.Description.Any(line => line.Contains("wildcard", StringComparison.OrdinalIgnoreCase))) Assert.True(help.SupportsWildcards, $"{command} -{parameter} takes wildcards");
        Assert.Equal(metadata.Attributes.OfType<ParameterAttribute>().Any(a => a.DontShow), help.DontShow);
        Assert.Equal(metadata.Attributes.OfType<ValidateSetAttribute>().SelectMany(a => a.ValidValues), help.AcceptedValues);

        static string Shape(bool required, int? position, bool byValue, bool byName) =>
            $"{(required ? "M" : "-")}|{position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named"}|{(byValue ? "V" : "-")}|{(byName ? "P" : "-")}";
        var real = metadata.ParameterSets.ToDictionary(
            s => s.Key,
            s => Shape(s.Value.IsMandatory, s.Value.Position == int.MinValue ? null : s.Value.Position, s.Value.ValueFromPipeline, s.Value.ValueFromPipelineByPropertyName));
        var documented = help.Sets.ToDictionary(
            s => s.Name == ParameterHelp.AllSets ? ModuleSpec.AllSets : s.Name,
            s => Shape(s.IsRequired, s.Position, s.ValueFromPipeline, s.ValueFromPipelineByPropertyName));
        Assert.Equal(real.OrderBy(s => s.Key, StringComparer.Ordinal), documented.OrderBy(s => s.Key, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_markdown_syntax_lists_Get_Commands_parameter_sets_and_default(string command)
    {
        CmdletInfo cmd = Ps.Command(command);
        CommandHelp help = s_help.Value[command];
        Assert.Equal(cmd.ParameterSets.Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal), help.Syntax.Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(cmd.DefaultParameterSet, help.Syntax.SingleOrDefault(s => s.IsDefault)?.Name);
    }
}
