using Hnv.Lab.Topology;
namespace Hnv.Lab;

/// <summary>
/// A lab could not be read, made, found or removed. The message says what went wrong and what to do; the
/// problems, when the topology is at fault, name each field.
/// </summary>
public sealed class LabException : Exception
{
    public LabException()
        : this("The lab failed.")
    {
    }

    public LabException(string message)
        : base(message) => Problems = [];

    public LabException(string message, Exception innerException)
        : base(message, innerException) => Problems = [];

    public LabException(string message, IReadOnlyList<TopologyProblem> problems)
        : base(message) => Problems = problems;

    /// <summary>Every problem of the topology file, in file order; empty for other failures.</summary>
    public IReadOnlyList<TopologyProblem> Problems { get; }
}
