namespace CopilotSeats.Simulator;

/// <summary>
/// Usage metrics report behaviour (README.md, "Usage metrics reports"): part of <see cref="FaultSettings"/>, so
/// PUT /_simulator/faults sets it and a reset clears it.
/// </summary>
public sealed class UsageSettings
{
    /// <summary>How long a signed download link stays valid, in seconds; a download still running when its link expires is cut off.</summary>
    public double LinkLifetimeSeconds { get; set; } = 3600;
    /// <summary>Serve report files gzip-compressed (Content-Encoding: gzip).</summary>
    public bool Gzip { get; set; }
    /// <summary>Records per NDJSON file (every report has at least two files).</summary>
    public int RecordsPerFile { get; set; } = 50_000;
    /// <summary>With a delay: bytes written per chunk of a file.</summary>
    public int DripChunkBytes { get; set; }
    /// <summary>Pause after each chunk of <see cref="DripChunkBytes"/> bytes, in milliseconds (a slow download).</summary>
    public int DripDelayMs { get; set; }
    /// <summary>Insert a line that is not valid JSON at this place of every report file that has it.</summary>
    public MalformedLine? MalformedLine { get; set; }
    /// <summary>Days (YYYY-MM-DD) whose 1-day reports have no data (204).</summary>
    public string[] NoDataDays { get; set; } = Array.Empty<string>();
    /// <summary>Organizations and enterprises whose "Copilot usage metrics" policy is off (403).</summary>
    public string[] PolicyOff { get; set; } = Array.Empty<string>();
}

/// <summary>Where a malformed line goes: file (1-based) and line (1-based) in it.</summary>
public sealed class MalformedLine
{
    public int File { get; set; } = 1;
    public int Line { get; set; } = 1;
}
