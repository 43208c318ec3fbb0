using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    [LibraryImport(Libc, EntryPoint = "recvfrom", SetLastError = true)]
    internal static unsafe partial nint RecvFrom(
        SafeFileDescriptor fd, byte* buffer, nuint length, int flags, void* address, uint* addressLength);
}
