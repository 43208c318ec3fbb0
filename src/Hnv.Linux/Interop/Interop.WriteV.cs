using System.Runtime.InteropServices;

namespace Hnv.Linux;

internal static partial class Interop
{
    [LibraryImport(Libc, EntryPoint = "writev", SetLastError = true)]
    internal static unsafe partial nint WriteV(SafeFileDescriptor fd, IoVec* vectors, int count);

    /// <summary>
    /// Writes <paramref name="first"/> and <paramref name="second"/> as one packet with writev (a virtio header and
    /// the frame after it, on a TAP or a packet socket), so the second needs no room in front of it.
    /// </summary>
    internal static unsafe IoResult WriteTwo(SafeFileDescriptor fd, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        fixed (byte* a = first)
        fixed (byte* b = second)
        {
            var vectors = stackalloc IoVec[2];
            vectors[0] = new IoVec { Base = a, Length = (nuint)first.Length };
            vectors[1] = new IoVec { Base = b, Length = (nuint)second.Length };
            var written = WriteV(fd, vectors, 2);
            return written < 0 ? IoResult.FromLastError() : IoResult.Success((int)written);
        }
    }
}
