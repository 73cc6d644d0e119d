using System;
using System.IO;
using System.Net;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Windows PowerShell 5.1 applies no binding redirects to modules: when a dependency asks for
    /// an older version of an assembly we ship (System.Memory, System.Runtime.CompilerServices.Unsafe, ...)
    /// the load fails. On import this registers an AssemblyResolve handler that answers such requests
    /// with the copy in the module folder (Core's <see cref="DependencyResolver"/> decides); on
    /// Remove-Module the handler is removed again. Harmless on PowerShell 7, where it rarely fires.
    /// </summary>
    public sealed class CopilotSeatsModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string s_moduleDirectory =
            Path.GetDirectoryName(typeof(CopilotSeatsModuleInitializer).Assembly.Location) ?? string.Empty;

        private static int s_registered;

        [ThreadStatic]
        private static bool t_resolving;

        public void OnImport()
        {
            // Load Core now, before the handler exists, so the handler never has to resolve
            // the assembly it is itself defined against.
            GC.KeepAlive(typeof(DependencyResolver).Assembly);
            if (Interlocked.Exchange(ref s_registered, 1) == 0)
                AppDomain.CurrentDomain.AssemblyResolve += ResolveShipped;
            EnableTls12OnNetFramework();
        }

        /// <summary>
        /// powershell.exe targets an old .NET Framework, so unless the machine opted in to strong crypto
        /// ServicePointManager offers only SSL 3 / TLS 1.0, which GitHub refuses. Add TLS 1.2 to an explicit
        /// protocol list; leave SystemDefault (the OS decides) alone. Nothing to do on PowerShell 7.
        /// </summary>
        private static void EnableTls12OnNetFramework()
        {
            if (!RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase)) return;
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

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            if (Interlocked.Exchange(ref s_registered, 0) == 1)
                AppDomain.CurrentDomain.AssemblyResolve -= ResolveShipped;
        }

        private static Assembly? ResolveShipped(object? sender, ResolveEventArgs args)
        {
            if (t_resolving || s_moduleDirectory.Length == 0) return null;
            t_resolving = true;
            try
            {
                string? path = DependencyResolver.FindShipped(args.Name, s_moduleDirectory);
                return path is null ? null : Assembly.LoadFrom(path);
            }
            catch (Exception)
            {
                // Let the runtime report the original load failure.
                return null;
            }
            finally
            {
                t_resolving = false;
            }
        }
    }
}
