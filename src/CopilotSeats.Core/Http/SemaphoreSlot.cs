namespace CopilotSeats.Http
{
    /// <summary>A slot of a semaphore, given back once when disposed.</summary>
    internal sealed class SemaphoreSlot : IDisposable
    {
        private SemaphoreSlim? _semaphore;
        public SemaphoreSlot(SemaphoreSlim semaphore) { _semaphore = semaphore; }
        public void Dispose() => Interlocked.Exchange(ref _semaphore, null)?.Release();
    }
}
