namespace Hnv.NodeRuntime.Configuration;

/// <summary>One thing wrong with a configuration: the JSON path and a sentence saying what to fix.</summary>
public sealed record ConfigProblem(string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Message}";
}
