namespace CopilotSeats.Completion
{
    /// <summary>
    /// -ApiVersion: the REST API versions the module knows (<see cref="CopilotDefaults.ApiVersions"/>: 2022-11-28, the
    /// default, and 2026-03-10), matched like every other completion. No request, no connection, no cache.
    /// </summary>
    public static class ApiVersionCompletion
    {
        public static IReadOnlyList<CompletionItem> Complete(string? wordToComplete) =>
            CompletionMatcher.Match(CopilotDefaults.ApiVersions, wordToComplete);
    }
}
