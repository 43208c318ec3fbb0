using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    internal const int O_RDONLY = 0x0;
    internal const int O_RDWR = 0x2;
    internal const int O_NONBLOCK = 0x800;
    internal const int O_CLOEXEC = 0x80000;

    [LibraryImport(Libc, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenRaw(string path, int flags);

    /// <summary>
    /// The syscall returns an int; a SafeHandle return would be marshalled as pointer-sized, turning -1 into
    /// 0xFFFFFFFF (a "valid" descriptor). So the raw int is adopted here; check <see cref="SafeHandle.IsInvalid"/>.
    /// </summary>
    internal static SafeFileDescriptor Open(string path, int flags) => SafeFileDescriptor.Adopt(OpenRaw(path, flags));
}
