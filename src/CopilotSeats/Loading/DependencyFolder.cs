using System.Reflection;

namespace CopilotSeats.Commands.Loading
{
    /// <summary>
    /// The module's <c>Dependencies/</c> folder: every assembly the module ships except
    /// CopilotSeats.dll. Answers "is this one of ours?" and "where is our copy?" for the loaders.
    /// </summary>
    /// <remarks>
    /// This is the one piece of logic outside CopilotSeats.Core, because it is what loads Core. It uses
    /// no PowerShell and no AssemblyLoadContext types, so the tests compile it into their own assembly.
    /// </remarks>
    internal sealed class DependencyFolder
    {
        public const string FolderName = "Dependencies";

        /// <summary>The assembly the cmdlets call into; the only entry point into the private load context.</summary>
        public const string EngineName = "CopilotSeats.Core";

        /// <summary>The types users name in scripts (output types, exceptions): loaded into the default context and shared by both sides.</summary>
        public const string SharedTypesName = "CopilotSeats.Models";

        private readonly Dictionary<string, string> _shipped = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public DependencyFolder(string moduleDirectory)
        {
            Path = System.IO.Path.Combine(moduleDirectory, FolderName);
            if (!Directory.Exists(Path)) return;
            foreach (string file in Directory.GetFiles(Path, "*.dll"))
                _shipped[System.IO.Path.GetFileNameWithoutExtension(file)] = file;
        }

        public string Path { get; }

        public IReadOnlyCollection<string> Names => _shipped.Keys;

        public static bool IsEngine(AssemblyName name) => string.Equals(name.Name, EngineName, StringComparison.OrdinalIgnoreCase);

        public static bool IsSharedTypes(AssemblyName name) => string.Equals(name.Name, SharedTypesName, StringComparison.OrdinalIgnoreCase);

        /// <summary>True when <paramref name="location"/> (an assembly's file) is CopilotSeats.dll's folder or the Dependencies folder.</summary>
        public bool Contains(string? location, string moduleDirectory)
        {
            if (string.IsNullOrEmpty(location)) return false;
            string? directory = System.IO.Path.GetDirectoryName(location);
            return SamePath(directory, Path) || SamePath(directory, moduleDirectory);
        }

        /// <summary>
        /// The path of our copy of <paramref name="requested"/>, or null when we do not ship it, when it is a
        /// resource or PowerShell's own assembly, or when our copy's major version is older than asked for
        /// (handing that out would only fail later).
        /// </summary>
        public string? Find(AssemblyName requested)
        {
            string? name = requested.Name;
            if (string.IsNullOrEmpty(name)) return null;
            if (name!.EndsWith(".resources", StringComparison.OrdinalIgnoreCase)) return null;
            if (string.Equals(name, "System.Management.Automation", StringComparison.OrdinalIgnoreCase)) return null;
            if (!_shipped.TryGetValue(name, out string? path)) return null;
            if (requested.Version != null)
            {
                Version? ours = VersionOf(path);
                if (ours is null || ours.Major < requested.Version.Major) return null;
            }
            return path;
        }

        /// <summary>The version of the assembly in <paramref name="path"/>, or null when it cannot be read.</summary>
        public static Version? VersionOf(string path)
        {
            try { return AssemblyName.GetAssemblyName(path).Version; }
            catch (Exception) { return null; }
        }

        /// <summary>Parses a display name; null when it is not one.</summary>
        public static AssemblyName? Parse(string fullName)
        {
            try { return new AssemblyName(fullName); }
            catch (Exception) { return null; }
        }

        private static bool SamePath(string? a, string b) =>
            a != null && string.Equals(System.IO.Path.GetFullPath(a).TrimEnd('/', '\\'), System.IO.Path.GetFullPath(b).TrimEnd('/', '\\'),
                Environment.OSVersion.Platform == PlatformID.Win32NT ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }
}
