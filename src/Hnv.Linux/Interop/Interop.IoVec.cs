using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    /// <summary>struct iovec (16 bytes on 64-bit).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 16)]
    internal unsafe struct IoVec
    {
        [FieldOffset(0)]
        public void* Base;

        [FieldOffset(8)]
        public nuint Length;
    }
}
