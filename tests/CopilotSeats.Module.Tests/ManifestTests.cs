using System.Text.RegularExpressions;
using Xunit;
using static CopilotSeats.Module.Tests.ModuleUnderTest;

namespace CopilotSeats.Module.Tests;

public class ManifestTests
{
    private static Dictionary<string, object> Manifest() => Psd1Reader.ReadFile(ManifestPath);

    private static IReadOnlyList<string> Strings(object? value) => value switch
    {
        null => Array.Empty<string>(),
        string s => new[] { s },
        List<object> list => list.Select(i => Assert.IsType<string>(i)).ToList(),
        _ => throw new InvalidOperationException("not a string list: " + value),
    };

    [Fact]
    public void ShippedManifest_IsTheSourceManifest()
    {
        Assert.Equal(File.ReadAllText(SourceManifestPath), File.ReadAllText(ManifestPath));
    }

    [Fact]
    public void Psd1Reader_RejectsWhatImportWouldReject()
    {
        Assert.Throws<FormatException>(() => Psd1Reader.Read("@{ A = $env:X }"));
        Assert.Throws<FormatException>(() => Psd1Reader.Read("@{ A = 'x'; A = 'y' }"));
        Assert.Throws<FormatException>(() => Psd1Reader.Read("@{ A = \"$x\" }"));
        var ok = Psd1Reader.Read("@{ A = @('x'\n 'y'); B = 'it''s'; C = @{ D = 1 } } # done");
        Assert.Equal(new[] { "x", "y" }, Strings(ok["A"]));
        Assert.Equal("it's", ok["B"]);
    }

    [Fact]
    public void CmdletsToExport_AreExactlyTheAssemblysCmdletsWithoutDuplicates()
    {
        var exported = Strings(Manifest()["CmdletsToExport"]);
        Assert.Equal(exported.Count, exported.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var defined = CmdletTypes.Select(CommandName).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(defined, exported.OrderBy(n => n, StringComparer.Ordinal));
        Assert.DoesNotContain("*", exported);
    }

    [Theory]
    [InlineData("FunctionsToExport")]
    [InlineData("AliasesToExport")]
    [InlineData("VariablesToExport")]
    public void OtherExports_AreEmptyArrays(string key)
    {
        var value = Assert.IsType<List<object>>(Manifest()[key]);
        Assert.Empty(value);
    }

    [Fact]
    public void Manifest_HasSpecifiedIdentityAndCompatibility()
    {
        var m = Manifest();
        Assert.Equal("CopilotSeats.dll", m["RootModule"]);
        Assert.True(File.Exists(Path.Combine(ModuleDirectory, (string)m["RootModule"])));
        Assert.Equal("0.1.0", m["ModuleVersion"]);
        Assert.Equal("5.1", m["PowerShellVersion"]);
        Assert.Equal("4.7.2", m["DotNetFrameworkVersion"]);
        Assert.Equal(new[] { "Core", "Desktop" }, Strings(m["CompatiblePSEditions"]).OrderBy(e => e, StringComparer.Ordinal));
        foreach (string key in new[] { "Author", "CompanyName", "Copyright", "Description" })
            Assert.False(string.IsNullOrWhiteSpace(m[key] as string), key);
    }

    [Fact]
    public void ModuleVersion_MatchesAssemblyVersions()
    {
        Version manifest = Version.Parse((string)Manifest()["ModuleVersion"]);
        foreach (var assembly in new[] { Cmdlets, Core })
        {
            Version v = assembly.GetName().Version!;
            Assert.Equal(manifest, new Version(v.Major, v.Minor, v.Build));
        }
    }

    [Fact]
    public void Guid_IsValidAndNotEmpty()
    {
        Assert.True(Guid.TryParse((string)Manifest()["GUID"], out Guid guid));
        Assert.NotEqual(Guid.Empty, guid);
    }

    [Fact]
    public void Manifest_HasNoPlaceholders()
    {
        string text = File.ReadAllText(ManifestPath);
        foreach (string marker in new[] { "TODO", "FIXME", "TBD", "example.com", "example.org", "contoso", "Unknown", "<", "YourName", "00000000-0000" })
            Assert.DoesNotContain(marker, text, StringComparison.OrdinalIgnoreCase);
        var psData = (Dictionary<string, object>)((Dictionary<string, object>)Manifest()["PrivateData"])["PSData"];
        foreach (var (key, value) in psData)
            foreach (string s in Strings(value))
                Assert.False(string.IsNullOrWhiteSpace(s), key);
        if (psData.TryGetValue("ProjectUri", out object? uri))
            Assert.Matches("^https://", (string)uri);
    }

    [Fact]
    public void Tags_AreTheSpecifiedOnesWithoutSpaces()
    {
        var psData = (Dictionary<string, object>)((Dictionary<string, object>)Manifest()["PrivateData"])["PSData"];
        var tags = Strings(psData["Tags"]);
        Assert.Equal(new[] { "Billing", "Copilot", "GitHub", "Linux", "MacOS", "PSEdition_Core", "PSEdition_Desktop", "Seats", "Windows" },
            tags.OrderBy(t => t, StringComparer.Ordinal));
        Assert.All(tags, t => Assert.DoesNotMatch(@"\s", t));
    }

    [Fact]
    public void FormatsToProcess_FilesExistAndAreShipped()
    {
        var formats = Strings(Manifest()["FormatsToProcess"]);
        Assert.Equal(new[] { "CopilotSeats.Format.ps1xml" }, formats);
        foreach (string f in formats) Assert.True(File.Exists(Path.Combine(ModuleDirectory, f)), f);
    }

    [Fact]
    public void Manifest_UsesOnlyKnownKeys()
    {
        string[] known =
        {
            "RootModule", "ModuleVersion", "GUID", "Author", "CompanyName", "Copyright", "Description", "PowerShellVersion",
            "CompatiblePSEditions", "DotNetFrameworkVersion", "FormatsToProcess", "CmdletsToExport", "FunctionsToExport",
            "AliasesToExport", "VariablesToExport", "PrivateData", "TypesToProcess", "RequiredAssemblies", "NestedModules", "HelpInfoURI",
        };
        Assert.All(Manifest().Keys, k => Assert.Contains(k, known));
        Assert.Matches(new Regex("^@\\{", RegexOptions.Multiline), File.ReadAllText(ManifestPath).TrimStart('\uFEFF'));
    }
}
