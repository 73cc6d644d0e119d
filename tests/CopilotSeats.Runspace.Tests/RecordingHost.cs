using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace CopilotSeats.Runspace.Tests;

/// <summary>
/// A PSHost that records what PowerShell writes to the console (the "What if:" lines of -WhatIf) and
/// every confirmation prompt (ShouldProcess under -Confirm or ConfirmImpact), answering with <see cref="ConfirmAnswer"/>.
/// </summary>
public sealed class RecordingHost : PSHost
{
    private readonly RecordingUI _ui;
    private readonly Guid _id = Guid.NewGuid();

    public RecordingHost() => _ui = new RecordingUI(this);

    internal readonly object Sync = new();
    internal readonly List<string> LinesList = new();
    internal readonly List<string> PromptsList = new();

    public IReadOnlyList<string> Lines { get { lock (Sync) return LinesList.ToList(); } }
    public IReadOnlyList<string> Prompts { get { lock (Sync) return PromptsList.ToList(); } }

    /// <summary>Label of the choice to answer a confirmation prompt with ("Yes", "No", ...).</summary>
    public string ConfirmAnswer { get; set; } = "No";

    /// <summary>Forgets the recorded lines and prompts (the answer stays).</summary>
    public void Clear()
    {
        lock (Sync) { LinesList.Clear(); PromptsList.Clear(); }
    }

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override Guid InstanceId => _id;
    public override string Name => "CopilotSeatsRecordingHost";
    public override PSHostUserInterface UI => _ui;
    public override Version Version => new(1, 0);
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }

    private sealed class RecordingUI : PSHostUserInterface
    {
        private readonly RecordingHost _host;
        private readonly System.Text.StringBuilder _partial = new();

        public RecordingUI(RecordingHost host) => _host = host;

        public override PSHostRawUserInterface? RawUI => null;

        private void Line(string text)
        {
            lock (_host.Sync)
            {
                _partial.Append(text);
                _host.LinesList.Add(_partial.ToString());
                _partial.Clear();
            }
        }

        public override void Write(string value) { lock (_host.Sync) _partial.Append(value); }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
        public override void WriteLine(string value) => Line(value);
        public override void WriteLine() => Line(string.Empty);
        public override void WriteLine(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Line(value);
        public override void WriteErrorLine(string value) => Line(value);
        public override void WriteDebugLine(string message) => Line("DEBUG: " + message);
        public override void WriteVerboseLine(string message) => Line("VERBOSE: " + message);
        public override void WriteWarningLine(string message) => Line("WARNING: " + message);
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteInformation(InformationRecord record) => Line(record.MessageData?.ToString() ?? string.Empty);

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            lock (_host.Sync) _host.PromptsList.Add(caption + ": " + message);
            for (int i = 0; i < choices.Count; i++)
                if (string.Equals(choices[i].Label.Replace("&", string.Empty), _host.ConfirmAnswer, StringComparison.OrdinalIgnoreCase)) return i;
            throw new InvalidOperationException($"No choice labelled '{_host.ConfirmAnswer}' among {string.Join(", ", choices.Select(c => c.Label))}.");
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw new NotSupportedException("Prompt: " + message);
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
        public override string ReadLine() => throw new NotSupportedException();
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();
    }
}
