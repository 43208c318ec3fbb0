using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    internal const int CLONE_NEWNET = 0x40000000;

    /// <summary>Moves the calling thread (only it) into the namespace the descriptor names.</summary>
    [LibraryImport(Libc, EntryPoint = "setns", SetLastError = true)]
    internal static partial int SetNs(SafeFileDescriptor fd, int namespaceType);
}
