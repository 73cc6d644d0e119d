namespace CopilotSeats.Commands
{
    /// <summary>
    /// Lets only records that can name a target bind to the hidden InputObject of the scope cmdlets: an object with an
    /// Enterprise property and, when <see cref="AnyOf"/> is given, one of those properties too (the names a seat change
    /// needs). Anything else, and a bare value (text, a number), is refused at binding, so it binds as it did without
    /// InputObject: a string piped into Add-CopilotUser binds UserName alone, and a seat piped into Remove-CopilotTeam
    /// or a string piped into Get-CopilotSeat is still an input object PowerShell cannot bind.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
    public sealed class PipedRecordTransformationAttribute : ArgumentTransformationAttribute
    {
        public PipedRecordTransformationAttribute(params string[] anyOf)
        {
            AnyOf = anyOf;
        }

        /// <summary>Properties of which the record must have one (any value), besides Enterprise; none: no such rule.</summary>
        public string[] AnyOf { get; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            PSObject? record = value is null or string or ValueType ? null : PSObject.AsPSObject(inputData!);
            if (record?.Properties["Enterprise"] is null || (AnyOf.Length > 0 && !AnyOf.Any(name => record.Properties[name] != null)))
            {
                // A cast failure inside lets the binder go on to the other parameters, as for any value it cannot convert.
                string message = $"A {value?.GetType().Name ?? "null"} is not a record naming an enterprise.";
                throw new ArgumentTransformationMetadataException(message, new PSInvalidCastException(message));
            }
            return inputData;
        }
    }
}
