namespace Hnv.Forwarding.Tracing;

/// <summary>
/// Receives the pipeline's account of one packet. The pipeline is generic over a struct implementing this,
/// so with <see cref="NoTrace"/> every call and the string building behind <see cref="IsEnabled"/> compile away.
/// </summary>
public interface IPipelineTrace
{
    /// <summary>Whether anyone listens; the pipeline builds messages only when true.</summary>
    bool IsEnabled { get; }

    /// <summary>One stage's account: what it looked at and what it decided.</summary>
    void Step(Stage stage, string message);
}
