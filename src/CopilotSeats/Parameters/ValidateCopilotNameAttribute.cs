using System.Collections;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Checks an organization, enterprise, user or team name with Core's <see cref="InputValidator"/>
    /// while PowerShell binds the parameter, so an invalid name is a ParameterBinding error and no
    /// request is sent. Works on single values and on every element of an array.
    /// </summary>
    /// <remarks>
    /// A null value as a whole is let through (the cmdlet then falls back to the Connect-Copilot
    /// default): a piped seat whose Organization is null (an enterprise-level grant) must not fail
    /// pipeline binding by property name. ValidateEnumeratedArgumentsAttribute would reject it, so
    /// this derives from ValidateArgumentsAttribute and enumerates itself. Null or empty elements
    /// inside an array are still refused, unless <see cref="AllowEmpty"/> is set: -UserName of the seat
    /// changes lets an empty Login through (a piped seat of a deleted account), and the cmdlet reports it
    /// (CopilotSeats.NoAssignee), or an empty name typed on the command line (a binding error, as before).
    /// </remarks>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
    public sealed class ValidateCopilotNameAttribute : ValidateArgumentsAttribute
    {
        // Held as an int: a field of a Core type would make PowerShell load Core while it lists this
        // assembly's types, before the module's loader is registered (see Loading/ModuleInitializer.cs).
        private readonly int _kind;

        public ValidateCopilotNameAttribute(NameKind kind)
        {
            _kind = (int)kind;
        }

        /// <summary>Which naming rule applies.</summary>
        public NameKind Kind => (NameKind)_kind;

        /// <summary>Lets null and empty elements through to the cmdlet, which reports them itself.</summary>
        public bool AllowEmpty { get; set; }

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            object? value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
            if (value is null) return;
            if (value is IEnumerable items && value is not string)
            {
                foreach (object? item in items) ValidateElement(item);
                return;
            }
            ValidateElement(value);
        }

        private void ValidateElement(object? element)
        {
            object? value = element is PSObject wrapped ? wrapped.BaseObject : element;
            if (AllowEmpty && (value is null || value is string text && text.Length == 0)) return;
            string? problem = InputValidator.Check(Kind, value as string ?? value?.ToString());
            if (problem != null) throw new ValidationMetadataException(problem);
        }
    }
}
