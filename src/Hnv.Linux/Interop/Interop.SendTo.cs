using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    [LibraryImport(Libc, EntryPoint = "sendto", SetLastError = true)]
    internal static unsafe partial nint SendTo(
        SafeFileDescriptor fd, byte* buffer, nuint length, int flags, void* address, uint addressLength);
}
