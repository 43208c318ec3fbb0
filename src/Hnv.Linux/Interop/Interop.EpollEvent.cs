using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    /// <summary>
    /// struct epoll_event. x86_64 declares it packed (12 bytes, data at 4); other architectures align data to 8.
    /// Hnv.Linux targets x86_64 (the Poller checks); the layout test pins this.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 12)]
    internal struct EpollEvent
    {
        [FieldOffset(0)]
        public uint Events;

        [FieldOffset(4)]
        public ulong Data;
    }
}
