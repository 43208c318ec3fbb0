using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    [LibraryImport(Libc, EntryPoint = "writev", SetLastError = true)]
    internal static unsafe partial nint WriteV(SafeFileDescriptor fd, IoVec* vectors, int count);
}
