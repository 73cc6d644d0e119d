using System.Collections;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Lets only names bind to a name list taken from the pipeline: strings (also wrapped, and arrays of them) pass as
    /// they are; any other object is refused at binding, so PowerShell reports the input object as one it cannot bind
    /// instead of sending its text as a name (a seat piped into Remove-CopilotTeam would otherwise cancel a team named
    /// like its login). Objects with a matching property still bind by property name.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
    public sealed class NameTextTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            if (!IsText(inputData, 0))
            {
                // A cast failure inside lets the binder go on to the object's properties, as for any value it cannot convert.
                string message = $"A {Unwrap(inputData)?.GetType().Name} is not a name: pass names, or objects with a property named like the parameter.";
                throw new ArgumentTransformationMetadataException(message, new PSInvalidCastException(message));
            }
            return inputData;
        }

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        private static bool IsText(object? value, int depth) => Unwrap(value) switch
        {
            null or string => true,
            IEnumerable items when depth == 0 => items.Cast<object?>().All(item => IsText(item, depth + 1)),
            _ => false,
        };
    }
}
