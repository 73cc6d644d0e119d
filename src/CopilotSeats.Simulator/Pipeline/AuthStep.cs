using CopilotSeats.Simulator.Api;

namespace CopilotSeats.Simulator.Pipeline;

/// <summary>
/// What GitHub checks before anything else: a User-Agent (403 without), a token (401 "Requires
/// authentication"; "sim_bad…" 401 "Bad credentials") and a supported X-GitHub-Api-Version (400).
/// </summary>
internal sealed class AuthStep : IStep
{
    private static readonly string[] Versions = { "2022-11-28", "2026-03-10" };

    public Task<Answer> InvokeAsync(ApiCall call, StepDelegate next)
    {
        var headers = call.Http.Request.Headers;
        if (string.IsNullOrEmpty(headers.UserAgent.FirstOrDefault()))
            return Task.FromResult(Answer.Error(403, "Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required)."));
        string? token = call.Token;
        if (token is null) return Task.FromResult(Answer.Error(401, "Requires authentication"));
        if (SimTokens.IsBad(token)) return Task.FromResult(Answer.Error(401, "Bad credentials"));
        string? version = headers["X-GitHub-Api-Version"].FirstOrDefault();
        if (version != null && !Versions.Contains(version))
            return Task.FromResult(Answer.Error(400, $"API version '{version}' is not supported."));
        return next(call);
    }
}
