using Hnv.Policy.Validation;

namespace Hnv.Controller.State;

/// <summary>
/// A write the controller refuses, with every problem found and the field each names. Nothing of the write is
/// stored or applied when this is thrown.
/// </summary>
internal sealed class WriteRejectedException : Exception
{
    public WriteRejectedException()
        : this(WriteRejection.Invalid, "The request was refused.", [])
    {
    }

    public WriteRejectedException(string message)
        : this(WriteRejection.Invalid, message, [])
    {
    }

    public WriteRejectedException(string message, Exception innerException)
        : base(message, innerException) => Problems = [];

    public WriteRejectedException(WriteRejection rejection, string title, IReadOnlyList<PolicyProblem> problems)
        : base(title)
    {
        Rejection = rejection;
        Problems = problems;
    }

    public WriteRejection Rejection { get; }

    public IReadOnlyList<PolicyProblem> Problems { get; }

    public static WriteRejectedException Conflict(string field, string message) =>
        new(WriteRejection.Conflict, message, [new PolicyProblem(field, message)]);

    public static WriteRejectedException NotFound(string message) => new(WriteRejection.NotFound, message, []);

    public static WriteRejectedException Forbidden(string message) => new(WriteRejection.Forbidden, message, []);

    public static WriteRejectedException Invalid(string field, string message) =>
        new(WriteRejection.Invalid, "The request is not valid.", [new PolicyProblem(field, message)]);
}
