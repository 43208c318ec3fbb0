using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    /// <summary>Sets the CPUs thread <paramref name="threadId"/> (0: the calling thread) may run on; the mask is a cpu_set_t.</summary>
    [LibraryImport(Libc, EntryPoint = "sched_setaffinity", SetLastError = true)]
    internal static unsafe partial int SchedSetAffinity(int threadId, nuint maskSize, ulong* mask);
}
