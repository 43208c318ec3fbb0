using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    [LibraryImport(Libc, EntryPoint = "bind", SetLastError = true)]
    internal static unsafe partial int Bind(SafeFileDescriptor fd, void* address, uint addressLength);
}
