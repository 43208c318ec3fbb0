using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    // linux/if_tun.h: _IOW('T', 202, int) and _IOW('T', 203, int).
    internal const uint TUNSETIFF = 0x400454ca;
    internal const uint TUNSETPERSIST = 0x400454cb;

    internal const short IFF_TAP = 0x0002;
    internal const short IFF_NO_PI = 0x1000;

    [LibraryImport(Libc, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(SafeFileDescriptor fd, nuint request, ref IfReq ifr);

    [LibraryImport(Libc, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(SafeFileDescriptor fd, nuint request, nint argument);
}
