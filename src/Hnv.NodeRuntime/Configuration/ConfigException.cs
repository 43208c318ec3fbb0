namespace Hnv.NodeRuntime.Configuration;

/// <summary>The configuration cannot be used; <see cref="Problems"/> says every reason.</summary>
public sealed class ConfigException(string source, IReadOnlyList<ConfigProblem> problems)
    : Exception($"{source}: {string.Join("; ", problems)}")
{
    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; } = problems;
}
