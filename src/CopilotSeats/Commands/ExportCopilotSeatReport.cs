using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using CopilotSeats.Reports;
using CopilotSeats.Summary;
using CopilotSeats.Validation;

using CopilotSeats.Commands.Completion;

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
    public sealed class ExportCopilotSeatReportCommand : CopilotApiCmdlet
    {
        internal const string InputObjectSet = "InputObject";

        private IReadOnlyDictionary<string, decimal>? _prices;
        private SeatReportBuilder? _builder;
        private string? _path;
        private bool _write;
        private bool _complete;

        /// <summary>The HTML file to write; a PowerShell path, relative to the current location.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Seats to report on, usually piped from Get-CopilotSeat.</summary>
        [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
        public CopilotSeat[]? InputObject { get; set; }

        /// <summary>Organization to list and report on; otherwise the Connect-Copilot default.</summary>
        [Parameter(ParameterSetName = OrganizationSet)]
        [ValidateCopilotName(NameKind.Organization)]
        [ArgumentCompleter(typeof(OrganizationCompleter))]
        public string? Organization { get; set; }

        /// <summary>Enterprise to list and report on.</summary>
        [Parameter(ParameterSetName = EnterpriseSet, Mandatory = true)]
        [ValidateCopilotName(NameKind.Enterprise)]
        [ArgumentCompleter(typeof(EnterpriseCompleter))]
        public string? Enterprise { get; set; }

        /// <summary>Seats per page (per_page) while listing.</summary>
        [Parameter(ParameterSetName = OrganizationSet)]
        [Parameter(ParameterSetName = EnterpriseSet)]
        [ValidateRange(1, 100)]
        public int PageSize { get; set; } = CopilotDefaults.PageSize;

        /// <summary>A seat is inactive when unused for this many days (the -InactiveDays rule of Measure-CopilotSeat and Get-CopilotSeat).</summary>
        [Parameter]
        [ValidateRange(1, 36500)]
        public int InactiveDays { get; set; } = 30;

        /// <summary>Monthly price per user of each plan type; default @{ business = 19; enterprise = 39 }.</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? Price { get; set; }

        /// <summary>Currency of -Price, shown beside every amount.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Currency { get; set; } = SeatPrices.DefaultCurrency;

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
            try
            {
                _prices = PriceParameter.Parse(Price);
            }
            catch (CopilotException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex));
            }
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
            if (!_write) return;
            if (ParameterSetName == InputObjectSet)
            {
                SeatReportBuilder forInput = Builder(null, null);
                if (InputObject != null) forInput.Add(InputObject);
                _complete = true;
                return;
            }
            SeatScope scope = ResolveScope(Organization, Enterprise);
            SeatReportBuilder builder = Builder(scope.ToString(), scope.Name);
            Seats.CopilotClient client = GetClient();
            int pageSize = PageSize;
            RunAsync(async cancellationToken =>
            {
                // Pages are only counted (and the reclaimable rows kept), never written.
                await client.ListSeatsAsync(scope, (page, _) =>
                {
                    builder.Add(page);
                    return System.Threading.Tasks.Task.CompletedTask;
                }, pageSize, cancellationToken).ConfigureAwait(false);
                _complete = true;
            });
        }

        /// <summary>The builder, created on the first record (the parameter set is only known once input is bound).</summary>
        private SeatReportBuilder Builder(string? target, string? scopeName)
        {
            if (_builder != null) return _builder;
            _builder = new SeatReportBuilder(InactiveDays, _prices, Currency, DateTimeOffset.UtcNow, target, scopeName);
            return _builder;
        }

        protected override void EndProcessing()
        {
            if (!_write) return;
            // Nothing piped in (an empty upstream): a report of no seats.
            if (_builder is null && MyInvocation.ExpectingInput)
            {
                Builder(null, null);
                _complete = true;
            }
            // A listing that failed part way writes no report (its error was written).
            if (!_complete || _builder is null) return;
            SeatReport report = _builder.Complete();
            if (report.UnknownPlanWarning != null) WriteWarning(report.UnknownPlanWarning);
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
