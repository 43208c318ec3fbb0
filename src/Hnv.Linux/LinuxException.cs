using System.Runtime.InteropServices;

namespace Hnv.Linux;

/// <summary>
/// A control-path failure: a setup syscall or an iproute2 command. Carries what was attempted and what the
/// kernel said. The packet path never throws this; it returns <see cref="IoResult"/>.
/// </summary>
public sealed class LinuxException : Exception
{
    public LinuxException()
    {
    }

    public LinuxException(string message)
        : base(message)
    {
    }

    public LinuxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LinuxException(string operation, string kernelMessage, IoError error)
        : base($"{operation}: {kernelMessage}")
    {
        Operation = operation;
        KernelMessage = kernelMessage;
        Error = error;
    }

    /// <summary>The syscall or command line that failed, e.g. "ip -n hnv-a link set dev eth0 up".</summary>
    public string Operation { get; } = string.Empty;

    /// <summary>The kernel's words: strerror text with the errno name, or iproute2's stderr.</summary>
    public string KernelMessage { get; } = string.Empty;

    /// <summary>The typed errno for syscall failures; <see cref="IoError.Other"/> for commands.</summary>
    public IoError Error { get; } = IoError.Other;

    /// <summary>Reads errno of the P/Invoke that just failed. Out of line so callers stay small.</summary>
    internal static LinuxException FromLastError(string operation)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new LinuxException(
            operation, $"{Marshal.GetPInvokeErrorMessage(errno)} [{Errno.Describe(errno)}]", Errno.ToIoError(errno));
    }
}
