using System.Diagnostics;
using System.Text;
using CopilotSeats.Simulator.Api;
using CopilotSeats.Simulator.Routing;
using Microsoft.AspNetCore.Http;

namespace CopilotSeats.Simulator.Middleware;

/// <summary>One API request on its way through the middleware.</summary>
internal sealed class ApiCall
{
    private ApiCall(HttpContext http, string method, string rawPath)
    {
        Http = http;
        Method = method;
        RawPath = rawPath;
    }

    public HttpContext Http { get; }
    /// <summary>Upper-case method.</summary>
    public string Method { get; }
    /// <summary>The path as sent (still percent-encoded), without the query.</summary>
    public string RawPath { get; }
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;
    public Stopwatch Watch { get; } = Stopwatch.StartNew();
    public string? Body { get; private set; }
    /// <summary>The Authorization header as sent (never logged).</summary>
    public string? Authorization { get; private set; }
    /// <summary>X-GitHub-Api-Version as sent (AuthStep refuses an unsupported one), or null: GitHub then answers 2022-11-28.</summary>
    public string? ApiVersion => Http.Request.Headers["X-GitHub-Api-Version"].FirstOrDefault();
    /// <summary>The bearer token, or null when there is none.</summary>
    public string? Token => SimTokens.TokenOf(Authorization);
    /// <summary>Who the token is, once <see cref="AuthStep"/> has accepted it (null before, or when refused).</summary>
    public Apps.Identity? Identity { get; set; }
    /// <summary>The route for this method and path, or null (the router then answers 404).</summary>
    public RouteMatch? Match { get; private set; }
    /// <summary>Requests in flight when this one arrived (this one included).</summary>
    public int InFlight { get; set; }
    public LoggedRequest? Entry { get; set; }
    /// <summary>The answer being written, once the middleware has settled it.</summary>
    public Answer? Answer { get; private set; }
    public CancellationToken Aborted => Http.RequestAborted;
    public string BaseUrl => $"{Http.Request.Scheme}://{Http.Request.Host}";
    /// <summary>What GitHub's per-endpoint limit counts: "METHOD /route/template", or the raw path when no route matched.</summary>
    public string Endpoint => Method + " " + (Match?.Route.Template ?? RawPath);

    /// <summary>Reads the request (its body included) and matches it to a route.</summary>
    public static async Task<ApiCall> ReadAsync(HttpContext context, string rawPath, ApiRouter router)
    {
        var call = new ApiCall(context, context.Request.Method.ToUpperInvariant(), rawPath);
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            call.Body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }
        call.Authorization = context.Request.Headers.Authorization.FirstOrDefault();
        call.Match = router.Match(call.Method, PathSegments.Decode(rawPath));
        return call;
    }

    /// <summary>Fixes the answer to write and notes it in the log entry (status 0 for a dropped connection).</summary>
    public void Settle(Answer answer)
    {
        Answer = answer;
        if (Entry is null) return;
        Entry.Status = answer.Fault is "drop" ? 0 : answer.Status;
        Entry.Fault = answer.Fault;
    }
}
