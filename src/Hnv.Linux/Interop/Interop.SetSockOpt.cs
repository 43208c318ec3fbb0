using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    internal const int IPPROTO_IP = 0;
    internal const int IP_MTU_DISCOVER = 10;
    internal const int IP_PMTUDISC_DO = 2;
    internal const int IPPROTO_IPV6 = 41;
    internal const int IPV6_MTU_DISCOVER = 23;
    internal const int IPV6_PMTUDISC_DO = 2;
    internal const int SOL_PACKET = 263;
    internal const int PACKET_VNET_HDR = 15;
    internal const int PACKET_QDISC_BYPASS = 20;
    internal const int PACKET_IGNORE_OUTGOING = 23;

    [LibraryImport(Libc, EntryPoint = "setsockopt", SetLastError = true)]
    internal static unsafe partial int SetSockOpt(SafeFileDescriptor fd, int level, int name, void* value, uint valueLength);
}
