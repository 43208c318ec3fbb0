using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    /// <summary>struct msghdr (56 bytes on 64-bit glibc).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 56)]
    internal unsafe struct MsgHdr
    {
        [FieldOffset(0)]
        public void* Name;

        [FieldOffset(8)]
        public uint NameLength;

        [FieldOffset(16)]
        public IoVec* Iov;

        [FieldOffset(24)]
        public nuint IovLength;

        [FieldOffset(32)]
        public void* Control;

        [FieldOffset(40)]
        public nuint ControlLength;

        [FieldOffset(48)]
        public int Flags;
    }
}
