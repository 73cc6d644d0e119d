namespace CopilotSeats.Completion
{
    /// <summary>Reads the names of one list (GET requests only).</summary>
    public interface ICompletionSource
    {
        Task<IReadOnlyList<string>> ListAsync(CompletionTarget target, CancellationToken cancellationToken);
    }
}
