using System.Diagnostics;

namespace CopilotSeats.Auth
{
    /// <summary>What the process environment offers; faked in tests.</summary>
    public interface ICopilotEnvironment
    {
        string? GetVariable(string name);
        /// <summary>Runs `gh auth token --hostname host` when gh is on PATH; null when gh is absent or fails.</summary>
        string? GhAuthToken(string hostname);
    }

    public sealed class SystemCopilotEnvironment : ICopilotEnvironment
    {
        public static readonly SystemCopilotEnvironment Instance = new SystemCopilotEnvironment();

        public string? GetVariable(string name) => Environment.GetEnvironmentVariable(name);

        public string? GhAuthToken(string hostname)
        {
            string? gh = FindOnPath("gh");
            if (gh is null) return null;
            try
            {
                var psi = new ProcessStartInfo(gh, "auth token --hostname " + hostname)
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                    CreateNoWindow = true,
                };
                using var p = Process.Start(psi);
                if (p is null) return null;
                string output = p.StandardOutput.ReadToEnd();
                p.StandardError.ReadToEnd();
                if (!p.WaitForExit(10000)) { try { p.Kill(); } catch { } return null; }
                if (p.ExitCode != 0) return null;
                string token = output.Trim();
                return token.Length == 0 ? null : token;
            }
            catch (Exception)
            {
                return null;
            }
        }

        internal static string? FindOnPath(string name)
        {
            string? path = Environment.GetEnvironmentVariable("PATH");
            if (string.IsNullOrEmpty(path)) return null;
            bool windows = Path.DirectorySeparatorChar == '\\';
            string[] names = windows ? new[] { name + ".exe", name + ".cmd" } : new[] { name };
            foreach (string dir in path!.Split(Path.PathSeparator))
            {
                if (dir.Length == 0) continue;
                foreach (string n in names)
                {
                    try
                    {
                        string candidate = Path.Combine(dir.Trim('"'), n);
                        if (File.Exists(candidate)) return candidate;
                    }
                    catch (ArgumentException) { }
                }
            }
            return null;
        }
    }
}
