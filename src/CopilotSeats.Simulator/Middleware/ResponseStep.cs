using System.Text;
using System.Text.Json;
using CopilotSeats.Simulator.Api;
using Microsoft.AspNetCore.Http;

namespace CopilotSeats.Simulator.Middleware;

/// <summary>
/// Writes the answer the inner steps return: status, X-GitHub-Request-Id, X-GitHub-Media-Type, the answer's
/// headers and its JSON body. A "drop" answer aborts the connection instead; "drop mid-body" sends the full
/// Content-Length, half the body, then aborts.
/// </summary>
internal sealed class ResponseStep : IStep
{
    private static readonly JsonSerializerOptions WireJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<Answer> InvokeAsync(ApiCall call, StepDelegate next)
    {
        var answer = await next(call).ConfigureAwait(false);
        call.Settle(answer);
        if (answer.Fault is "drop")
        {
            call.Http.Abort();
            return answer;
        }
        await WriteAsync(call.Http, answer).ConfigureAwait(false);
        return answer;
    }

    private static async Task WriteAsync(HttpContext context, Answer answer)
    {
        var response = context.Response;
        response.StatusCode = answer.Status;
        response.Headers["X-GitHub-Request-Id"] = $"SIM:{Guid.NewGuid():N}".ToUpperInvariant()[..24];
        response.Headers["X-GitHub-Media-Type"] = "github.v3; format=json";
        if (answer.Headers != null) foreach (var h in answer.Headers) response.Headers[h.Key] = h.Value;
        if (answer.Body is null) return;
        byte[] bytes = Encoding.UTF8.GetBytes(answer.Body.ToJsonString(WireJson));
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = bytes.Length;
        if (answer.Fault == "drop mid-body")
        {
            await response.Body.WriteAsync(bytes.AsMemory(0, Math.Max(1, bytes.Length / 2)), context.RequestAborted).ConfigureAwait(false);
            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            context.Abort();
            return;
        }
        await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }
}
