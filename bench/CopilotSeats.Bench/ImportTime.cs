// Import time: how much Import-Module CopilotSeats adds to a bare pwsh start, beside the floor any
// module pays (importing an empty manifest loads PowerShell's module machinery), and what the first
// command (which loads Core and its dependencies into the private load context) adds on top.
// Each figure is the median of several fresh pwsh processes, run in turns so drift hits all alike.
using System.Diagnostics;
using System.Text.Json;

static class ImportTime
{
    public readonly record struct Result(double BareMs, double EmptyModuleMs, double ImportMs, double FirstCommandMs, string Pwsh);

    public static async Task<Result?> MeasureAsync(Uri simulator, int runs)
    {
        string root = RepoRoot();
        string manifest = Path.Combine(root, "out", "CopilotSeats", "CopilotSeats.psd1");
        string[]? pwsh = FindPwsh(root);
        if (pwsh is null || !File.Exists(manifest)) { Console.WriteLine("No pwsh or no built module: skipping the import-time figures."); return null; }
        string empty = Path.Combine(Path.GetTempPath(), "copilotseats-bench-empty", "Empty.psd1");
        Directory.CreateDirectory(Path.GetDirectoryName(empty)!);
        File.WriteAllText(empty, "@{ ModuleVersion = '1.0.0'; GUID = '4d6f2b1e-0c55-4a7e-9d3a-2f1d2c3b4a59' }");
        string import = $"Import-Module '{manifest}'";
        string first = $"{import}; $t = ConvertTo-SecureString sim_bench_token -AsPlainText -Force; $null = Get-CopilotSeat -Organization octo-org -ApiUrl {simulator} -Token $t -First 1";
        var bare = new List<double>(); var emptyModule = new List<double>(); var imported = new List<double>(); var firstCommand = new List<double>();
        await RunAsync(pwsh, "exit"); // warm the disk cache once
        for (int i = 0; i < runs; i++)
        {
            bare.Add(await RunAsync(pwsh, "exit"));
            emptyModule.Add(await RunAsync(pwsh, $"Import-Module '{empty}'; exit"));
            imported.Add(await RunAsync(pwsh, import + "; exit"));
            firstCommand.Add(await RunAsync(pwsh, first + "; exit"));
        }
        return new Result(Median(bare), Median(emptyModule), Median(imported), Median(firstCommand), string.Join(' ', pwsh.Select(Path.GetFileName)));
    }

    private static async Task<double> RunAsync(string[] pwsh, string command)
    {
        var psi = new ProcessStartInfo(pwsh[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in pwsh.Skip(1)) psi.ArgumentList.Add(a);
        foreach (string a in new[] { "-NoProfile", "-NonInteractive", "-Command", command }) psi.ArgumentList.Add(a);
        var watch = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        watch.Stop();
        if (p.ExitCode != 0) throw new InvalidOperationException($"pwsh failed ({p.ExitCode}) on: {command}\n{await err}");
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>pwsh from PATH, else the PowerShell that .config/dotnet-tools.json restores (dotnet + pwsh.dll).</summary>
    internal static string[]? FindPwsh(string root)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, "pwsh"))) return new[] { Path.Combine(dir, "pwsh") };
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, ".config", "dotnet-tools.json")));
        string version = manifest.RootElement.GetProperty("tools").GetProperty("powershell").GetProperty("version").GetString()!;
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string tools = Path.Combine(packages, "powershell", version, "tools");
        string? dll = Directory.Exists(tools)
            ? Directory.GetFiles(tools, "pwsh.dll", SearchOption.AllDirectories).FirstOrDefault(f => f.Contains(OperatingSystem.IsWindows() ? "win" : "unix"))
            : null;
        return dll is null ? null : new[] { "dotnet", dll };
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "CopilotSeats.sln"))) dir = dir.Parent;
        return dir?.FullName ?? ".";
    }
}
