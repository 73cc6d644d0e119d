using CopilotSeats.Reports;
using CopilotSeats.Summary;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Export-CopilotSeatReport: one self-contained HTML page (inline CSS and SVG, no script, no URL) about piped
    /// seats, or about an organization or enterprise it lists itself. The figures are Core's
    /// <see cref="SeatReportBuilder"/> (Measure-CopilotSeat's summarizer inside), the page Core's
    /// <see cref="SeatReportWriter"/>; only aggregates and the reclaimable rows are kept while seats stream in.
    /// </summary>
    [Cmdlet(VerbsData.Export, "CopilotSeatReport", DefaultParameterSetName = OrganizationSet, SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportCopilotSeatReportCommand : CopilotSeatConsumerCmdlet
    {
        private string? _path;
        private bool _write;

        /// <summary>The HTML file to write; a PowerShell path, relative to the current location.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Organization to list and report on; otherwise the Connect-Copilot default. Not positional: -Path is.</summary>
        [Parameter(ParameterSetName = OrganizationSet)]
        [ValidateCopilotName(NameKind.Organization)]
        [ArgumentCompleter(typeof(OrganizationCompleter))]
        public override string? Organization { get => base.Organization; set => base.Organization = value; }

        /// <summary>Writes the file (a System.IO.FileInfo) to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Never overwrite an existing file.</summary>
        [Parameter]
        [Alias("NoOverwrite")]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>Overwrite a read-only file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _path = ResolvePath(Path);
            try
            {
                ReportOutputFile.Check(_path, NoClobber, Force);
            }
            catch (CopilotException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex));
            }
            // As Export-Csv: asked once, before any input is read; declined (or -WhatIf), nothing is listed or written.
            _write = ShouldProcess(_path, "Write the Copilot seat report");
        }

        protected override void ProcessRecord()
        {
            if (_write) base.ProcessRecord();
        }

        protected override void EndProcessing()
        {
            if (_write) base.EndProcessing();
        }

        protected override ISeatSink CreateSink(SeatScope? scope)
        {
            var builder = new SeatReportBuilder(InactiveDays, Prices, Currency, DateTimeOffset.UtcNow, scope?.ToString(), scope?.Name) { CreditsAsked = WantsCredits };
            if (Allowances != null) builder.CreditAllowances = Allowances;
            return builder;
        }

        /// <summary>Writes the page (not when a listing failed part way: its error was written).</summary>
        protected override void Complete(ISeatSink sink)
        {
            SeatReport report = ((SeatReportBuilder)sink).Complete();
            if (report.UnknownPlanWarning != null) WriteWarning(report.UnknownPlanWarning);
            if (report.NoAllowanceWarning != null) WriteWarning(report.NoAllowanceWarning);
            string path = _path!;
            try
            {
                ReportOutputFile.Write(path, NoClobber, Force, writer => SeatReportWriter.Write(report, writer));
            }
            catch (CopilotException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex));
            }
            WriteVerbose($"Wrote the Copilot seat report of {report.Target} to '{path}': {report.Summary.Seats} seats, {report.Reclaimable.Count} reclaimable.");
            if (PassThru) WriteObject(new FileInfo(path));
        }

        /// <summary>A PowerShell path (relative to the current location, PSDrives allowed) as a file-system path; a file that need not exist yet.</summary>
        private string ResolvePath(string path)
        {
            string resolved;
            ProviderInfo provider;
            try
            {
                resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
            }
            catch (Exception ex) when (ex is ItemNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException || ex is NotSupportedException || ex is ArgumentException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ReportOutputFile.InvalidPathId, ErrorCategory.InvalidArgument, path)
                {
                    ErrorDetails = new ErrorDetails($"Cannot use '{path}' as the report file: {ex.Message}") { RecommendedAction = "Pass a file-system path, such as ./seats.html." },
                });
                throw; // not reached
            }
            if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException($"'{path}' is not a file-system path (provider {provider.Name})."),
                    ReportOutputFile.InvalidPathId, ErrorCategory.InvalidArgument, path)
                {
                    ErrorDetails = new ErrorDetails($"'{path}' is not a file-system path (provider {provider.Name}).") { RecommendedAction = "Pass a file-system path, such as ./seats.html." },
                });
            }
            return resolved;
        }
    }
}
