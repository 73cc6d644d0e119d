using System.Management.Automation;
using Xunit;

namespace CopilotSeats.Runspace.Tests;

/// <summary>What Import-Module of out/CopilotSeats/CopilotSeats.psd1 gives a real engine.</summary>
public sealed class ModuleImportTests : IClassFixture<PowerShellSession>
{
    private static readonly string[] Cmdlets =
    {
        "Add-CopilotTeam", "Add-CopilotUser", "Connect-Copilot", "Disconnect-Copilot",
        "Get-CopilotOrgDetail", "Get-CopilotSeat", "Remove-CopilotTeam", "Remove-CopilotUser",
    };

    private readonly PowerShellSession _ps;

    public ModuleImportTests(PowerShellSession ps)
    {
        _ps = ps;
        _ps.Reset();
    }

    [Fact]
    public void Import_loads_a_binary_module_from_the_out_folder()
    {
        Assert.Equal("CopilotSeats", _ps.Module.Name);
        Assert.Equal(ModuleType.Binary, _ps.Module.ModuleType);
        string expectedDir = Path.GetFullPath(Path.Combine(PowerShellSession.RepoRoot, "out", "CopilotSeats"));
        Assert.Equal(expectedDir.TrimEnd('/'), Path.GetFullPath(_ps.Module.ModuleBase).TrimEnd('/'));
        // The module's own Core copy, not one the test process supplied.
        var core = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "CopilotSeats.Core").ToList();
        Assert.Single(core);
        Assert.Equal(Path.Combine(expectedDir, "CopilotSeats.Core.dll"), core[0].Location);
    }

    [Fact]
    public void Get_Command_lists_exactly_the_eight_cmdlets()
    {
        var names = _ps.Run("Get-Command -Module CopilotSeats").Ok()
            .Select(o => ((CommandInfo)o.BaseObject))
            .ToList();
        Assert.All(names, c => Assert.Equal(CommandTypes.Cmdlet, c.CommandType));
        Assert.Equal(Cmdlets, names.Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [InlineData("Connect-Copilot", "CopilotSeats.CopilotConnection")]
    [InlineData("Disconnect-Copilot", "System.Void")]
    [InlineData("Get-CopilotOrgDetail", "CopilotSeats.CopilotOrgDetail")]
    [InlineData("Get-CopilotSeat", "CopilotSeats.CopilotSeat")]
    [InlineData("Add-CopilotUser", "CopilotSeats.CopilotSeatChange")]
    [InlineData("Remove-CopilotUser", "CopilotSeats.CopilotSeatChange")]
    [InlineData("Add-CopilotTeam", "CopilotSeats.CopilotSeatChange")]
    [InlineData("Remove-CopilotTeam", "CopilotSeats.CopilotSeatChange")]
    public void Each_cmdlet_declares_its_OutputType(string cmdlet, string type)
    {
        _ps.SetVariable("name", cmdlet);
        var output = _ps.Run("(Get-Command -Name $name -Module CopilotSeats).OutputType | ForEach-Object { $_.Name }").Ok();
        Assert.Equal(new[] { type }, output.Select(o => o.ToString()).ToArray());
    }

    [Theory]
    [InlineData("Connect-Copilot")]
    [InlineData("Disconnect-Copilot")]
    [InlineData("Get-CopilotOrgDetail")]
    [InlineData("Get-CopilotSeat")]
    [InlineData("Add-CopilotUser")]
    [InlineData("Remove-CopilotUser")]
    [InlineData("Add-CopilotTeam")]
    [InlineData("Remove-CopilotTeam")]
    public void Get_Help_reads_the_synopsis_and_examples_from_the_MAML(string cmdlet)
    {
        _ps.SetVariable("name", cmdlet);
        PSObject help = Assert.Single(_ps.Run("Get-Help -Name $name -Full").Ok());
        string synopsis = (help.Str("Synopsis") ?? "").Trim();
        // Without the MAML file Get-Help invents a synopsis (the syntax line); with it, the synopsis is
        // the command:details description of out/CopilotSeats/en-US/CopilotSeats.dll-Help.xml.
        Assert.Equal(MamlSynopsis(cmdlet), synopsis);
        var examples = _ps.Run("@((Get-Help -Name $name -Examples).examples.example).Count").Ok();
        Assert.True(Convert.ToInt32(Assert.Single(examples).BaseObject) >= 1, $"{cmdlet} has no example in its help");
    }

    private static string MamlSynopsis(string cmdlet)
    {
        var doc = System.Xml.Linq.XDocument.Load(Path.Combine(PowerShellSession.RepoRoot, "out", "CopilotSeats", "en-US", "CopilotSeats.dll-Help.xml"));
        System.Xml.Linq.XNamespace command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        System.Xml.Linq.XNamespace maml = "http://schemas.microsoft.com/maml/2004/10";
        var details = doc.Descendants(command + "details").Single(d => (string?)d.Element(command + "name") == cmdlet);
        string text = string.Join(" ", details.Element(maml + "description")!.Elements(maml + "para").Select(p => p.Value.Trim()));
        Assert.False(string.IsNullOrWhiteSpace(text), $"the MAML has no synopsis for {cmdlet}");
        return text;
    }
}
