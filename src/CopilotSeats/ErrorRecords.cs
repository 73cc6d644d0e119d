namespace CopilotSeats.Commands
{
    /// <summary>Turns Core's exceptions into ErrorRecords. The target is always a name (org, enterprise, user, team), never a cmdlet.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(CopilotException exception, object? targetObject = null)
        {
            var record = new ErrorRecord(exception, exception.ErrorId, CategoryOf(exception.Category), targetObject ?? exception.TargetObject);
            if (!string.IsNullOrEmpty(exception.RecommendedAction))
                record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = exception.RecommendedAction };
            return record;
        }

        /// <summary>CopilotErrorCategory names are those of ErrorCategory (a metadata test checks it).</summary>
        public static ErrorCategory CategoryOf(CopilotErrorCategory category) =>
            Enum.TryParse(category.ToString(), out ErrorCategory mapped) ? mapped : ErrorCategory.NotSpecified;

        /// <summary>
        /// Failures after which nothing else in the command can succeed: Core's terminating errors
        /// (no token, bad URL, rate limit beyond MaxRateLimitWait), a rejected token (401) and a
        /// retired API version (410).
        /// </summary>
        public static bool IsFatal(CopilotException exception) => Seats.BatchIsolation.IsFatal(exception);

        public static CopilotException NoTarget(bool organizationOnly) => new CopilotException(
            "CopilotSeats.NoTarget", CopilotErrorCategory.InvalidArgument, null,
            organizationOnly
                ? "No organization was given. Pass -Organization, or set a default with Connect-Copilot -Organization."
                : "No organization or enterprise was given. Pass -Organization or -Enterprise, or set a default with Connect-Copilot -Organization (or -Enterprise).")
        {
            IsTerminating = true,
            RecommendedAction = organizationOnly
                ? "Run Connect-Copilot -Organization <name>, or pass -Organization."
                : "Run Connect-Copilot -Organization <name> (or -Enterprise <slug>), or pass -Organization / -Enterprise.",
        };
    
        public static CopilotException AmbiguousTarget(string organization, string enterprise) => new CopilotException(
            "CopilotSeats.AmbiguousTarget", CopilotErrorCategory.InvalidArgument, enterprise,
            $"Both -Organization {organization} and -Enterprise {enterprise} were given: the command works on one of them.")
        {
            IsTerminating = true,
            RecommendedAction = "Pass either -Organization or -Enterprise.",
        };
    }
}
