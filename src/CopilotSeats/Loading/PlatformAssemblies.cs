using System.Reflection;

namespace CopilotSeats.Commands.Loading
{
    /// <summary>
    /// The assemblies the host already provides on PowerShell 7: the .NET runtime's and PowerShell's own
    /// (the trusted platform assemblies). A dependency the platform has in the same or a higher version is
    /// taken from the platform, as the default context would: loading our netstandard copy of
    /// System.Memory or System.Text.Json beside the runtime's would split types such as Span&lt;T&gt; in two.
    /// </summary>
    internal sealed class PlatformAssemblies
    {
        private readonly Dictionary<string, string> _paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, Version?> _versions = new Dictionary<string, Version?>(StringComparer.OrdinalIgnoreCase);

        /// <param name="trustedPlatformAssemblies">The runtime's TRUSTED_PLATFORM_ASSEMBLIES list (paths joined by the path separator).</param>
        public PlatformAssemblies(string? trustedPlatformAssemblies)
        {
            if (string.IsNullOrEmpty(trustedPlatformAssemblies)) return;
            foreach (string path in trustedPlatformAssemblies!.Split(new[] { System.IO.Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
            {
                string name = System.IO.Path.GetFileNameWithoutExtension(path);
                if (!_paths.ContainsKey(name)) _paths[name] = path;
            }
        }

        public static PlatformAssemblies FromRuntime() => new PlatformAssemblies(AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string);

        /// <summary>True when the platform has <paramref name="requested"/> in at least the requested version.</summary>
        public bool Provides(AssemblyName requested)
        {
            if (string.IsNullOrEmpty(requested.Name) || !_paths.TryGetValue(requested.Name!, out string? path)) return false;
            Version? version;
            lock (_versions)
            {
                if (!_versions.TryGetValue(requested.Name!, out version))
                    _versions[requested.Name!] = version = DependencyFolder.VersionOf(path);
            }
            return version != null && (requested.Version is null || version >= requested.Version);
        }
    }
}
