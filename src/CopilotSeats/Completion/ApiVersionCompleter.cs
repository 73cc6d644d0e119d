using System.Collections;
using System.Management.Automation.Language;
using CopilotSeats.Completion;

namespace CopilotSeats.Commands.Completion
{
    /// <summary>-ApiVersion: the REST API versions the module knows (Core's <see cref="ApiVersionCompletion"/>). Sends nothing.</summary>
    public sealed class ApiVersionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                return ApiVersionCompletion.Complete(wordToComplete)
                    .Select(item => new CompletionResult(item.CompletionText, item.Text, CompletionResultType.ParameterValue, item.Text))
                    .ToList();
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }
    }
}
