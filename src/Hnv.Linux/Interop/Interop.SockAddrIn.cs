using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    /// <summary>struct sockaddr_in: family, port and address in network byte order, 8 bytes of zero.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 16)]
    internal unsafe struct SockAddrIn
    {
        [FieldOffset(0)]
        public ushort Family;

        [FieldOffset(2)]
        public ushort Port;

        [FieldOffset(4)]
        public fixed byte Address[4];

        [FieldOffset(8)]
        public ulong Zero;
    }
}
