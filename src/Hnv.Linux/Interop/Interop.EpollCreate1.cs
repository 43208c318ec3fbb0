using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    internal const int EPOLL_CLOEXEC = 0x80000;

    [LibraryImport(Libc, EntryPoint = "epoll_create1", SetLastError = true)]
    private static partial int EpollCreate1Raw(int flags);

    /// <summary>
    /// The syscall returns an int; a SafeHandle return would be marshalled as pointer-sized, turning -1 into
    /// 0xFFFFFFFF (a "valid" descriptor). So the raw int is adopted here; check <see cref="SafeHandle.IsInvalid"/>.
    /// </summary>
    internal static SafeFileDescriptor EpollCreate1(int flags) => SafeFileDescriptor.Adopt(EpollCreate1Raw(flags));
}
