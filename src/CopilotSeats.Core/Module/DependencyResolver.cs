using System;
using System.IO;
using System.Reflection;

namespace CopilotSeats
{
    /// <summary>
    /// Windows PowerShell 5.1 applies no binding redirects to modules, so a dependency that asks
    /// for System.Memory 4.0.1.1 while we ship 4.0.1.2 fails to load. The module's assembly-resolve
    /// handler asks this class for the copy we ship, whatever version was requested.
    /// </summary>
    public static class DependencyResolver
    {
        /// <summary>The path of our shipped copy of <paramref name="requested"/>, or null when we do not ship it
        /// (or ship an older version than asked for, which would only fail later).</summary>
        public static string? FindShipped(string requestedFullName, string moduleDirectory)
        {
            AssemblyName requested;
            try { requested = new AssemblyName(requestedFullName); }
            catch (Exception) { return null; }
            if (string.IsNullOrEmpty(requested.Name)) return null;
            if (requested.Name!.EndsWith(".resources", StringComparison.OrdinalIgnoreCase)) return null;
            if (string.Equals(requested.Name, "System.Management.Automation", StringComparison.OrdinalIgnoreCase)) return null;
            string candidate = Path.Combine(moduleDirectory, requested.Name + ".dll");
            if (!File.Exists(candidate)) return null;
            if (requested.Version != null)
            {
                try
                {
                    Version? shipped = AssemblyName.GetAssemblyName(candidate).Version;
                    if (shipped != null && shipped.Major < requested.Version.Major) return null;
                }
                catch (Exception) { return null; }
            }
            return candidate;
        }
    }
}
