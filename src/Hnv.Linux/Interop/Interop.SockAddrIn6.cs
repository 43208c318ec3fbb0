using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    /// <summary>struct sockaddr_in6 (28 bytes).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 28)]
    internal unsafe struct SockAddrIn6
    {
        [FieldOffset(0)]
        public ushort Family;

        [FieldOffset(2)]
        public ushort Port;

        [FieldOffset(4)]
        public uint FlowInfo;

        [FieldOffset(8)]
        public fixed byte Address[16];

        [FieldOffset(24)]
        public uint ScopeId;
    }
}
