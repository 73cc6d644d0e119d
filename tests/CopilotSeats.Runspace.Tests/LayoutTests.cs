using System.Reflection;
using System.Reflection.Metadata;
using System.Runtime.InteropServices;
using System.Reflection.PortableExecutable;
using Xunit;
using static CopilotSeats.Runspace.Tests.ModuleFolder;

namespace CopilotSeats.Runspace.Tests;

/// <summary>The out/CopilotSeats folder is a complete, importable module for Windows PowerShell 5.1 and PowerShell 7.</summary>
public class LayoutTests
{
    private sealed record AssemblyInfo(string Path, string Name, Version Version, IReadOnlyList<(string Name, Version Version)> References);

    private static AssemblyInfo Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        MetadataReader md = pe.GetMetadataReader();
        var def = md.GetAssemblyDefinition();
        var refs = md.AssemblyReferences.Select(h => md.GetAssemblyReference(h))
            .Select(r => (md.GetString(r.Name), r.Version)).ToList();
        return new AssemblyInfo(path, md.GetString(def.Name), def.Version, refs);
    }

    private static IReadOnlyList<AssemblyInfo> ShippedAssemblies() =>
        Directory.GetFiles(ModuleDirectory, "*.dll", SearchOption.AllDirectories).Select(Read).ToList();

    private static string Dependency(string name) => Path.Combine(DependenciesDirectory, name + ".dll");

    [Fact]
    public void ModuleFolder_ShipsNoSystemManagementAutomation()
    {
        var found = Directory.GetFiles(ModuleDirectory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f).StartsWith(SmaName, StringComparison.OrdinalIgnoreCase));
        Assert.Empty(found);
    }

    [Fact]
    public void ModuleFolder_HoldsTheManifestCmdletsFormatsAndHelp_EveryOtherAssemblyIsInDependencies()
    {
        var files = Directory.GetFiles(ModuleDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(ModuleDirectory, f).Replace('\\', '/')).ToList();
        var top = files.Where(f => !f.StartsWith("Dependencies/", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal);
        Assert.Equal(new[] { "CopilotSeats.Format.ps1xml", "CopilotSeats.dll", "CopilotSeats.psd1", "en-US/CopilotSeats.dll-Help.xml", "en-US/about_CopilotSeats.help.txt" }, top);
        var dependencies = files.Where(f => f.StartsWith("Dependencies/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(dependencies);
        Assert.All(dependencies, f => Assert.Matches("^Dependencies/[^/]+\\.dll$", f));
    }

    [Fact]
    public void CmdletAssembly_ListsItsPublicTypesWithoutCoreOrModels()
    {
        // PowerShell (7 and 5.1) lists CopilotSeats.dll's exported types before the module's loader is
        // registered, while Core and Models sit out of reach in Dependencies/: no public type may need them
        // to load (a field of a Core enum would). This context finds neither, as PowerShell would not.
        var probe = new System.Runtime.Loader.AssemblyLoadContext("copilotseats-layout-probe", isCollectible: true);
        try
        {
            Assembly cmdlets = probe.LoadFromAssemblyPath(Path.Combine(ModuleDirectory, "CopilotSeats.dll"));
            Type[] exported = cmdlets.GetExportedTypes();
            Assert.Contains(exported, t => t.Name == "GetCopilotSeatCommand");
            Assert.DoesNotContain(probe.Assemblies, a => a.GetName().Name is "CopilotSeats.Core" or "CopilotSeats.Models");
        }
        finally
        {
            probe.Unload();
        }
    }

    [Fact]
    public void SharedTypes_HaveNoDependencies()
    {
        // CopilotSeats.Models is loaded into the default context beside other modules' assemblies: it may need nothing but the framework.
        var models = Read(Dependency("CopilotSeats.Models"));
        Assert.Equal(new[] { "netstandard" }, models.References.Select(r => r.Name));
    }

    [Fact]
    public void Core_DoesNotReferenceSystemManagementAutomation()
    {
        var core = Read(Dependency("CopilotSeats.Core"));
        Assert.DoesNotContain(core.References, r => r.Name == SmaName);
        // The cmdlet assembly does (so the check above can tell the difference).
        Assert.Contains(Read(Path.Combine(ModuleDirectory, "CopilotSeats.dll")).References, r => r.Name == SmaName);
    }

    [Fact]
    public void ShippedAssemblies_AreAllNetStandardOrNetFrameworkCompatible()
    {
        // Every assembly must load on .NET Framework 4.7.2: nothing may reference System.Runtime 5+ / System.Private.CoreLib.
        foreach (var assembly in ShippedAssemblies())
        {
            Assert.DoesNotContain(assembly.References, r => r.Name == "System.Private.CoreLib");
            Assert.DoesNotContain(assembly.References, r => r.Name == "System.Runtime" && r.Version.Major > 4);
        }
    }

    [Fact]
    public void ReferenceClosure_ResolvesInsideTheModuleFolder()
    {
        var shipped = ShippedAssemblies().ToDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);
        var facades = Directory.GetFiles(NetStandardRefDirectory, "*.dll").Select(Path.GetFileNameWithoutExtension)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Contains("netstandard", facades);
        var problems = new List<string>();
        foreach (var assembly in shipped.Values)
        {
            foreach (var (name, version) in assembly.References)
            {
                if (name == SmaName && assembly.Name == "CopilotSeats") continue; // provided by PowerShell
                // Only the PowerShell 7 load context uses it (an internal type, never loaded on Windows PowerShell); the runtime provides it.
                if (name == "System.Runtime.Loader" && assembly.Name == "CopilotSeats") continue;
                if (shipped.TryGetValue(name, out var target))
                {
                    if (target.Version < version)
                        problems.Add($"{assembly.Name} wants {name} {version}, the folder has {target.Version}");
                }
                else if (!facades.Contains(name))
                {
                    problems.Add($"{assembly.Name} references {name} {version}, which is neither shipped nor a netstandard facade");
                }
            }
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void ModuleFolder_ShipsEveryRuntimeDependencyOfCore()
    {
        // The closure test above proves resolution; this one pins the dependencies that matter most.
        var names = ShippedAssemblies().Select(a => a.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (string name in new[] { "System.Text.Json", "Microsoft.Extensions.Http", "Microsoft.Extensions.DependencyInjection", "System.Memory",
                     "System.Runtime.CompilerServices.Unsafe", "Microsoft.Bcl.AsyncInterfaces", "System.Threading.Tasks.Extensions", "System.Buffers",
                     "System.Formats.Asn1" })
            Assert.Contains(name, names);
        Assert.All(new[] { "CopilotSeats.Core", "CopilotSeats.Models", "System.Text.Json", "Microsoft.Extensions.Http" }, name => Assert.True(File.Exists(Dependency(name)), name));
    }

    [Fact]
    public void ErrorCategories_MapByNameOntoPowerShellErrorCategory()
    {
        Type ours = Models.GetType("CopilotSeats.CopilotErrorCategory", throwOnError: true)!;
        Type theirs = Sma.GetType("System.Management.Automation.ErrorCategory", throwOnError: true)!;
        var available = EnumNames(theirs).ToHashSet(StringComparer.Ordinal);
        var ourNames = EnumNames(ours);
        Assert.NotEmpty(ourNames);
        Assert.All(ourNames, n => Assert.Contains(n, available));
    }

    private static string[] EnumNames(Type type) =>
        type.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static).Select(f => f.Name).ToArray();
}

/// <summary>
/// The built module folder (out/CopilotSeats) read as files and metadata, for <see cref="LayoutTests"/>: the
/// PowerShellStandard reference System.Management.Automation and Core in a MetadataLoadContext, and the
/// NETStandard.Library facades. (Kept from the former metadata test project.)
/// </summary>
public static class ModuleFolder
{
    public const string SmaName = "System.Management.Automation";

    private static readonly Lazy<string?> s_packageRoot = new(FindPackageRoot);
    private static readonly Lazy<MetadataLoadContext> s_context = new(CreateContext);

    public static string ModuleDirectory => Path.Combine(PowerShellSession.RepoRoot, "out", "CopilotSeats");
    public static string DependenciesDirectory => Path.Combine(ModuleDirectory, "Dependencies");

    public static Assembly Models => s_context.Value.LoadFromAssemblyPath(Path.Combine(DependenciesDirectory, "CopilotSeats.Models.dll"));
    public static Assembly Sma => s_context.Value.LoadFromAssemblyPath(SmaReferencePath);

    /// <summary>PowerShellStandard.Library's reference System.Management.Automation.dll.</summary>
    public static string SmaReferencePath
    {
        get
        {
            string? root = s_packageRoot.Value;
            string path = root is null ? string.Empty
                : Path.Combine(root, "powershellstandard.library", "5.1.0-preview-06", "lib", "netstandard2.0", SmaName + ".dll");
            if (!File.Exists(path))
                throw new FileNotFoundException("PowerShellStandard.Library 5.1.0-preview-06 was not found in the NuGet package folder (restore the solution first).", path);
            return path;
        }
    }

    /// <summary>NETStandard.Library's netstandard2.0 reference facades (what a netstandard2.0 assembly may reference without shipping).</summary>
    public static string NetStandardRefDirectory
    {
        get
        {
            string? root = s_packageRoot.Value;
            string dir = root is null ? string.Empty : Path.Combine(root, "netstandard.library");
            string? found = Directory.Exists(dir)
                ? Directory.GetDirectories(dir).Select(v => Path.Combine(v, "build", "netstandard2.0", "ref")).Where(Directory.Exists).OrderBy(v => v).LastOrDefault()
                : null;
            return found ?? throw new DirectoryNotFoundException("NETStandard.Library's netstandard2.0 reference folder was not found under " + dir);
        }
    }

    private static string? FindPackageRoot()
    {
        var candidates = new List<string?>
        {
            typeof(ModuleFolder).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "NuGetPackageRoot")?.Value,
            Environment.GetEnvironmentVariable("NUGET_PACKAGES"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        };
        return candidates.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c) && Directory.Exists(Path.Combine(c!, "powershellstandard.library")));
    }

    private static MetadataLoadContext CreateContext()
    {
        if (!Directory.Exists(ModuleDirectory))
            throw new DirectoryNotFoundException("The module folder was not built: " + ModuleDirectory);
        var moduleDlls = Directory.GetFiles(ModuleDirectory, "*.dll", SearchOption.AllDirectories);
        var shipped = new HashSet<string>(moduleDlls.Select(Path.GetFileNameWithoutExtension)!, StringComparer.OrdinalIgnoreCase);
        var runtime = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Where(p => !shipped.Contains(Path.GetFileNameWithoutExtension(p)) && !Path.GetFileName(p).Equals(SmaName + ".dll", StringComparison.OrdinalIgnoreCase));
        var resolver = new PathAssemblyResolver(moduleDlls.Concat(runtime).Append(SmaReferencePath));
        return new MetadataLoadContext(resolver);
    }
}
