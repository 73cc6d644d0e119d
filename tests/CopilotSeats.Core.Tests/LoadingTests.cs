using System.Reflection;
using CopilotSeats.Commands.Loading;

namespace CopilotSeats.Core.Tests;

/// <summary>The module loader's decisions: which requests it answers from Dependencies/ and which it leaves to the platform.</summary>
public class LoadingTests : IDisposable
{
    private readonly string _module = Directory.CreateTempSubdirectory("copilotseats-loading-").FullName;
    private readonly string _dependencies;

    public LoadingTests()
    {
        _dependencies = Directory.CreateDirectory(Path.Combine(_module, DependencyFolder.FolderName)).FullName;
        // Real assemblies with real versions: Core (0.x), Models, and System.Text.Json (8.x).
        Copy(typeof(CopilotClient).Assembly);
        Copy(typeof(CopilotSeat).Assembly);
        Copy(typeof(System.Text.Json.JsonSerializer).Assembly);
    }

    public void Dispose() => Directory.Delete(_module, recursive: true);

    private void Copy(Assembly assembly) =>
        File.Copy(assembly.Location, Path.Combine(_dependencies, Path.GetFileName(assembly.Location)));

    private static AssemblyName Name(string fullName) => new(fullName);

    [Fact]
    public void Finds_our_copy_whatever_minor_version_is_asked()
    {
        var folder = new DependencyFolder(_module);
        int major = typeof(System.Text.Json.JsonSerializer).Assembly.GetName().Version!.Major;
        Assert.Equal(Path.Combine(_dependencies, "System.Text.Json.dll"),
            folder.Find(Name($"System.Text.Json, Version={major}.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")));
        Assert.Equal(Path.Combine(_dependencies, "CopilotSeats.Core.dll"), folder.Find(Name("CopilotSeats.Core, Version=0.0.0.1")));
        Assert.Equal(Path.Combine(_dependencies, "CopilotSeats.Core.dll"), folder.Find(Name("copilotseats.core")));
    }

    [Theory]
    [InlineData("Nope.Missing, Version=1.0.0.0")]
    [InlineData("System.Management.Automation, Version=3.0.0.0")]
    [InlineData("CopilotSeats.Core.resources, Version=1.0.0.0")]
    [InlineData("CopilotSeats.Core, Version=99.0.0.0")] // never hand out an older major than asked for
    public void Leaves_alone_what_it_does_not_ship_or_cannot_satisfy(string request)
    {
        Assert.Null(new DependencyFolder(_module).Find(Name(request)));
    }

    [Fact]
    public void Knows_its_own_folders_and_no_other()
    {
        var folder = new DependencyFolder(_module);
        Assert.True(folder.Contains(Path.Combine(_dependencies, "CopilotSeats.Core.dll"), _module));
        Assert.True(folder.Contains(Path.Combine(_module, "CopilotSeats.dll"), _module));
        Assert.False(folder.Contains(typeof(object).Assembly.Location, _module));
        Assert.False(folder.Contains(null, _module));
        Assert.False(folder.Contains("", _module));
        Assert.Contains("CopilotSeats.Models", folder.Names);
    }

    [Fact]
    public void A_module_without_a_dependencies_folder_ships_nothing()
    {
        var folder = new DependencyFolder(Path.Combine(_module, "elsewhere"));
        Assert.Empty(folder.Names);
        Assert.Null(folder.Find(Name("CopilotSeats.Core")));
    }

    [Fact]
    public void Engine_and_shared_types_are_named_once()
    {
        Assert.True(DependencyFolder.IsEngine(typeof(CopilotClient).Assembly.GetName()));
        Assert.True(DependencyFolder.IsSharedTypes(typeof(CopilotSeat).Assembly.GetName()));
        Assert.False(DependencyFolder.IsEngine(typeof(CopilotSeat).Assembly.GetName()));
        Assert.Null(DependencyFolder.Parse("not, a=valid, name=,"));
    }

    [Fact]
    public void Platform_provides_what_it_has_in_the_same_or_a_higher_version()
    {
        string json = typeof(System.Text.Json.JsonSerializer).Assembly.Location;
        Version version = AssemblyName.GetAssemblyName(json).Version!;
        var platform = new PlatformAssemblies(string.Join(Path.PathSeparator, typeof(object).Assembly.Location, json));
        Assert.True(platform.Provides(Name($"System.Text.Json, Version={version}")));
        Assert.True(platform.Provides(Name("System.Text.Json, Version=4.0.0.0")));
        Assert.True(platform.Provides(Name("System.Text.Json")));
        Assert.False(platform.Provides(Name($"System.Text.Json, Version={version.Major + 1}.0.0.0")));
        Assert.False(platform.Provides(Name("Microsoft.Extensions.Http, Version=8.0.0.0")));
        Assert.False(new PlatformAssemblies(null).Provides(Name("System.Text.Json")));
    }

    [Fact]
    public void The_running_platform_lists_its_trusted_assemblies()
    {
        var platform = PlatformAssemblies.FromRuntime();
        Assert.True(platform.Provides(Name("System.Memory, Version=4.0.1.2")));
        Assert.False(platform.Provides(Name("CopilotSeats.Nope")));
    }
}
