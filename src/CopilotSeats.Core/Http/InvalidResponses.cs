using System.Text.Json;

namespace CopilotSeats.Http
{
    /// <summary>CopilotSeats.InvalidResponse: GitHub's answer is not what its documentation describes (or -ApiUrl is not GitHub's REST API).</summary>
    internal static class InvalidResponses
    {
        public const string Action = "Check that -ApiUrl points at GitHub's REST API, then run the command again.";

        /// <summary>The answer did not read as the documented JSON: the field that failed (JsonException.Path), never the parser's type names or positions.</summary>
        public static CopilotException From(ApiRequest request, ApiResponse response, JsonException cause)
        {
            string path = (cause.Path ?? "$").TrimStart('$').TrimStart('.');
            return Of(request, response, "is not the expected JSON: "
                + (path.Length > 0 ? path + " is not what GitHub documents" : "the body is empty, not JSON, or not the object GitHub documents"), cause);
        }

        /// <summary>The answer to <paramref name="request"/> <paramref name="problem"/> (e.g. "has a download link that is not an absolute URL").</summary>
        public static CopilotException Of(ApiRequest request, ApiResponse response, string problem, Exception? cause = null) =>
            new CopilotException("CopilotSeats.InvalidResponse", CopilotErrorCategory.InvalidData, request.Target,
                $"GitHub's answer to {request.Method.Method} {response.Uri.AbsolutePath} {problem}.", cause)
            {
                RecommendedAction = Action,
            };
    }
}
