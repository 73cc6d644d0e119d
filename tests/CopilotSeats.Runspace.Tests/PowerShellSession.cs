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
    private System.Management.Automation.Runspaces.Runspace? _runspace;

    /// <summary>
    /// One runspace opens at a time: test classes run in parallel, and runspaces opened at once in one process can come up
    /// without Core's commands ("The term 'Import-Module' is not recognized"; PowerShell/PowerShell#7377).
    /// </summary>
    private static readonly SemaphoreSlim OpenGate = new(1, 1);

    public SimulatorHost Sim { get; private set; } = null!;
    public RecordingHost Host { get; } = new();
    public PSModuleInfo Module { get; private set; } = null!;

    public static string RepoRoot => Repo.Root;
    public static string ManifestPath => Path.Combine(RepoRoot, "out", "CopilotSeats", "CopilotSeats.psd1");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ManifestPath), $"{ManifestPath} is missing: run 'dotnet build CopilotSeats.sln -c Release' first.");
        Sim = await SimulatorHost.StartAsync(new SimulatorOptions { Seats = 120 });
        // Seat changes are journaled: into a file of the test run, never the user's own journal.
        Environment.SetEnvironmentVariable("COPILOTSEATS_JOURNAL", Path.Combine(Path.GetTempPath(), $"copilotseats-runspace-tests-{Environment.ProcessId}.jsonl"));
        InitialSessionState iss = InitialSessionState.CreateDefault2();
        // Get-FormatData from Microsoft.PowerShell.Utility: the module's views as the engine loaded them.
        iss.Commands.Add(new SessionStateCmdletEntry("Get-FormatData", typeof(Microsoft.PowerShell.Commands.GetFormatDataCommand), null));
        await OpenGate.WaitAsync();
        try
        {
            _runspace = RunspaceFactory.CreateRunspace(Host, iss);
            _runspace.Open();
            using PowerShell ps = PowerShell.Create();
            ps.Runspace = _runspace;
            Collection<PSObject> imported = ps.AddCommand("Import-Module").AddParameter("Name", ManifestPath).AddParameter("PassThru").AddParameter("ErrorAction", "Stop").Invoke();
            Module = (PSModuleInfo)Assert.Single(imported).BaseObject;
        }
        finally
        {
            OpenGate.Release();
        }
        ResetVariables();
    }

    public async Task DisposeAsync()
    {
        _runspace?.Dispose();
        if (Sim != null) await Sim.DisposeAsync();
    }

    /// <summary>Fresh simulator state, empty request log, no host records; $tok (a full-scope token) and $api (simulator URL) set.</summary>
    public void Reset(SimulatorOptions? options = null)
    {
        Sim.Reset(options);
        Host.Clear();
        Host.ConfirmAnswer = "No";
        ResetVariables();
    }

    private void ResetVariables()
    {
        SetVariable("tok", Secure("sim_runspace_token"));
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
        // A local scope per run: preference variables a script sets ($WhatIfPreference, ...) do not leak into the next test.
        Collection<PSObject> output = ps.AddScript(wrapped, useLocalScope: true).Invoke();
        var terminating = _runspace!.SessionStateProxy.GetVariable("__rsTerminating") as ErrorRecord
            ?? (_runspace.SessionStateProxy.GetVariable("__rsTerminating") as PSObject)?.BaseObject as ErrorRecord;
        return new PsResult(output.ToList(), ps.Streams.Error.ToList(), terminating, Host.Lines.ToList(), Host.Prompts.ToList());
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
}

/// <summary>What one invocation produced: output, errors (the terminating one apart), host lines and prompts.</summary>
public sealed record PsResult(List<PSObject> Output, List<ErrorRecord> Errors, ErrorRecord? Terminating, List<string> HostLines, List<string> Prompts)
{
    /// <summary>Asserts the run had no error of any kind and returns the output.</summary>
    public List<PSObject> Ok()
    {
        Assert.True(Terminating is null, "terminating error: " + Terminating);
        Assert.True(Errors.Count == 0, "errors: " + string.Join(" | ", Errors.Select(e => e.FullyQualifiedErrorId + ": " + e)));
        return Output;
    }
}

/// <summary>Property of a PowerShell output object (the tests never load Core's types themselves).</summary>
public static class PsObjectExtensions
{
    public static object? Prop(this PSObject o, string name) => o.Properties[name]?.Value;
    public static string? Str(this PSObject o, string name) => o.Properties[name]?.Value?.ToString();
}
