using System;
using System.Management.Automation;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Checks an organization, enterprise, user or team name with Core's <see cref="InputValidator"/>
    /// while PowerShell binds the parameter, so an invalid name is a ParameterBinding error and no
    /// request is sent. Works on single values and on every element of an array.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
    public sealed class ValidateCopilotNameAttribute : ValidateEnumeratedArgumentsAttribute
    {
        public ValidateCopilotNameAttribute(NameKind kind)
        {
            Kind = kind;
        }

        /// <summary>Which naming rule applies.</summary>
        public NameKind Kind { get; }

        protected override void ValidateElement(object element)
        {
            object? value = element is PSObject wrapped ? wrapped.BaseObject : element;
            string? problem = InputValidator.Check(Kind, value as string ?? value?.ToString());
            if (problem != null) throw new ValidationMetadataException(problem);
        }
    }
}
