using System.Reflection;
using System.Runtime.InteropServices;

namespace CopilotSeats.Module.Tests;

/// <summary>
/// The built module folder (out/CopilotSeats), read as metadata only: a MetadataLoadContext over the
/// module's assemblies, the PowerShellStandard reference System.Management.Automation and the
/// runtime directory. Nothing is executed, so no PowerShell is needed.
/// </summary>
public static class ModuleUnderTest
{
    public const string SmaName = "System.Management.Automation";
    public const string CmdletAttribute = "System.Management.Automation.CmdletAttribute";
    public const string ParameterAttribute = "System.Management.Automation.ParameterAttribute";

    private static readonly Lazy<string> s_repoRoot = new(FindRepoRoot);
    private static readonly Lazy<string?> s_packageRoot = new(FindPackageRoot);
    private static readonly Lazy<MetadataLoadContext> s_context = new(CreateContext);

    public static string RepoRoot => s_repoRoot.Value;
    public static string ModuleDirectory => Path.Combine(RepoRoot, "out", "CopilotSeats");
    public static string ManifestPath => Path.Combine(ModuleDirectory, "CopilotSeats.psd1");
    public static string SourceManifestPath => Path.Combine(RepoRoot, "CopilotSeats.psd1");
    public static string HelpPath => Path.Combine(ModuleDirectory, "en-US", "CopilotSeats.dll-Help.xml");
    public static string AboutPath => Path.Combine(ModuleDirectory, "en-US", "about_CopilotSeats.help.txt");
    public static string FormatPath => Path.Combine(ModuleDirectory, "CopilotSeats.Format.ps1xml");

    public static MetadataLoadContext Context => s_context.Value;
    public static Assembly Cmdlets => Context.LoadFromAssemblyPath(Path.Combine(ModuleDirectory, "CopilotSeats.dll"));
    public static Assembly Core => Context.LoadFromAssemblyPath(Path.Combine(ModuleDirectory, "CopilotSeats.Core.dll"));
    public static Assembly Sma => Context.LoadFromAssemblyPath(SmaReferencePath);

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

    /// <summary>The cmdlet classes: types with [Cmdlet].</summary>
    public static IReadOnlyList<Type> CmdletTypes =>
        Cmdlets.GetTypes().Where(t => t.GetCustomAttributesData().Any(a => a.AttributeType.FullName == CmdletAttribute)).OrderBy(t => t.Name).ToList();

    public static CustomAttributeData CmdletAttributeOf(Type type) =>
        type.GetCustomAttributesData().Single(a => a.AttributeType.FullName == CmdletAttribute);

    /// <summary>Verb-Noun of a cmdlet class.</summary>
    public static string CommandName(Type type)
    {
        var attribute = CmdletAttributeOf(type);
        return attribute.ConstructorArguments[0].Value + "-" + attribute.ConstructorArguments[1].Value;
    }

    public static Type CmdletType(string commandName) => CmdletTypes.Single(t => CommandName(t) == commandName);

    public static T? Named<T>(CustomAttributeData attribute, string name, T? fallback = default)
    {
        foreach (var argument in attribute.NamedArguments)
            if (argument.MemberName == name) return (T?)argument.TypedValue.Value;
        return fallback;
    }

    /// <summary>Public properties carrying [Parameter], including inherited ones.</summary>
    public static IReadOnlyList<PropertyInfo> ParameterProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttributesData().Any(a => a.AttributeType.FullName == ParameterAttribute))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();

    public static IEnumerable<CustomAttributeData> AttributesNamed(MemberInfo member, string fullName) =>
        member.GetCustomAttributesData().Where(a => a.AttributeType.FullName == fullName);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CopilotSeats.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("CopilotSeats.sln was not found above " + AppContext.BaseDirectory);
    }

    private static string? FindPackageRoot()
    {
        var candidates = new List<string?>
        {
            typeof(ModuleUnderTest).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "NuGetPackageRoot")?.Value,
            Environment.GetEnvironmentVariable("NUGET_PACKAGES"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        };
        return candidates.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c) && Directory.Exists(Path.Combine(c!, "powershellstandard.library")));
    }

    private static MetadataLoadContext CreateContext()
    {
        if (!Directory.Exists(ModuleDirectory))
            throw new DirectoryNotFoundException("The module folder was not built: " + ModuleDirectory);
        var moduleDlls = Directory.GetFiles(ModuleDirectory, "*.dll");
        var shipped = new HashSet<string>(moduleDlls.Select(Path.GetFileNameWithoutExtension)!, StringComparer.OrdinalIgnoreCase);
        var runtime = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Where(p => !shipped.Contains(Path.GetFileNameWithoutExtension(p)) && !Path.GetFileName(p).Equals(SmaName + ".dll", StringComparison.OrdinalIgnoreCase));
        var resolver = new PathAssemblyResolver(moduleDlls.Concat(runtime).Append(SmaReferencePath));
        return new MetadataLoadContext(resolver);
    }
}
