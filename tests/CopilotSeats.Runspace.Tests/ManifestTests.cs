using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace CopilotSeats.Runspace.Tests;

/// <summary>out/CopilotSeats/CopilotSeats.psd1: read as PowerShell reads data files, and as Import-Module made it a PSModuleInfo.</summary>
public sealed class ManifestTests : SessionTests
{
    public ManifestTests(PowerShellSession ps) : base(ps) { }

    private string ModuleDirectory => Ps.Module.ModuleBase;

    /// <summary>
    /// The manifest's hashtable, evaluated by PowerShell's own restricted-language rules (SafeGetValue): what
    /// Import-Module would refuse (variables, expressions, commands, duplicate keys) throws.
    /// </summary>
    internal static Hashtable ReadData(string text)
    {
        ScriptBlockAst ast = Parser.ParseInput(text, out _, out ParseError[] errors);
        if (errors.Length > 0) throw new FormatException("psd1: " + errors[0].Message);
        var statement = Assert.Single(ast.EndBlock.Statements);
        var hashtable = Assert.IsType<HashtableAst>(((PipelineAst)statement).GetPureExpression());
        return (Hashtable)hashtable.SafeGetValue();
    }

    private static Hashtable Manifest() => ReadData(File.ReadAllText(PowerShellSession.ManifestPath));

    private static Hashtable PSData() => (Hashtable)((Hashtable)Manifest()["PrivateData"]!)["PSData"]!;

    private static IReadOnlyList<string> Strings(object? value) => value switch
    {
        null => Array.Empty<string>(),
        string s => new[] { s },
        object[] list => list.Select(i => Assert.IsType<string>(i)).ToList(),
        _ => throw new InvalidOperationException("not a string list: " + value),
    };

