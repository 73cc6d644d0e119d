using CopilotSeats.Simulator.Api;

namespace CopilotSeats.Simulator.Middleware;

/// <summary>
/// Outermost step: logs the request (never its token; credential-looking query values redacted), counts it
/// in flight while it is served and written, and notes its duration. The status and fault are noted when
/// the answer is settled (<see cref="ApiCall.Settle"/>); a client that goes away is logged "client aborted".
/// </summary>
internal sealed class LogStep(RequestLog log, LimitTracker limits) : IStep
{
    private readonly RequestLog _log = log;
    private readonly LimitTracker _limits = limits;

    public async Task<Answer> InvokeAsync(ApiCall call, StepDelegate next)
    {
        var request = call.Http.Request;
        var entry = _log.Add(seq => new LoggedRequest
        {
            Sequence = seq,
            Method = call.Method,
            Path = call.RawPath,
            Query = RedactQuery(request.QueryString.HasValue ? request.QueryString.Value!.TrimStart('?') : ""),
            Body = call.Body,
            StartedAt = call.StartedAt,
            HadAuthorization = !string.IsNullOrEmpty(call.Authorization),
            UserAgent = request.Headers.UserAgent.FirstOrDefault(),
            ApiVersion = request.Headers["X-GitHub-Api-Version"].FirstOrDefault(),
        });
        call.Entry = entry;
        call.InFlight = _limits.Enter();
        try
        {
            return await next(call).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (call.Aborted.IsCancellationRequested)
        {
            entry.Fault ??= "client aborted";
            return call.Answer ?? Answer.Drop();
        }
        finally
        {
            _limits.Leave();
            entry.DurationMs = call.Watch.Elapsed.TotalMilliseconds;
        }
    }

    /// <summary>Query text for the log, with any credential-looking parameter's value removed.</summary>
    internal static string RedactQuery(string query)
    {
        if (query.Length == 0) return query;
        return string.Join('&', query.Split('&').Select(pair =>
        {
            int eq = pair.IndexOf('=');
            string name = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' ')).ToLowerInvariant();
            bool secret = name.Contains("token") || name.Contains("secret") || name.Contains("password") || name is "key" or "access_key" or "auth" or "authorization";
            return secret && eq >= 0 ? pair[..eq] + "=[REDACTED]" : pair;
        }));
    }
}
