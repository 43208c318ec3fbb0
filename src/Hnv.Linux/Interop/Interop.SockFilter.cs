using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    internal const int SOL_SOCKET = 1;
    internal const int SO_ATTACH_FILTER = 26;
    internal const int SO_RCVBUF = 8;
    internal const int SO_SNDBUF = 7;
    internal const int SO_RCVBUFFORCE = 33;
    internal const int SO_SNDBUFFORCE = 32;

    /// <summary>struct sock_filter (linux/filter.h): one classic BPF instruction, 8 bytes.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 8)]
    internal struct SockFilter
    {
        [FieldOffset(0)]
        public ushort Code;

        [FieldOffset(2)]
        public byte JumpTrue;

        [FieldOffset(3)]
        public byte JumpFalse;

        [FieldOffset(4)]
        public uint K;
    }

    /// <summary>struct sock_fprog: the instruction count and a pointer to them (16 bytes with padding).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 16)]
    internal unsafe struct SockFprog
    {
        [FieldOffset(0)]
        public ushort Length;

        [FieldOffset(8)]
        public SockFilter* Filter;
    }
}
