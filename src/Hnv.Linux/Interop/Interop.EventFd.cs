using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    internal const int EFD_NONBLOCK = 0x800;
    internal const int EFD_CLOEXEC = 0x80000;

    [LibraryImport(Libc, EntryPoint = "eventfd", SetLastError = true)]
    internal static partial SafeFileDescriptor EventFd(uint initialValue, int flags);
}
