using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    /// <summary>0 when the calling thread's network namespace has no such interface.</summary>
    [LibraryImport(Libc, EntryPoint = "if_nametoindex", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial uint IfNameToIndex(string name);
}
