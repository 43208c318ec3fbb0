using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    internal const int IFNAMSIZ = 16;

    /// <summary>struct ifreq (linux/if.h): a 16-byte name and a 24-byte union; TUNSETIFF reads ifr_flags.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 40)]
    internal unsafe struct IfReq
    {
        [FieldOffset(0)]
        public fixed byte Name[IFNAMSIZ];

        [FieldOffset(16)]
        public short Flags;
    }
}
