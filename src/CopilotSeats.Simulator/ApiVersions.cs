namespace CopilotSeats.Simulator;

/// <summary>
/// The REST API versions GitHub supports (X-GitHub-Api-Version; ../shared/github-api/API-VERSIONS.md): 2022-11-28, what a
/// request without the header gets (supported until 2028-03-10), and 2026-03-10, the first with breaking changes.
/// Anything else answers 400 (<see cref="Middleware.AuthStep.UnsupportedVersion"/>).
/// </summary>
internal static class ApiVersions
{
    public const string Default = "2022-11-28";
    public const string V20260310 = "2026-03-10";

    /// <summary>Oldest first.</summary>
    public static readonly string[] Supported = { Default, V20260310 };
}
