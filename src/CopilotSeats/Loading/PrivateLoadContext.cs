using System.Reflection;
using System.Runtime.Loader;

namespace CopilotSeats.Commands.Loading
{
    /// <summary>
    /// PowerShell 7 only: the load context that holds CopilotSeats.Core and its dependencies
    /// (Microsoft.Extensions.*, ...), so they never meet the copies another module loaded into the
    /// default context, in either order. The platform's own assemblies still come from the platform,
    /// and CopilotSeats.Models from the default context, so both sides see one CopilotSeat type.
    /// Never touched on Windows PowerShell, where System.Runtime.Loader does not exist.
    /// </summary>
    internal sealed class PrivateLoadContext(DependencyFolder dependencies, PlatformAssemblies platform) : AssemblyLoadContext
    {
        private readonly DependencyFolder _dependencies = dependencies;
        private readonly PlatformAssemblies _platform = platform;

        /// <summary>The engine, loaded into this context (once; later calls return the same assembly).</summary>
        public Assembly? LoadEngine(AssemblyName requested) =>
            _dependencies.Find(requested) is null ? null : LoadFromAssemblyName(requested);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (_platform.Provides(assemblyName)) return null;
            string? path = _dependencies.Find(assemblyName);
            if (path is null) return null;
            return DependencyFolder.IsSharedTypes(assemblyName) ? Default.LoadFromAssemblyPath(path) : LoadFromAssemblyPath(path);
        }
    }
}
