namespace Hnv.Forwarding.Tracing;

/// <summary>A trace that keeps every step, for `hnv trace`, tests and debugging (allocates; never on the packet path).</summary>
public struct CollectingTrace : IPipelineTrace
{
    private List<TraceStep>? _steps;

    /// <summary>The steps so far, in order.</summary>
    public readonly IReadOnlyList<TraceStep> Steps => _steps ?? [];

    /// <inheritdoc />
    public readonly bool IsEnabled => true;

    /// <inheritdoc />
    public void Step(Stage stage, string message) => (_steps ??= []).Add(new TraceStep(stage, message));

    /// <inheritdoc />
    public override readonly string ToString() => string.Join(Environment.NewLine, Steps.Select(s => s.ToString()));
}
