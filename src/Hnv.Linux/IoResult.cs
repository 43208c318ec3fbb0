using System.Runtime.InteropServices;

namespace Hnv.Linux;

/// <summary>
/// The outcome of one packet-path call: a byte or message count, or an <see cref="IoError"/>.
/// A value type, so the packet path neither throws nor allocates.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct IoResult : IEquatable<IoResult>
{
    private IoResult(int count, IoError error)
    {
        Count = count;
        Error = error;
    }

    /// <summary>Bytes (or messages, for batch calls) transferred; 0 when <see cref="Error"/> is set.</summary>
    public int Count { get; }

    public IoError Error { get; }

    public bool IsSuccess => Error == IoError.None;

    public static IoResult Success(int count) => new(count, IoError.None);

    public static IoResult Failure(IoError error) => new(0, error);

    /// <summary>Reads errno of the P/Invoke that just failed and names it.</summary>
    internal static IoResult FromLastError() => new(0, Errno.ToIoError(Marshal.GetLastPInvokeError()));

    public bool Equals(IoResult other) => Count == other.Count && Error == other.Error;

    public override bool Equals(object? obj) => obj is IoResult other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Count, Error);

    public override string ToString() => IsSuccess ? $"{Count}" : Error.ToString();

    public static bool operator ==(IoResult left, IoResult right) => left.Equals(right);

    public static bool operator !=(IoResult left, IoResult right) => !left.Equals(right);
}
