using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using CopilotSeats.Seats;
using CopilotSeats.Auth;
using CopilotSeats.Http;
using CopilotSeats.Pipeline;
using CopilotSeats.Usage;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Base of every cmdlet that talks to GitHub: the shared connection parameters, lazy client
    /// creation, streams wired to Core's callbacks, the async bridge and error mapping.
    /// </summary>
    /// <remarks>
    /// Async Core work runs on the thread pool inside <see cref="RunAsync"/>; everything that touches
    /// PowerShell (WriteObject, WriteError, WriteVerbose, WriteWarning, WriteProgress) is posted to
    /// the pipeline thread through Core's <see cref="PipelinePump"/>. StopProcessing (Ctrl+C) cancels
    /// the token handed to Core; a downstream stop (Select-Object -First) surfaces from WriteObject
    /// on the pipeline thread, cancels the work and is rethrown unchanged.
    /// </remarks>
    public abstract class CopilotApiCmdlet : PSCmdlet, IDisposable
    {
        internal const string OrganizationSet = "Organization";
        internal const string EnterpriseSet = "Enterprise";
        private const int RateLimitActivityId = 0x436F70; // "Cop"

        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private volatile PipelinePump? _pump;
        private CopilotClient? _client;
        private const int ListingActivityId = RateLimitActivityId + 1;
        private const int BatchActivityId = RateLimitActivityId + 2;
        private const int UsageActivityId = RateLimitActivityId + 3;
        private readonly Dictionary<int, string> _openProgress = new Dictionary<int, string>(); // activity id -> activity, pipeline thread only
        private bool _disposed;

        /// <summary>GitHub token; otherwise Connect-Copilot, GH_TOKEN, GITHUB_TOKEN, then `gh auth token`.</summary>
        [Parameter]
        public SecureString? Token { get; set; }

        /// <summary>REST API root; otherwise Connect-Copilot, GITHUB_API_URL, then https://api.github.com.</summary>
        [Parameter]
        public Uri? ApiUrl { get; set; }

        /// <summary>X-GitHub-Api-Version (a date such as 2022-11-28).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ApiVersion { get; set; }

        /// <summary>Concurrent requests while listing; 1 is sequential.</summary>
        [Parameter]
        [ValidateRange(1, 16)]
        public int ThrottleLimit { get; set; } = CopilotDefaults.ThrottleLimit;

        /// <summary>Retries of a failed request that is safe to repeat.</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetries { get; set; } = CopilotDefaults.MaxRetries;

        /// <summary>Longest rate-limit wait accepted; a longer one is a terminating error (CopilotSeats.RateLimited).</summary>
        [Parameter]
        [SecondsTimeSpanTransformation]
        public TimeSpan MaxRateLimitWait { get; set; } = CopilotDefaults.MaxRateLimitWait;

        /// <summary>Timeout of each request, in seconds.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = (int)CopilotDefaults.RequestTimeout.TotalSeconds;

        // ---- cancellation -----------------------------------------------------------------

        protected CancellationToken StopToken => _stop.Token;

        protected override void StopProcessing()
        {
            try { _stop.Cancel(); }
            catch (ObjectDisposedException) { }
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _client?.Dispose();
            _client = null;
            _stop.Dispose();
        }

        // ---- targets ----------------------------------------------------------------------

        /// <summary>Explicit organization, explicit enterprise, session organization, session enterprise; else a terminating NoTarget error.</summary>
        protected SeatScope ResolveScope(string? organization, string? enterprise)
        {
            if (!string.IsNullOrEmpty(organization)) return SeatScope.ForOrganization(organization!);
            if (!string.IsNullOrEmpty(enterprise)) return SeatScope.ForEnterprise(enterprise!);
            StoredSession? session = ModuleState.Session;
            if (!string.IsNullOrEmpty(session?.Organization)) return SeatScope.ForOrganization(session!.Organization!);
            if (!string.IsNullOrEmpty(session?.Enterprise)) return SeatScope.ForEnterprise(session!.Enterprise!);
            ThrowTerminatingError(ErrorRecords.From(ErrorRecords.NoTarget(organizationOnly: false)));
            return default; // not reached
        }

        /// <summary>Explicit organization, else the session organization; else a terminating NoTarget error.</summary>
        protected string ResolveOrganization(string? organization)
        {
            if (!string.IsNullOrEmpty(organization)) return organization!;
            string? fromSession = ModuleState.Session?.Organization;
            if (!string.IsNullOrEmpty(fromSession)) return fromSession!;
            ThrowTerminatingError(ErrorRecords.From(ErrorRecords.NoTarget(organizationOnly: true)));
            return string.Empty; // not reached
        }

        // ---- client -----------------------------------------------------------------------

        /// <summary>
        /// The client for this invocation, created on first use (so -WhatIf with nothing to do never
        /// looks for a token). Resolution failures are terminating errors.
        /// </summary>
        protected CopilotClient GetClient()
        {
            if (_client != null) return _client;
            if (MaxRateLimitWait < TimeSpan.Zero)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentOutOfRangeException(nameof(MaxRateLimitWait), "MaxRateLimitWait must not be negative."),
                    "CopilotSeats.InvalidMaxRateLimitWait", ErrorCategory.InvalidArgument, MaxRateLimitWait));
            }
            try
            {
                CopilotToken? token = Token is null ? null : CopilotToken.FromSecureString(Token, ConnectionResolver.SourceParameter);
                ResolvedConnection connection = ConnectionResolver.Resolve(token, ApiUrl, ApiVersion, ModuleState.Session, SystemCopilotEnvironment.Instance);
                WriteDebug("Connection: " + connection);
                var options = new CopilotClientOptions
                {
                    ThrottleLimit = ThrottleLimit,
                    MaxRetries = MaxRetries,
                    MaxRateLimitWait = MaxRateLimitWait,
                    RequestTimeout = TimeSpan.FromSeconds(TimeoutSec),
                    Verbose = message => PostNoWait(() => WriteVerbose(message)),
                    Debug = message => PostNoWait(() => WriteDebug(message)),
                    Warning = message => PostNoWait(() => WriteWarning(message)),
                    RateLimitWait = info => PostNoWait(() => ShowRateLimitWait(info)),
                    ListingProgress = progress => PostNoWait(() => ShowProgress(ListingActivityId, "Listing the Copilot seats of the " + progress.Scope,
                        $"{progress.SeatsSoFar:N0} of {progress.TotalSeats:N0} seats", progress.PercentComplete)),
                    UsageProgress = progress => PostNoWait(() => ShowUsageProgress(progress)),
                };
                _client = new CopilotClient(connection, options);
                return _client;
            }
            catch (CopilotException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex));
                throw; // not reached
            }
        }

        // ---- async bridge -----------------------------------------------------------------

        /// <summary>
        /// Runs <paramref name="work"/> off the pipeline thread while this thread performs every
        /// posted write. Core errors become ErrorRecords: fatal ones terminate, others are written.
        /// </summary>
        protected void RunAsync(Func<CancellationToken, Task> work)
        {
            var pump = new PipelinePump();
            _pump = pump;
            try
            {
                pump.Run(work, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                EndRun();
                throw new PipelineStoppedException();
            }
            catch (PipelineStoppedException)
            {
                // A write refused by the stopping pipeline.
                EndRun();
                throw;
            }
            catch (CopilotException ex)
            {
                EndRun();
                if (ErrorRecords.IsFatal(ex)) ThrowTerminatingError(ErrorRecords.From(ex));
                WriteError(ErrorRecords.From(ex));
            }
            catch (OperationCanceledException ex)
            {
                // Cancelled without a stop request: a Core bug or an unexpected timeout path.
                EndRun();
                ThrowTerminatingError(new ErrorRecord(ex, "CopilotSeats.Cancelled", ErrorCategory.OperationStopped, null));
            }
            finally
            {
                _pump = null;
            }
            CompleteProgress();
        }

        /// <summary>The run is over (it failed or was stopped): no more posts, and every open bar completed.</summary>
        private void EndRun()
        {
            _pump = null;
            CompleteProgress();
        }

        /// <summary>From inside <see cref="RunAsync"/>: runs <paramref name="action"/> on the pipeline thread; completes after it ran.</summary>
        protected Task Post(Action action)
        {
            PipelinePump? pump = _pump;
            if (pump is null) throw new InvalidOperationException("Post is only valid inside RunAsync.");
            return pump.Post(action);
        }

        /// <summary>Queues a write for the pipeline thread without waiting; dropped once RunAsync has returned.</summary>
        private void PostNoWait(Action action) => _pump?.PostNoWait(action);

        /// <summary>From inside <see cref="RunAsync"/>: writes the items in order on the pipeline thread.</summary>
        protected Task WriteObjectsAsync<T>(IEnumerable<T> items) => Post(() =>
        {
            foreach (T item in items) WriteObject(item);
        });

        /// <summary>From inside <see cref="RunAsync"/>: a non-terminating error for one item.</summary>
        protected Task WriteErrorAsync(CopilotException exception, object? targetObject) =>
            Post(() => WriteError(ErrorRecords.From(exception, targetObject)));

        // ---- usage ---------------------------------------------------------------------------

        /// <summary>
        /// The latest 28-day users report folded into one entry per user; null (after one warning saying why) when it
        /// cannot be had, so the seats still come out, with null usage.
        /// </summary>
        private protected async Task<UsageSeatJoin?> LoadUsageAsync(CopilotClient client, SeatScope scope, CancellationToken cancellationToken)
        {
            var join = new UsageSeatJoin();
            long badLines = 0;
            try
            {
                UsageReportResult result = await client.Usage().ReadAsync(scope, UsageReportKind.Users, null, UsageRecordFormat.Typed,
                    (batch, _) => { join.Add(batch); return Task.CompletedTask; },
                    (_, __) => { Interlocked.Increment(ref badLines); return Task.CompletedTask; },
                    cancellationToken, links => join.SetWindow(links.StartDay, links.EndDay)).ConfigureAwait(false);
                if (result.Links.NoData)
                {
                    await Post(() => WriteWarning($"GitHub has no 28-day users usage report for the {scope} yet; the seats come out without usage.")).ConfigureAwait(false);
                    return null;
                }
                if (badLines > 0)
                    await Post(() => WriteVerbose($"{badLines} line(s) of the usage report were not valid JSON and were left out of the usage.")).ConfigureAwait(false);
                return join;
            }
            catch (CopilotException ex) when (!cancellationToken.IsCancellationRequested)
            {
                string why = ex.Message + (string.IsNullOrEmpty(ex.RecommendedAction) ? string.Empty : " " + ex.RecommendedAction);
                await Post(() => WriteWarning("The usage report could not be had, so the seats come out without usage: " + why)).ConfigureAwait(false);
                return null;
            }
        }

        // ---- progress ------------------------------------------------------------------------

        /// <summary>From inside <see cref="RunAsync"/>: batch <paramref name="number"/> of <paramref name="count"/> of a change, shown when there is more than one.</summary>
        protected void ReportBatch(string activity, int number, int count)
        {
            if (count < 2) return;
            PostNoWait(() => ShowProgress(BatchActivityId, activity, $"Batch {number} of {count}", (int)(100L * (number - 1) / count)));
        }

        private void ShowProgress(int id, string activity, string status, int percent)
        {
            _openProgress[id] = activity;
            WriteProgress(new ProgressRecord(id, activity, status) { PercentComplete = Math.Max(0, Math.Min(100, percent)) });
        }

        private void ShowUsageProgress(UsageDownloadProgress progress)
        {
            string activity = "Downloading the Copilot " + progress.Subject;
            if (progress.Completed)
            {
                if (!_openProgress.Remove(UsageActivityId)) return;
                WriteProgress(new ProgressRecord(UsageActivityId, activity, $"{progress.Records:N0} records") { RecordType = ProgressRecordType.Completed });
                return;
            }
            ShowProgress(UsageActivityId, activity, $"File {progress.File} of {progress.Files}, {progress.Records:N0} records", progress.PercentComplete);
        }

        private void ShowRateLimitWait(RateLimitWaitInfo info)
        {
            const string activity = "Waiting for GitHub's rate limit";
            if (info.Completed)
            {
                if (!_openProgress.Remove(RateLimitActivityId)) return;
                WriteProgress(new ProgressRecord(RateLimitActivityId, activity, "Resuming") { RecordType = ProgressRecordType.Completed });
                return;
            }
            string until = info.Until.ToLocalTime().ToString("T", CultureInfo.CurrentCulture);
            var record = new ProgressRecord(RateLimitActivityId, activity, $"{info.Reason}; resuming at {until}")
            {
                SecondsRemaining = (int)Math.Ceiling(Math.Max(0, info.Remaining.TotalSeconds)),
            };
            if (info.Total > TimeSpan.Zero)
            {
                double done = 1 - info.Remaining.TotalSeconds / info.Total.TotalSeconds;
                record.PercentComplete = Math.Max(0, Math.Min(100, (int)(done * 100)));
            }
            _openProgress[RateLimitActivityId] = activity;
            WriteProgress(record);
        }

        /// <summary>Completes every progress bar this command opened (when it ends, fails or is stopped; where the stopping pipeline refuses the write, the host clears the bars itself).</summary>
        private void CompleteProgress()
        {
            if (_openProgress.Count == 0) return;
            var open = new List<KeyValuePair<int, string>>(_openProgress);
            _openProgress.Clear();
            try
            {
                foreach (KeyValuePair<int, string> bar in open)
                    WriteProgress(new ProgressRecord(bar.Key, bar.Value, "Done") { RecordType = ProgressRecordType.Completed });
            }
            catch (PipelineStoppedException) { } // PowerShell refuses writes once stopping; the host then clears the bars itself.
        }
    }
}
