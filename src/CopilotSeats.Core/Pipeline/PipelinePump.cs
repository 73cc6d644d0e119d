using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace CopilotSeats.Pipeline
{
    /// <summary>
    /// Runs async Core work on the thread pool while the calling (pipeline) thread executes
    /// every posted action: WriteObject, WriteVerbose, WriteProgress and friends are therefore
    /// only ever called on the thread that owns the pipeline. Modelled on OpenAuthenticode's
    /// AsyncPSCmdlet, but with no PowerShell types, so it is unit-testable.
    /// </summary>
    public sealed class PipelinePump
    {
        private readonly BlockingCollection<Posted> _queue = new BlockingCollection<Posted>();

        private sealed class Posted
        {
            public Posted(Action action, TaskCompletionSource<bool>? done) { Action = action; Done = done; }
            public Action Action { get; }
            public TaskCompletionSource<bool>? Done { get; }
        }

        /// <summary>Queues an action for the pipeline thread; the task completes after it ran (or faults with its exception).</summary>
        public Task Post(Action action)
        {
            var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!TryAdd(new Posted(action, done))) done.TrySetCanceled();
            return done.Task;
        }

        /// <summary>Queues an action and does not wait for it (verbose lines, progress); false once the pump has finished.</summary>
        public bool PostNoWait(Action action) => TryAdd(new Posted(action, null));

        private bool TryAdd(Posted item)
        {
            try { _queue.Add(item); return true; }
            catch (InvalidOperationException) { return false; } // completed: the pump has finished
        }

        /// <summary>
        /// Blocks the calling thread, running posted actions until <paramref name="work"/> ends.
        /// If an action throws (for example PowerShell stopping the pipeline after Select-Object -First),
        /// the work is cancelled and that exception is rethrown here once the work has stopped.
        /// Otherwise the work's own exception, if any, is rethrown.
        /// </summary>
        public void Run(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task task = Task.Run(() => work(cts.Token), cts.Token);
            task.ContinueWith(_ => _queue.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            ExceptionDispatchInfo? actionFailure = null;
            foreach (Posted item in _queue.GetConsumingEnumerable())
            {
                if (actionFailure != null)
                {
                    item.Done?.TrySetCanceled();
                    continue;
                }
                try
                {
                    item.Action();
                    item.Done?.TrySetResult(true);
                }
                catch (Exception ex)
                {
                    actionFailure = ExceptionDispatchInfo.Capture(ex);
                    item.Done?.TrySetException(ex);
                    cts.Cancel();
                }
            }
            actionFailure?.Throw();
            // Work finished: surface its exception (an OperationCanceledException when stopped).
            task.GetAwaiter().GetResult();
        }
    }
}
