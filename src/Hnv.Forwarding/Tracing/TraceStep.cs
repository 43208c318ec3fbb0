namespace Hnv.Forwarding.Tracing;

/// <summary>One line of a packet's trace.</summary>
public readonly record struct TraceStep(Stage Stage, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Stage,-20} {Message}";
}
