using CopilotSeats.Simulator.Api;

namespace CopilotSeats.Simulator.Middleware;

/// <summary>The rest of the middleware chain, as a step sees it.</summary>
internal delegate Task<Answer> StepDelegate(ApiCall call);

/// <summary>One middleware step: answers itself, or calls <c>next</c> and may adjust what comes back.</summary>
internal interface IStep
{
    Task<Answer> InvokeAsync(ApiCall call, StepDelegate next);
}

/// <summary>Steps composed in the order given (outermost first) around an endpoint.</summary>
internal sealed class MiddlewareChain
{
    private readonly StepDelegate _first;

    public MiddlewareChain(IReadOnlyList<IStep> steps, StepDelegate endpoint)
    {
        Steps = steps;
        StepDelegate next = endpoint;
        for (int i = steps.Count - 1; i >= 0; i--)
        {
            var step = steps[i];
            var inner = next;
            next = call => step.InvokeAsync(call, inner);
        }
        _first = next;
    }

    public IReadOnlyList<IStep> Steps { get; }

    public Task<Answer> RunAsync(ApiCall call) => _first(call);
}
