using System.Collections.Concurrent;
using System.Security;

namespace CopilotSeats.Core.Tests;

/// <summary>Virtual time: Delay advances the clock at once and records what was asked.</summary>
public sealed class FakeClock : IClock
{
    private readonly object _lock = new();
    private DateTimeOffset _now;
    public FakeClock(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    public ConcurrentQueue<TimeSpan> Delays { get; } = new();
    public DateTimeOffset UtcNow { get { lock (_lock) return _now; } }
    public TimeSpan TotalDelay => Delays.Aggregate(TimeSpan.Zero, (a, b) => a + b);
    public void Advance(TimeSpan by) { lock (_lock) _now += by; }
    public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Delays.Enqueue(delay);
        if (delay > TimeSpan.Zero) Advance(delay);
        return Task.CompletedTask;
    }
}

public sealed class FakeEnvironment : ICopilotEnvironment
{
    public Dictionary<string, string?> Variables { get; } = new();
    public string? GhToken { get; set; }
    public int GhCalls { get; private set; }
    public string? GhHost { get; private set; }
    public string? GetVariable(string name) => Variables.TryGetValue(name, out var v) ? v : null;
    public string? GhAuthToken(string hostname) { GhCalls++; GhHost = hostname; return GhToken; }
}

/// <summary>A scripted handler: answers each request with the next response and records requests.</summary>
public sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, int, Task<HttpResponseMessage>>? _respond;
    private int _count;
    public ScriptedHandler(Func<HttpRequestMessage, int, HttpResponseMessage> respond) => _respond = (r, i) => Task.FromResult(respond(r, i));
    public ScriptedHandler(Func<HttpRequestMessage, int, Task<HttpResponseMessage>> respond) => _respond = respond;
    public ScriptedHandler(Func<HttpRequestMessage, int, CancellationToken, Task<HttpResponseMessage>> respond) => _respondWithToken = respond;
    private readonly Func<HttpRequestMessage, int, CancellationToken, Task<HttpResponseMessage>>? _respondWithToken;
    public ConcurrentQueue<(HttpMethod Method, Uri Uri, string? Auth, string? Body)> Requests { get; } = new();
    public int Count => _count;
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int n = Interlocked.Increment(ref _count);
        string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue((request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body));
        return _respondWithToken != null ? await _respondWithToken(request, n, cancellationToken) : await _respond!(request, n);
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var r = new HttpResponseMessage(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers) r.Headers.TryAddWithoutValidation(name, value);
        return r;
    }
}

public static class Tokens
{
    public const string Canary = "ghp_CANARY0123456789abcdefCANARY";
    public static SecureString Secure(string value)
    {
        var s = new SecureString();
        foreach (char c in value) s.AppendChar(c);
        s.MakeReadOnly();
        return s;
    }
    public static CopilotToken Token(string value = Canary) => CopilotToken.FromSecureString(Secure(value), "Parameter");
}

public static class Clients
{
    public static CopilotClient ForHandler(HttpMessageHandler handler, CopilotClientOptions? options = null, string apiUrl = "https://api.github.com", bool realClock = false,
        string token = Tokens.Canary)
    {
        options ??= new CopilotClientOptions();
        options.PrimaryHandlerFactory = () => handler;
        if (!realClock && options.Clock is SystemClock) options.Clock = new FakeClock();
        options.Random ??= () => 0.5;
        return new CopilotClient(new ResolvedConnection(new Uri(apiUrl.TrimEnd('/') + "/"), CopilotDefaults.ApiVersion, Tokens.Token(token)), options);
    }
}

/// <summary>The one factory of hand-made seats, dated relative to <see cref="Now"/>.</summary>
public static class TestSeats
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A seat last active <paramref name="activeDaysAgo"/> days before <see cref="Now"/> (null: never, and no editor), created
    /// <paramref name="createdDaysAgo"/> days before (null: no date), pending cancellation 9 days after <see cref="Now"/> when asked.
    /// </summary>
    public static CopilotSeat Seat(string login = "u", double? activeDaysAgo = 1, double? createdDaysAgo = 400, string? org = "o", string? team = null,
        bool pending = false, string? editor = "vscode/1.95.3/copilot/1.245.0", string? plan = "business", string? ent = null) => new()
    {
        Login = login,
        Organization = org,
        Enterprise = ent,
        PlanType = plan,
        AssigningTeam = team,
        CreatedAt = createdDaysAgo is null ? null : Now.AddDays(-createdDaysAgo.Value),
        LastActivityAt = activeDaysAgo is null ? null : Now.AddDays(-activeDaysAgo.Value),
        LastActivityEditor = activeDaysAgo is null ? null : editor,
        PendingCancellationDate = pending ? Now.AddDays(9) : null,
    };
}
