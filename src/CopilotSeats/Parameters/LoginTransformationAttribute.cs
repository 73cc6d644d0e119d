using CopilotSeats.Validation;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Binds objects with a login (a team's members from Invoke-RestMethod, seats, hashtables), and arrays of them passed
    /// as one object, as their logins (<see cref="LoginValues"/>): without it PowerShell turns such an object into its text.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
    public sealed class LoginTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData) =>
            LoginValues.Names(inputData, value => value is PSObject wrapped ? wrapped.BaseObject : value,
                (value, name) => PSObject.AsPSObject(value).Properties[name]?.Value);
    }
}
