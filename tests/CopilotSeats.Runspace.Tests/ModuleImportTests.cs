using System.Management.Automation;
using Xunit;

namespace CopilotSeats.Runspace.Tests;

/// <summary>What Import-Module of out/CopilotSeats/CopilotSeats.psd1 gives a real engine.</summary>
public sealed class ModuleImportTests : SessionTests
{
    public ModuleImportTests(PowerShellSession ps) : base(ps) { }

    [Fact]
    public void Import_loads_a_binary_module_from_the_out_folder()
    {
        Assert.Equal("CopilotSeats", Ps.Module.Name);
        Assert.Equal(ModuleType.Binary, Ps.Module.ModuleType);
        string expectedDir = Path.GetFullPath(Path.Combine(PowerShellSession.RepoRoot, "out", "CopilotSeats"));
        Assert.Equal(expectedDir.TrimEnd('/'), Path.GetFullPath(Ps.Module.ModuleBase).TrimEnd('/'));
        // The module's own Core copy, not one the test process supplied.
        var core = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "CopilotSeats.Core").ToList();
        Assert.Single(core);
        Assert.Equal(Path.Combine(expectedDir, "CopilotSeats.Core.dll"), core[0].Location);
    }
}
