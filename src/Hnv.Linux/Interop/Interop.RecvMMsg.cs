using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    internal const int MSG_TRUNC = 0x20;
    internal const int MSG_DONTWAIT = 0x40;
    internal const int MSG_WAITFORONE = 0x10000;

    [LibraryImport(Libc, EntryPoint = "recvmmsg", SetLastError = true)]
    internal static unsafe partial int RecvMMsg(SafeFileDescriptor fd, MMsgHdr* messages, uint count, int flags, void* timeout);
}
