using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CopilotSeats.Commands.Loading
{
    /// <summary>
    /// Dependency isolation, as PSResourceGet and platyPS do it. The module folder holds only the manifest,
    /// CopilotSeats.dll, help and formats; every other assembly sits in <c>Dependencies/</c>, where neither
    /// PowerShell nor the default load context looks. On import one AssemblyResolve handler is registered;
    /// it answers only requests that come from this module:
    /// <list type="bullet">
    /// <item>PowerShell 7: CopilotSeats.dll asking for CopilotSeats.Core, which is loaded into a
    /// <see cref="PrivateLoadContext"/> that then loads Core's own dependencies from Dependencies/; and
    /// CopilotSeats.dll or Core asking for CopilotSeats.Models (the output types and exceptions), which is
    /// loaded once into the default context, so the cmdlets, Core and scripts share one CopilotSeat type
    /// and [CopilotSeats.CopilotSeat] resolves at the prompt.</item>
    /// <item>Windows PowerShell 5.1 (one AppDomain, no load contexts): any assembly we ship, asked for by
    /// CopilotSeats.dll or by an assembly in Dependencies/, loaded from there whatever version was asked for
    /// (5.1 applies no binding redirects to modules). Requests from other modules are left alone.</item>
    /// </list>
    /// Remove-Module removes the handler.
    /// </summary>
    public sealed class CopilotSeatsModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string s_moduleDirectory =
            Path.GetDirectoryName(typeof(CopilotSeatsModuleInitializer).Assembly.Location) ?? string.Empty;

        private static readonly DependencyFolder s_dependencies = new DependencyFolder(s_moduleDirectory);

        private static readonly bool s_isNetFramework =
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        private static readonly object s_contextLock = new object();
        private static object? s_context; // a PrivateLoadContext on PowerShell 7; typed object so 5.1 never loads its type

        private static readonly object s_registrationLock = new object();
        private static int s_registered;

        public void OnImport()
        {
            // Under a lock, not a flag set before the handler is added: runspaces importing the module at
            // the same time (ForEach-Object -Parallel, parallel test fixtures) must not go on to analyse the
            // cmdlet types, which asks for Core, before the handler is in place.
            lock (s_registrationLock)
            {
                if (s_registered == 0)
                {
                    AppDomain.CurrentDomain.AssemblyResolve += Resolve;
                    s_registered = 1;
                }
            }
            LoadSharedTypes();
            if (s_isNetFramework) EnableTls12();
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (s_registrationLock)
            {
                if (s_registered == 1)
                {
                    AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
                    s_registered = 0;
                }
            }
        }

        /// <summary>Loads CopilotSeats.Models now, so [CopilotSeats.CopilotSeat] resolves before the first cmdlet runs.</summary>
        private static void LoadSharedTypes()
        {
            AssemblyName? name = DependencyFolder.Parse(DependencyFolder.SharedTypesName);
            string? path = name is null ? null : s_dependencies.Find(name);
            if (path != null) Assembly.LoadFrom(path);
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            AssemblyName? requested = DependencyFolder.Parse(args.Name);
            if (requested is null) return null;
            try
            {
                return s_isNetFramework ? ResolveOnNetFramework(requested, args.RequestingAssembly) : ResolveOnNetCore(requested, args.RequestingAssembly);
            }
            catch (Exception)
            {
                return null; // let the runtime report the original load failure
            }
        }

        private static Assembly? ResolveOnNetFramework(AssemblyName requested, Assembly? requesting)
        {
            // .NET Framework sometimes gives no requesting assembly; then the name alone decides.
            if (requesting != null && !s_dependencies.Contains(requesting.Location, s_moduleDirectory)) return null;
            string? path = s_dependencies.Find(requested);
            return path is null ? null : Assembly.LoadFrom(path);
        }

        private static Assembly? ResolveOnNetCore(AssemblyName requested, Assembly? requesting)
        {
            if (requesting != null && !s_dependencies.Contains(requesting.Location, s_moduleDirectory)) return null;
            if (DependencyFolder.IsSharedTypes(requested))
            {
                string? path = s_dependencies.Find(requested);
                return path is null ? null : Assembly.LoadFrom(path);
            }
            return DependencyFolder.IsEngine(requested) ? LoadIntoPrivateContext(requested) : null;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Assembly? LoadIntoPrivateContext(AssemblyName requested)
        {
            lock (s_contextLock)
            {
                s_context ??= new PrivateLoadContext(s_dependencies, PlatformAssemblies.FromRuntime());
                return ((PrivateLoadContext)s_context).LoadEngine(requested);
            }
        }

        /// <summary>
        /// powershell.exe targets an old .NET Framework, so unless the machine opted in to strong crypto
        /// ServicePointManager offers only SSL 3 / TLS 1.0, which GitHub refuses. Add TLS 1.2 to an explicit
        /// protocol list; leave SystemDefault (the OS decides) alone.
        /// </summary>
        private static void EnableTls12()
        {
            try
            {
                SecurityProtocolType current = ServicePointManager.SecurityProtocol;
                if (current != 0 && (current & SecurityProtocolType.Tls12) == 0)
                    ServicePointManager.SecurityProtocol = current | SecurityProtocolType.Tls12;
            }
            catch (NotSupportedException)
            {
            }
        }
    }
}
