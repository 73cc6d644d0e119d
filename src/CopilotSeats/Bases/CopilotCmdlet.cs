using CopilotSeats.Pipeline;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Base of every cmdlet that runs async Core work: the stop token, the async bridge and the progress bars.
    /// Connect-Copilot derives from it through <see cref="CopilotEndpointCmdlet"/>, the cmdlets that talk to GitHub through <see cref="CopilotApiCmdlet"/>.
    /// </summary>
    /// <remarks>
    /// Async Core work runs on the thread pool inside <see cref="RunAsync"/>; everything that touches PowerShell
    /// (WriteObject, WriteError, WriteVerbose, WriteWarning, WriteProgress) is posted to the pipeline thread through
    /// Core's <see cref="PipelinePump"/>. StopProcessing (Ctrl+C) cancels the token handed to Core; a downstream stop
    /// (Select-Object -First) surfaces from WriteObject on the pipeline thread, cancels the work and is rethrown unchanged.
    /// </remarks>
    public abstract class CopilotCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private volatile PipelinePump? _pump;
        // Writes posted without waiting while no run pumps (work that outlives its run: per-user requests between
        // pipeline records): delivered first by the next run, or at the end of the current one.
        private readonly System.Collections.Concurrent.ConcurrentQueue<Action> _unpumped = new System.Collections.Concurrent.ConcurrentQueue<Action>();
        private bool _disposed;

        protected CopilotCmdlet()
        {
            Progress = new ProgressBars(record => WriteProgress(record));
        }

        /// <summary>This command's progress bars; only on the pipeline thread (post to it from inside <see cref="RunAsync"/>).</summary>
        private protected ProgressBars Progress { get; }

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
            Dispose(true);
            _stop.Dispose();
        }

        /// <summary>Releases what a derived command holds (its client); called once.</summary>
        protected virtual void Dispose(bool disposing) { }

        /// <summary>-WhatIf on the command line, else $WhatIfPreference.</summary>
        protected bool WhatIfRequested()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? bound))
                return bound is SwitchParameter sw ? sw.IsPresent : LanguagePrimitives.IsTrue(bound);
            return LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));
        }

        /// <summary>
        /// Whether this command's first non-terminating error ends it: -ErrorAction Stop (or Inquire, which may) on the command line,
        /// else $ErrorActionPreference. Core is told so as a plain bool, to start nothing more once an error is pending.
        /// </summary>
        protected bool ErrorsStop()
        {
            object? value = MyInvocation.BoundParameters.TryGetValue("ErrorAction", out object? bound)
                ? bound : SessionState.PSVariable.GetValue("ErrorActionPreference");
            return LanguagePrimitives.TryConvertTo(value, out ActionPreference preference)
                && (preference == ActionPreference.Stop || preference == ActionPreference.Inquire);
        }

        /// <summary>Name patterns (-Exclude, or -UserName with wildcards); a bad pattern is a terminating error before anything is sent.</summary>
        protected Seats.NamePatterns ParsePatterns(string[]? patterns)
        {
            try
            {
                return Seats.NamePatterns.Parse(patterns);
            }
            catch (CopilotException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex));
                throw; // not reached
            }
        }

        /// <summary>
        /// True when the item may go: -Force without -WhatIf skips the prompt, otherwise ShouldProcess asks once for
        /// <paramref name="target"/> (-WhatIf writes its line and answers false).
        /// </summary>
        protected bool ShouldProcessUnlessForced(SwitchParameter force, string target, string action) =>
            (force.IsPresent && !WhatIfRequested()) || ShouldProcess(target, action);

        // ---- async bridge -----------------------------------------------------------------

        /// <summary>
        /// Runs <paramref name="work"/> off the pipeline thread while this thread performs every
        /// posted write. Core errors become ErrorRecords: fatal ones terminate, others are written.
        /// </summary>
        /// <param name="keepProgress">Leave the bars open when the run ends (a run of many RunAsync calls, completed by its last one).</param>
        protected void RunAsync(Func<CancellationToken, Task> work, bool keepProgress = false)
        {
            try
            {
                Pump(work, keepProgress);
            }
            catch (CopilotException ex)
            {
                if (ErrorRecords.IsFatal(ex)) ThrowTerminatingError(ErrorRecords.From(ex));
                WriteError(ErrorRecords.From(ex));
            }
        }

        /// <summary>
        /// As <see cref="RunAsync"/>, but Core's <see cref="CopilotException"/> comes out to the caller unchanged (for a
        /// command that decides itself how its failures end it). A stop still ends the command.
        /// </summary>
        protected void Pump(Func<CancellationToken, Task> work, bool keepProgress = false)
        {
            var pump = new PipelinePump();
            while (_unpumped.TryDequeue(out Action? early)) pump.PostNoWait(early);
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
            catch (CopilotException)
            {
                EndRun();
                throw;
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
            while (_unpumped.TryDequeue(out Action? late)) late();
            if (!keepProgress) Progress.CompleteAll();
        }

        /// <summary>The run is over (it failed or was stopped): no more posts, and every open bar completed.</summary>
        private void EndRun()
        {
            _pump = null;
            Progress.CompleteAll();
        }

        /// <summary>From inside <see cref="RunAsync"/>: runs <paramref name="action"/> on the pipeline thread; completes after it ran.</summary>
        protected Task Post(Action action)
        {
            PipelinePump? pump = _pump;
            if (pump is null) throw new InvalidOperationException("Post is only valid inside RunAsync.");
            return pump.Post(action);
        }

        /// <summary>Queues a write for the pipeline thread without waiting; outside a run, kept for the next one (or the end of this one).</summary>
        protected void PostNoWait(Action action)
        {
            PipelinePump? pump = _pump;
            if (pump is null || !pump.PostNoWait(action)) _unpumped.Enqueue(action);
        }

        /// <summary>From inside <see cref="RunAsync"/>: writes the items in order on the pipeline thread.</summary>
        protected Task WriteObjectsAsync<T>(IEnumerable<T> items) => Post(() =>
        {
            foreach (T item in items) WriteObject(item);
        });

        /// <summary>From inside <see cref="RunAsync"/>: a non-terminating error for one item.</summary>
        protected Task WriteErrorAsync(CopilotException exception, object? targetObject) =>
            Post(() => WriteError(ErrorRecords.From(exception, targetObject)));

        /// <summary>From inside <see cref="RunAsync"/>: a warning, written before the task completes.</summary>
        protected Task WriteWarningAsync(string message) => Post(() => WriteWarning(message));

        /// <summary>From inside <see cref="RunAsync"/>: a verbose line, written before the task completes.</summary>
        protected Task WriteVerboseAsync(string message) => Post(() => WriteVerbose(message));

        /// <summary>From inside <see cref="RunAsync"/>: batch <paramref name="number"/> of <paramref name="count"/> of a change, shown when there is more than one.</summary>
        protected void ReportBatch(string activity, int number, int count)
        {
            if (count < 2) return;
            PostNoWait(() => Progress.Batch(activity, number, count));
        }
    }
}
