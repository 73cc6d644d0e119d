using System.Runtime.ExceptionServices;
using CopilotSeats.Journal;

namespace CopilotSeats.Seats
{
    /// <summary>
    /// Work started item by item, at most a window of it in flight (the request engine still bounds the requests by
    /// ThrottleLimit and GitHub's per-endpoint budget), each result handed on in the items' order: memory follows the
    /// window, not the number of items. With an error callback, an item's own failure goes to it and the others go on;
    /// a fatal failure (<see cref="BatchIsolation.IsFatal"/>), or any failure without an error callback, stops the run:
    /// nothing more is started, the work in flight is awaited and handed on (the same fatal failure of other items
    /// dropped), then the first fatal failure is thrown. With <c>holdErrors</c> (a caller whose first error ends it: -ErrorAction
    /// Stop), an item's own failure is held back: no item starts while one is held, the work in flight is handed on first
    /// (what GitHub applied is written before the error that ends the command), then the errors; if they do not end it, items start again.
    /// </summary>
    public sealed class OrderedWindow<T> where T : class
    {
        private readonly Queue<Task<T>> _inFlight = new Queue<Task<T>>();
        private readonly Func<T, CancellationToken, Task> _onResult;
        private readonly Func<CopilotException, Task>? _onError;
        private readonly int _width;
        private readonly bool _holdErrors;
        private readonly List<CopilotException> _held = new List<CopilotException>();
        private CopilotException? _stop;
        private HashSet<string>? _keys;
        private int _failed; // 1 once an item failed while errors are held: no item starts until the window is handed on

        public OrderedWindow(int width, Func<T, CancellationToken, Task> onResult, Func<CopilotException, Task>? onError = null, bool holdErrors = false)
        {
            _width = Math.Max(1, width);
            _onResult = onResult ?? throw new ArgumentNullException(nameof(onResult));
            _onError = onError;
            _holdErrors = holdErrors && onError != null;
        }

        /// <summary>Starts <paramref name="work"/>; while the window is full, hands on the oldest first. After a fatal failure: hands on the rest and throws it.</summary>
        public async Task AddAsync(Func<Task<T>> work, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Volatile.Read(ref _stop) != null) await CompleteAsync(cancellationToken).ConfigureAwait(false);
            if (Volatile.Read(ref _failed) != 0) await HandOnAllAsync(cancellationToken).ConfigureAwait(false);
            _inFlight.Enqueue(RunAsync(work));
            while (_inFlight.Count >= _width) await HandOnAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Starts <paramref name="work"/> unless an item of the same <paramref name="key"/> (case-insensitive, as GitHub's
        /// logins) was added before, then hands on the results already in (<see cref="HandOnReadyAsync"/>). Memory keeps the keys.
        /// </summary>
        public async Task AddOnceAsync(string key, Func<Task<T>> work, CancellationToken cancellationToken)
        {
            if ((_keys ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase)).Add(key)) await AddAsync(work, cancellationToken).ConfigureAwait(false);
            await HandOnReadyAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Hands on the items at the head of the window whose work has ended, in order, and returns at the first one still
        /// in flight: a caller fed slowly writes each answer soon, without waiting for the window to fill.
        /// </summary>
        public async Task HandOnReadyAsync(CancellationToken cancellationToken)
        {
            while (_inFlight.Count > 0 && _inFlight.Peek().IsCompleted) await HandOnAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Hands on every item still in flight, in order, then the held errors; then throws the fatal failure, if one came.</summary>
        public async Task CompleteAsync(CancellationToken cancellationToken)
        {
            await HandOnAllAsync(cancellationToken).ConfigureAwait(false);
            if (Volatile.Read(ref _stop) is { } stop) ExceptionDispatchInfo.Capture(stop).Throw();
        }

        /// <summary>Hands on every item in flight, then the errors held back meanwhile (nothing is in flight any more: items may start again).</summary>
        private async Task HandOnAllAsync(CancellationToken cancellationToken)
        {
            while (_inFlight.Count > 0) await HandOnAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _failed, 0);
            while (_held.Count > 0)
            {
                CopilotException error = _held[0];
                _held.RemoveAt(0);
                await _onError!(error).ConfigureAwait(false);
            }
        }

        private async Task<T> RunAsync(Func<Task<T>> work)
        {
            try
            {
                return await work().ConfigureAwait(false);
            }
            catch (CopilotException ex) when (_onError is null || BatchIsolation.IsFatal(ex))
            {
                Interlocked.CompareExchange(ref _stop, ex, null); // no item starts after this
                throw;
            }
            catch (CopilotException) when (_holdErrors)
            {
                Volatile.Write(ref _failed, 1); // no item starts until this one's error is handed on
                throw;
            }
        }

        private async Task HandOnAsync(CancellationToken cancellationToken)
        {
            try
            {
                await HandOnNextAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // A stop, or a write the pipeline refused: the rest is not handed on, but its failures are observed.
                while (_inFlight.Count > 0)
                    _ = _inFlight.Dequeue().ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                throw;
            }
        }

        private async Task HandOnNextAsync(CancellationToken cancellationToken)
        {
            T result;
            try
            {
                result = await _inFlight.Dequeue().ConfigureAwait(false);
            }
            catch (CopilotException ex) when (_onError != null && !BatchIsolation.IsFatal(ex))
            {
                if (_holdErrors) _held.Add(ex); // handed on once nothing is in flight
                else await _onError(ex).ConfigureAwait(false);
                return;
            }
            catch (JournalIncompleteException ex) when (ex.Result is T applied)
            {
                // GitHub applied it, the journal could not record it: handed on before the run stops with it.
                await _onResult(applied, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (CopilotException)
            {
                return; // the run stops: the first fatal failure is thrown once all in flight is handed on
            }
            await _onResult(result, cancellationToken).ConfigureAwait(false);
        }
    }
}
