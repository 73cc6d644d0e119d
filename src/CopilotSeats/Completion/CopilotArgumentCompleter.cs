using System.Collections;
using System.Management.Automation.Language;
using System.Security;
using CopilotSeats.Commands;
using CopilotSeats.Completion;

namespace CopilotSeats.Commands.Completion
{
    /// <summary>
    /// Base of the module's argument completers: reads the parameters already typed (fakeBoundParameters:
    /// -Organization, -Enterprise, -Token, -ApiUrl, -ApiVersion) and the Connect-Copilot session, and hands them to
    /// Core's <see cref="ArgumentCompletion"/>. Never throws, prompts or writes; GET requests only; answers within 2 s.
    /// </summary>
    /// <remarks>No fields: the module's public types must not hold Core or Models value types (see LayoutTests).</remarks>
    public abstract class CopilotArgumentCompleter : IArgumentCompleter
    {
        private protected abstract int FieldCode { get; }

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                return Complete(wordToComplete, fakeBoundParameters);
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        private IEnumerable<CompletionResult> Complete(string wordToComplete, IDictionary? bound)
        {
            var request = new CompletionRequest
            {
                Field = (CompletionField)FieldCode,
                WordToComplete = wordToComplete,
                Organization = Value(bound, "Organization") as string,
                Enterprise = Value(bound, "Enterprise") as string,
                Token = Value(bound, "Token") is object token && (token is SecureString || token is string) ? token : null,
                ApiUrl = Value(bound, "ApiUrl") is object url && (url is Uri || url is string) ? url : null,
                ApiVersion = Value(bound, "ApiVersion") as string,
                Session = ModuleState.Session,
            };
            return ArgumentCompletion.Shared.Complete(request)
                .Select(item => new CompletionResult(item.CompletionText, item.Text, CompletionResultType.ParameterValue, item.Text))
                .ToList();
        }

        private static object? Value(IDictionary? bound, string name)
        {
            if (bound is null) return null;
            foreach (object? key in bound.Keys)
            {
                if (key is string k && string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
                {
                    object? value = bound[key];
                    if (value is PSObject ps) value = ps.BaseObject;
                    if (value is object[] array && array.Length == 1) value = array[0] is PSObject p ? p.BaseObject : array[0];
                    return value;
                }
            }
            return null;
        }
    }

    /// <summary>-Organization: the Connect-Copilot default and the token's organizations (GET /user/orgs).</summary>
    public sealed class OrganizationCompleter : CopilotArgumentCompleter
    {
        private protected override int FieldCode => (int)CompletionField.Organization;
    }

    /// <summary>-Enterprise: the Connect-Copilot default.</summary>
    public sealed class EnterpriseCompleter : CopilotArgumentCompleter
    {
        private protected override int FieldCode => (int)CompletionField.Enterprise;
    }

    /// <summary>-TeamName: the organization's teams, or with -Enterprise the enterprise teams.</summary>
    public sealed class TeamNameCompleter : CopilotArgumentCompleter
    {
        private protected override int FieldCode => (int)CompletionField.TeamName;
    }

    /// <summary>-UserName: the logins of the target's seats.</summary>
    public sealed class UserNameCompleter : CopilotArgumentCompleter
    {
        private protected override int FieldCode => (int)CompletionField.UserName;
    }
}
