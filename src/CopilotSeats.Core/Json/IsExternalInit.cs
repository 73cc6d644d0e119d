namespace System.Runtime.CompilerServices
{
    /// <summary>What the compiler needs for init accessors (the positional records of <see cref="CopilotSeats.Json.CopilotJsonContext"/>); netstandard2.0 lacks it.</summary>
    internal static class IsExternalInit
    {
    }
}
