using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    internal const int AF_INET = 2;
    internal const int AF_INET6 = 10;
    internal const int AF_PACKET = 17;
    internal const int SOCK_RAW = 3;
    internal const int SOCK_NONBLOCK = 0x800;
    internal const int SOCK_CLOEXEC = 0x80000;
    internal const int IPPROTO_GRE = 47;

    [LibraryImport(Libc, EntryPoint = "socket", SetLastError = true)]
    private static partial int SocketRaw(int domain, int type, int protocol);

    /// <summary>
    /// The syscall returns an int; a SafeHandle return would be marshalled as pointer-sized, turning -1 into
    /// 0xFFFFFFFF (a "valid" descriptor). So the raw int is adopted here; check <see cref="SafeHandle.IsInvalid"/>.
    /// </summary>
    internal static SafeFileDescriptor Socket(int domain, int type, int protocol) => SafeFileDescriptor.Adopt(SocketRaw(domain, type, protocol));
}
