using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    /// <summary>struct sockaddr_ll (linux/if_packet.h, 20 bytes); protocol is in network byte order.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 20)]
    internal unsafe struct SockAddrLl
    {
        [FieldOffset(0)]
        public ushort Family;

        [FieldOffset(2)]
        public ushort Protocol;

        [FieldOffset(4)]
        public int IfIndex;

        [FieldOffset(8)]
        public ushort HaType;

        [FieldOffset(10)]
        public byte PacketType;

        [FieldOffset(11)]
        public byte HaLength;

        [FieldOffset(12)]
        public fixed byte Address[8];
    }
}
