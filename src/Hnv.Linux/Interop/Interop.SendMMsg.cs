using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    [LibraryImport(Libc, EntryPoint = "sendmmsg", SetLastError = true)]
    internal static unsafe partial int SendMMsg(SafeFileDescriptor fd, MMsgHdr* messages, uint count, int flags);
}
