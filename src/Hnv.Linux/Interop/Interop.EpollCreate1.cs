using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    internal const int EPOLL_CLOEXEC = 0x80000;

    [LibraryImport(Libc, EntryPoint = "epoll_create1", SetLastError = true)]
    internal static partial SafeFileDescriptor EpollCreate1(int flags);
}
