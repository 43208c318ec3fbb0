namespace Hnv.Forwarding.Tracing;

/// <summary>The trace of the packet path: nobody listens, and the JIT removes every call.</summary>
public readonly struct NoTrace : IPipelineTrace
{
    /// <inheritdoc />
    public bool IsEnabled => false;

    /// <inheritdoc />
    public void Step(Stage stage, string message)
    {
    }
}
