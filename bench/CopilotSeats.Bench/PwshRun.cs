// Runs a script in one fresh pwsh (the one the repo restores) with the built module, and reads the JSON
// object its last output line holds.
using System.Diagnostics;
using System.Text.Json;

static class PwshRun
{
    /// <summary>The built module's manifest and a pwsh to run, or null (the caller prints why it skips).</summary>
    public static (string Manifest, string[] Pwsh)? Find()
    {
        string root = ImportTime.RepoRoot();
        string manifest = Path.Combine(root, "out", "CopilotSeats", "CopilotSeats.psd1");
        string[]? pwsh = ImportTime.FindPwsh(root);
        return pwsh is null || !File.Exists(manifest) ? null : (manifest, pwsh);
    }

    public static async Task<JsonDocument> JsonAsync(string[] pwsh, string script, string what)
    {
        var psi = new ProcessStartInfo(pwsh[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in pwsh.Skip(1)) psi.ArgumentList.Add(a);
        foreach (string a in new[] { "-NoProfile", "-NonInteractive", "-Command", script }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        string output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"pwsh failed ({p.ExitCode}) measuring {what}:\n{await err}");
        return JsonDocument.Parse(output.Trim().Split('\n').Last());
    }

    public static List<double> Numbers(JsonElement root, string name) => root.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToList();
}