    [Fact]
    public void Shipped_manifest_is_the_source_manifest()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(PowerShellSession.RepoRoot, "CopilotSeats.psd1")), File.ReadAllText(PowerShellSession.ManifestPath));
    }

    [Fact]
    public void Manifest_reader_rejects_what_import_would_reject()
    {
        Assert.ThrowsAny<Exception>(() => ReadData("@{ A = $env:X }"));
        Assert.ThrowsAny<Exception>(() => ReadData("@{ A = 'x'; A = 'y' }"));
        Assert.ThrowsAny<Exception>(() => ReadData("@{ A = \"$x\" }"));
        var ok = ReadData("@{ A = @('x'\n 'y'); B = 'it''s'; C = @{ D = 1 } } # done");
        Assert.Equal(new[] { "x", "y" }, Strings(ok["A"]));
        Assert.Equal("it's", ok["B"]);
    }

    [Fact]
    public void CmdletsToExport_are_exactly_the_assembly_s_cmdlets_without_duplicates()
    {
        var exported = Strings(Manifest()["CmdletsToExport"]);
        Assert.Equal(exported.Count, exported.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(ModuleSpec.Commands.OrderBy(n => n, StringComparer.Ordinal), exported.OrderBy(n => n, StringComparer.Ordinal));
        Assert.DoesNotContain("*", exported);
        Assert.Equal(ModuleSpec.Commands, Ps.Module.ExportedCmdlets.Keys.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("FunctionsToExport")]
    [InlineData("AliasesToExport")]
    [InlineData("VariablesToExport")]
    public void Other_exports_are_empty_arrays(string key)
    {
        Assert.Empty(Assert.IsType<object[]>(Manifest()[key]));
    }

    [Fact]
    public void Nothing_but_the_cmdlets_is_exported()
    {
        Assert.Empty(Ps.Module.ExportedFunctions);
        Assert.Empty(Ps.Module.ExportedAliases);
        Assert.Empty(Ps.Module.ExportedVariables);
    }

    [Fact]
    public void Manifest_has_the_specified_identity_and_compatibility()
    {
        var m = Manifest();
        Assert.Equal("CopilotSeats.dll", m["RootModule"]);
        Assert.True(File.Exists(Path.Combine(ModuleDirectory, (string)m["RootModule"]!)));
        Assert.Equal("0.3.0", m["ModuleVersion"]);
        Assert.Equal("5.1", m["PowerShellVersion"]);
        Assert.Equal("4.7.2", m["DotNetFrameworkVersion"]);
        Assert.Equal(new[] { "Core", "Desktop" }, Strings(m["CompatiblePSEditions"]).OrderBy(e => e, StringComparer.Ordinal));
        foreach (string key in new[] { "Author", "CompanyName", "Copyright", "Description" })
            Assert.False(string.IsNullOrWhiteSpace(m[key] as string), key);
        // As Import-Module read it.
        Assert.Equal(new Version(0, 3, 0), Ps.Module.Version);
        Assert.Equal(new Version(5, 1), Ps.Module.PowerShellVersion);
        Assert.Equal(new[] { "Core", "Desktop" }, Ps.Module.CompatiblePSEditions.OrderBy(e => e, StringComparer.Ordinal));
    }

    [Fact]
    public void ModuleVersion_matches_the_assembly_versions()
    {
        Version manifest = Version.Parse((string)Manifest()["ModuleVersion"]!);
        CmdletInfo getSeat = Ps.Command("Get-CopilotSeat");
        foreach (Assembly assembly in new[] { getSeat.ImplementingType.Assembly, Assert.Single(getSeat.OutputType).Type.Assembly })
        {
            Version v = assembly.GetName().Version!;
            Assert.Equal(manifest, new Version(v.Major, v.Minor, v.Build));
        }
    }

    [Fact]
    public void Guid_is_valid_and_not_empty()
    {
        Assert.True(Guid.TryParse((string)Manifest()["GUID"]!, out Guid guid));
        Assert.NotEqual(Guid.Empty, guid);
        Assert.Equal(guid, Ps.Module.Guid);
    }

    [Fact]
    public void Manifest_has_no_placeholders()
    {
        string text = File.ReadAllText(PowerShellSession.ManifestPath);
        foreach (string marker in new[] { "TODO", "FIXME", "TBD", "example.com", "example.org", "contoso", "Unknown", "<", "YourName", "00000000-0000" })
            Assert.DoesNotContain(marker, text, StringComparison.OrdinalIgnoreCase);
        var psData = PSData();
        foreach (DictionaryEntry entry in psData)
            foreach (string s in Strings(entry.Value))
                Assert.False(string.IsNullOrWhiteSpace(s), (string)entry.Key);
        if (psData.ContainsKey("ProjectUri"))
            Assert.Matches("^https://", (string)psData["ProjectUri"]!);
    }

    [Fact]
    public void Tags_are_the_specified_ones_without_spaces()
    {
        var tags = Strings(PSData()["Tags"]);
        Assert.Equal(new[] { "Billing", "Copilot", "GitHub", "Linux", "MacOS", "PSEdition_Core", "PSEdition_Desktop", "Seats", "Windows" },
            tags.OrderBy(t => t, StringComparer.Ordinal));
        Assert.All(tags, t => Assert.DoesNotMatch(@"\s", t));
        // As Import-Module read them (PSModuleInfo.Tags lists each tag twice: PowerShell adds PSData's Tags once per read).
        Assert.Equal(tags.OrderBy(t => t, StringComparer.Ordinal), Ps.Module.Tags.Distinct().OrderBy(t => t, StringComparer.Ordinal));
    }

    [Fact]
    public void FormatsToProcess_files_exist_and_are_shipped()
    {
        var formats = Strings(Manifest()["FormatsToProcess"]);
        Assert.Equal(new[] { "CopilotSeats.Format.ps1xml" }, formats);
        foreach (string f in formats) Assert.True(File.Exists(Path.Combine(ModuleDirectory, f)), f);
        Assert.Equal(formats.Select(f => Path.Combine(ModuleDirectory, f)), Ps.Module.ExportedFormatFiles);
    }

    [Fact]
    public void Manifest_uses_only_known_keys()
    {
        string[] known =
        {
            "RootModule", "ModuleVersion", "GUID", "Author", "CompanyName", "Copyright", "Description", "PowerShellVersion",
            "CompatiblePSEditions", "DotNetFrameworkVersion", "FormatsToProcess", "CmdletsToExport", "FunctionsToExport",
            "AliasesToExport", "VariablesToExport", "PrivateData", "TypesToProcess", "RequiredAssemblies", "NestedModules", "HelpInfoURI",
        };
        Assert.All(Manifest().Keys.Cast<string>(), k => Assert.Contains(k, known));
        Assert.Matches(new Regex("^@\\{", RegexOptions.Multiline), File.ReadAllText(PowerShellSession.ManifestPath).TrimStart('\uFEFF'));
    }
}
