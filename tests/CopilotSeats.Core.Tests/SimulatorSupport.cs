using System.Collections.Concurrent;
using System.Text.Json;
using CopilotSeats.Simulator;

namespace CopilotSeats.Core.Tests;

/// <summary>One in-process simulator per test class, reset before each test.</summary>
public abstract class SimulatorTestBase : IAsyncLifetime
{
    protected SimulatorHost Sim { get; private set; } = null!;
    protected virtual SimulatorOptions Options => new();

    public async Task InitializeAsync() => Sim = await SimulatorHost.StartAsync(Options);
    public async Task DisposeAsync() => await Sim.DisposeAsync();

    /// <summary>Captures every stream a cmdlet would show, to prove the token never reaches one.</summary>
    protected ConcurrentQueue<string> Captured { get; } = new();

    protected CopilotClient Client(CopilotClientOptions? options = null, string token = Tokens.Canary)
    {
        options ??= new CopilotClientOptions();
        options.Verbose ??= Captured.Enqueue;
        options.Warning ??= Captured.Enqueue;
        options.Debug ??= Captured.Enqueue;
        options.Random ??= () => 0.5;
        var connection = new ResolvedConnection(ConnectionResolver.ValidateApiUrl(Sim.BaseUri), CopilotDefaults.ApiVersion, Tokens.Token(token));
        return new CopilotClient(connection, options);
    }

    protected static async Task<List<CopilotSeat>> ListAll(CopilotClient client, SeatScope scope, int pageSize = 100)
    {
        var seats = new List<CopilotSeat>();
        await client.ListSeatsAsync(scope, (page, _) => { lock (seats) seats.AddRange(page); return Task.CompletedTask; }, pageSize);
        return seats;
    }

    protected IReadOnlyList<LoggedRequest> Requests => Sim.Log.Snapshot();

    protected static string Example(string name) => Repo.Example(name);

    /// <summary>The JSON shape (property names and value kinds, recursively; arrays by their first element).</summary>
    protected static string Shape(string json) => Shape(JsonDocument.Parse(json).RootElement);

    private static string Shape(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", e.EnumerateObject().OrderBy(p => p.Name).Select(p => p.Name + ":" + Shape(p.Value))) + "}",
        JsonValueKind.Array => "[" + (e.GetArrayLength() > 0 ? Shape(e[0]) : "") + "]",
        JsonValueKind.Number => "number",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "null",
    };
}
