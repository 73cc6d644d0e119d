namespace CopilotSeats
{
    /// <summary>
    /// Mirrors the names of System.Management.Automation.ErrorCategory that Core uses; the cmdlet
    /// layer maps by name (a metadata test checks every name exists there).
    /// </summary>
    public enum CopilotErrorCategory
    {
        NotSpecified,
        AuthenticationError,
        PermissionDenied,
        ObjectNotFound,
        InvalidOperation,
        LimitsExceeded,
        ResourceUnavailable,
        InvalidArgument,
        ConnectionError,
        OperationTimeout,
        OperationStopped,
        InvalidData,
        ProtocolError,
        WriteError,
        ResourceExists,
    }
}
