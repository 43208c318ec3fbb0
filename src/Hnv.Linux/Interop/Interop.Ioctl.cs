using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    // linux/if_tun.h: _IOW('T', 202, int) and _IOW('T', 203, int).
    internal const uint TUNSETIFF = 0x400454ca;
    internal const uint TUNSETPERSIST = 0x400454cb;

    // _IOW('T', 208, unsigned int) and _IOW('T', 216, int).
    internal const uint TUNSETOFFLOAD = 0x400454d0;
    internal const uint TUNSETVNETHDRSZ = 0x400454d8;

    // TUNSETOFFLOAD flags: what the netdev may hand us unfinished (partial checksums, TCP super-frames).
    internal const uint TUN_F_CSUM = 0x01;
    internal const uint TUN_F_TSO4 = 0x02;
    internal const uint TUN_F_TSO6 = 0x04;
    internal const uint TUN_F_USO4 = 0x20;
    internal const uint TUN_F_USO6 = 0x40;

    internal const short IFF_TAP = 0x0002;
    internal const short IFF_NO_PI = 0x1000;
    internal const short IFF_VNET_HDR = 0x4000;

    [LibraryImport(Libc, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(SafeFileDescriptor fd, nuint request, ref IfReq ifr);

    [LibraryImport(Libc, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(SafeFileDescriptor fd, nuint request, nint argument);
}
