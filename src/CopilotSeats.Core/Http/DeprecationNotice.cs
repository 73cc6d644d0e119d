namespace CopilotSeats.Http
{
    /// <summary>One warning per command when GitHub marks the API version it was sent as deprecated (a Sunset or Deprecation header).</summary>
    internal sealed class DeprecationNotice
    {
        private int _warned;

        public void WarnOnce(ApiResponse response, string apiVersion, Action<string>? warning)
        {
            string? sunset = response.Header("Sunset");
            string? deprecation = response.Header("Deprecation");
            if ((sunset ?? deprecation) != null && Interlocked.Exchange(ref _warned, 1) == 0)
                warning?.Invoke($"GitHub marks API version {apiVersion} as deprecated" + (sunset != null ? $" (sunset {sunset})" : string.Empty) + "; pass a newer -ApiVersion.");
        }
    }
}
