using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    internal const int EFD_NONBLOCK = 0x800;
    internal const int EFD_CLOEXEC = 0x80000;

    [LibraryImport(Libc, EntryPoint = "eventfd", SetLastError = true)]
    private static partial int EventFdRaw(uint initialValue, int flags);

    /// <summary>
    /// The syscall returns an int; a SafeHandle return would be marshalled as pointer-sized, turning -1 into
    /// 0xFFFFFFFF (a "valid" descriptor). So the raw int is adopted here; check <see cref="SafeHandle.IsInvalid"/>.
    /// </summary>
    internal static SafeFileDescriptor EventFd(uint initialValue, int flags) => SafeFileDescriptor.Adopt(EventFdRaw(initialValue, flags));
}
