using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using CopilotSeats.Simulator;
using Xunit;

namespace CopilotSeats.Runspace.Tests;

/// <summary>
/// One simulator plus one real PowerShell runspace (System.Management.Automation 7.6.9, in-process) with
/// out/CopilotSeats/CopilotSeats.psd1 imported. Shared by the tests of one class (xunit class fixture);
/// every test class gets its own simulator, so request logs never mix.
/// </summary>
public sealed class PowerShellSession : IAsyncLifetime
{
    /// <summary>A token that must never show up anywhere (any token not starting sim_bad/sim_readonly has full scopes).</summary>
    public const string Canary = "sim_canary_rs_123";

    private System.Management.Automation.Runspaces.Runspace? _runspace;

    public SimulatorHost Sim { get; private set; } = null!;
    public RecordingHost Host { get; } = new();
    public PSModuleInfo Module { get; private set; } = null!;

    public static string RepoRoot { get; } = FindRepoRoot();
    public static string ManifestPath => Path.Combine(RepoRoot, "out", "CopilotSeats", "CopilotSeats.psd1");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ManifestPath), $"{ManifestPath} is missing: run 'dotnet build CopilotSeats.sln -c Release' first.");
        Sim = await SimulatorHost.StartAsync(new SimulatorOptions { Seats = 120 });
        InitialSessionState iss = InitialSessionState.CreateDefault2();
        // Stand-in for Select-Object -First (Microsoft.PowerShell.Utility is not in this engine).
        iss.Commands.Add(new SessionStateCmdletEntry("Select-FirstObject", typeof(SelectFirstObjectCommand), null));
        // Get-FormatData from Microsoft.PowerShell.Utility: the module's views as the engine loaded them.
        iss.Commands.Add(new SessionStateCmdletEntry("Get-FormatData", typeof(Microsoft.PowerShell.Commands.GetFormatDataCommand), null));
        _runspace = RunspaceFactory.CreateRunspace(Host, iss);
        _runspace.Open();
        using (PowerShell ps = PowerShell.Create())
        {
            ps.Runspace = _runspace;
            Collection<PSObject> imported = ps.AddCommand("Import-Module").AddParameter("Name", ManifestPath).AddParameter("PassThru").AddParameter("ErrorAction", "Stop").Invoke();
            Module = (PSModuleInfo)Assert.Single(imported).BaseObject;
        }
        ResetVariables();
    }

    public async Task DisposeAsync()
    {
        _runspace?.Dispose();
        if (Sim != null) await Sim.DisposeAsync();
    }

    /// <summary>Fresh simulator state, empty request log, no host records; $tok (canary SecureString) and $api (simulator URL) set.</summary>
    public void Reset(SimulatorOptions? options = null)
    {
        Sim.Reset(options);
        Host.Clear();
        Host.ConfirmAnswer = "No";
        ResetVariables();
    }

    private void ResetVariables()
    {
        SetVariable("tok", Secure(Canary));
        SetVariable("api", Sim.BaseUri);
    }

    /// <summary>Get-Command -Name <paramref name="name"/> -Module CopilotSeats: the cmdlet as the engine resolved it.</summary>
    public CmdletInfo Command(string name)
    {
        SetVariable("__command", name);
        return Assert.IsType<CmdletInfo>(Assert.Single(Run("Get-Command -Name $__command -Module CopilotSeats").Ok()).BaseObject);
    }

    public void SetVariable(string name, object? value) => _runspace!.SessionStateProxy.SetVariable(name, value);

    public static SecureString Secure(string value)
    {
        var secure = new SecureString();
        foreach (char c in value) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }

    /// <summary>
    /// Runs <paramref name="script"/> inside try/catch, so a terminating error (statement- or script-terminating)
    /// lands in <see cref="PsResult.Terminating"/> while non-terminating ones stay in the error stream.
    /// </summary>
    public PsResult Run(string script)
    {
        using PowerShell ps = PowerShell.Create();
        ps.Runspace = _runspace;
        Host.Clear();
        string wrapped = "$global:__rsTerminating = $null\ntry {\n" + script + "\n} catch { $global:__rsTerminating = $_ }";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // A local scope per run: preference variables a script sets ($WhatIfPreference, ...) do not leak into the next test.
        Collection<PSObject> output = ps.AddScript(wrapped, useLocalScope: true).Invoke();
        watch.Stop();
        var terminating = _runspace!.SessionStateProxy.GetVariable("__rsTerminating") as ErrorRecord
            ?? (_runspace.SessionStateProxy.GetVariable("__rsTerminating") as PSObject)?.BaseObject as ErrorRecord;
        return new PsResult(
            output.ToList(),
            ps.Streams.Error.ToList(),
            terminating,
            ps.Streams.Verbose.ToList(),
            ps.Streams.Warning.ToList(),
            ps.Streams.Debug.ToList(),
            ps.Streams.Information.ToList(),
            ps.Streams.Progress.ToList(),
            Host.Lines.ToList(),
            Host.Prompts.ToList(),
            watch.Elapsed);
    }

    /// <summary>
    /// Starts <paramref name="script"/> asynchronously and calls PowerShell.Stop() (what Ctrl+C does) once
    /// <paramref name="stopWhen"/> is true. Returns how long the stop took and what the invocation ended with.
    /// </summary>
    public (TimeSpan StopTook, Exception? Ended, int Output) RunAndStop(string script, Func<bool> stopWhen, TimeSpan wait)
    {
        using PowerShell ps = PowerShell.Create();
        ps.Runspace = _runspace;
        var output = new PSDataCollection<PSObject>();
        IAsyncResult pending = ps.AddScript(script, useLocalScope: true).BeginInvoke<PSObject, PSObject>(null, output);
        var deadline = DateTime.UtcNow + wait;
        while (!stopWhen())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition to stop never came true");
            Assert.False(pending.IsCompleted, "the command finished before it could be stopped");
            Thread.Sleep(20);
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        ps.Stop();
        Exception? ended = null;
        try { ps.EndInvoke(pending); }
        catch (Exception ex) { ended = ex; }
        return (watch.Elapsed, ended, output.Count);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CopilotSeats.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("CopilotSeats.sln was not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Everything one invocation produced.</summary>
public sealed record PsResult(
    List<PSObject> Output,
    List<ErrorRecord> Errors,
    ErrorRecord? Terminating,
    List<VerboseRecord> Verbose,
    List<WarningRecord> Warning,
    List<DebugRecord> Debug,
    List<InformationRecord> Information,
    List<ProgressRecord> Progress,
    List<string> HostLines,
    List<string> Prompts,
    TimeSpan Elapsed)
{
    /// <summary>Non-terminating errors plus the terminating one, if any.</summary>
    public IEnumerable<ErrorRecord> AllErrors => Terminating is null ? Errors : Errors.Append(Terminating);

    /// <summary>Asserts the run had no error of any kind and returns the output.</summary>
    public List<PSObject> Ok()
    {
        Assert.True(Terminating is null, "terminating error: " + Terminating);
        Assert.True(Errors.Count == 0, "errors: " + string.Join(" | ", Errors.Select(e => e.FullyQualifiedErrorId + ": " + e)));
        return Output;
    }

    /// <summary>Every string any stream, host line, prompt or error carries (messages, ToString, exception text, details).</summary>
    public IEnumerable<string> AllText()
    {
        foreach (PSObject o in Output)
        {
            yield return o.ToString();
            foreach (PSPropertyInfo p in o.Properties)
            {
                object? value;
                try { value = p.Value; } catch (Exception ex) { value = ex.Message; }
                if (value is Array array) foreach (object? item in array) yield return item?.ToString() ?? "";
                else yield return value?.ToString() ?? "";
            }
        }
        foreach (ErrorRecord e in AllErrors)
        {
            yield return e.ToString();
            yield return e.FullyQualifiedErrorId;
            yield return e.Exception?.ToString() ?? "";
            yield return e.ErrorDetails?.Message ?? "";
            yield return e.ErrorDetails?.RecommendedAction ?? "";
            yield return e.CategoryInfo.ToString();
            yield return e.TargetObject?.ToString() ?? "";
        }
        foreach (VerboseRecord r in Verbose) yield return r.Message;
        foreach (WarningRecord r in Warning) yield return r.Message;
        foreach (DebugRecord r in Debug) yield return r.Message;
        foreach (InformationRecord r in Information) yield return r.MessageData?.ToString() ?? "";
        foreach (ProgressRecord r in Progress) { yield return r.Activity; yield return r.StatusDescription; yield return r.CurrentOperation ?? ""; }
        foreach (string line in HostLines) yield return line;
        foreach (string prompt in Prompts) yield return prompt;
    }
}

/// <summary>Property of a PowerShell output object (the tests never load Core's types themselves).</summary>
public static class PsObjectExtensions
{
    public static object? Prop(this PSObject o, string name) => o.Properties[name]?.Value;
    public static string? Str(this PSObject o, string name) => o.Properties[name]?.Value?.ToString();
    public static string TypeName(this PSObject o) => o.BaseObject.GetType().FullName!;
}
