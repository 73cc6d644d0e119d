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
        // The module's own Core and Models copies from Dependencies/, not ones the test process supplied;
        // Core in the module's private load context, Models (the output types) in the default one.
        var core = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "CopilotSeats.Core").ToList();
        Assert.Single(core);
        Assert.Equal(Path.Combine(expectedDir, "Dependencies", "CopilotSeats.Core.dll"), core[0].Location);
        Assert.NotSame(System.Runtime.Loader.AssemblyLoadContext.Default, System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(core[0]));
        var models = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "CopilotSeats.Models").ToList();
        Assert.Single(models);
        Assert.Equal(Path.Combine(expectedDir, "Dependencies", "CopilotSeats.Models.dll"), models[0].Location);
        Assert.Same(System.Runtime.Loader.AssemblyLoadContext.Default, System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(models[0]));
    }
}
