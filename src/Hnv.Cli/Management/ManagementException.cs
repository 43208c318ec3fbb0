namespace Hnv.Cli.Management;

/// <summary>A management command cannot go on: the message is for the operator, the exit code for scripts.</summary>
internal sealed class ManagementException : Exception
{
    public ManagementException()
    {
    }

    public ManagementException(string message)
        : base(message)
    {
    }

    public ManagementException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ManagementException(string message, int exitCode)
        : base(message) => ExitCode = exitCode;

    /// <summary>One of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; } = ExitCodes.FileProblem;
}
