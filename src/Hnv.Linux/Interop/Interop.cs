namespace Hnv.Linux;

/// <summary>
/// Every P/Invoke of Hnv.Linux (docs/architecture.md, "all P/Invoke in Hnv.Linux/Interop"): one partial class, one file per syscall, errno read with
/// <see cref="System.Runtime.InteropServices.Marshal.GetLastPInvokeError"/> and turned into
/// <see cref="IoError"/> before it leaves this assembly. Constants are the Linux x86_64/arm64 generic values.
/// </summary>
internal static partial class Interop
{
    internal const string Libc = "libc";
}
