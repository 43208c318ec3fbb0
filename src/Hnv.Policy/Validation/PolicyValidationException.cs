namespace Hnv.Policy.Validation;

/// <summary>A policy (document, set or delta) broke the rules; <see cref="Problems"/> lists every problem.</summary>
public sealed class PolicyValidationException : Exception
{
    public PolicyValidationException()
        : this([])
    {
    }

    public PolicyValidationException(string message)
        : base(message) => Problems = [];

    public PolicyValidationException(string message, Exception innerException)
        : base(message, innerException) => Problems = [];

    public PolicyValidationException(IReadOnlyList<PolicyProblem> problems, Exception? innerException = null)
        : base(Describe(problems), innerException) => Problems = problems;

    /// <summary>Every problem found, in document order.</summary>
    public IReadOnlyList<PolicyProblem> Problems { get; }

    private static string Describe(IReadOnlyList<PolicyProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count switch
        {
            0 => "The policy is not valid.",
            1 => $"The policy is not valid: {problems[0]}",
            _ => $"The policy is not valid ({problems.Count} problems); first: {problems[0]}",
        };
    }
}
