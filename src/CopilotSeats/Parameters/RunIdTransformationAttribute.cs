namespace CopilotSeats.Commands
{
    /// <summary>
    /// Reads a run id given as text (the RunId column of a journal's CSV export) as a Guid before PowerShell's type check.
    /// So a piped CSV row binds -RunId by property name without coercion, ahead of the coercing by-value attempt that would
    /// otherwise turn the whole row into a CopilotJournalEntry for -InputObject. Text that is no GUID is an error naming it;
    /// any other value passes through unchanged.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
    public sealed class RunIdTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            if ((inputData is PSObject wrapped ? wrapped.BaseObject : inputData) is not string text) return inputData;
            if (Guid.TryParse(text.Trim(), out Guid id)) return new[] { id };
            throw new ArgumentTransformationMetadataException($"'{text}' is not a run id: give the GUID that Get-CopilotSeatJournal shows as RunId.");
        }
    }
}
