using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    /// <summary>struct mmsghdr: a msghdr and the byte count the kernel fills in (64 bytes with padding).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 64)]
    internal struct MMsgHdr
    {
        [FieldOffset(0)]
        public MsgHdr Header;

        [FieldOffset(56)]
        public uint Length;
    }
}
