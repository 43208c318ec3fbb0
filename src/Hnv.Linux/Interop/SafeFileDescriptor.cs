using System.Runtime.InteropServices;

namespace Hnv.Linux;

/// <summary>Owns one file descriptor (TAP, socket, epoll, eventfd, namespace); closes it once.</summary>
internal sealed class SafeFileDescriptor : SafeHandle
{
    public SafeFileDescriptor()
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
    }

    /// <summary>Owns <paramref name="fd"/> (-1, a failed call, gives an invalid handle).</summary>
    internal static SafeFileDescriptor Adopt(int fd)
    {
        var handle = new SafeFileDescriptor();
        handle.SetHandle(fd);
        return handle;
    }

    public override bool IsInvalid => handle < 0;

    /// <summary>The descriptor number, for epoll registration and diagnostics.</summary>
    internal int Value => (int)handle;

    protected override bool ReleaseHandle() => Interop.Close((int)handle) == 0;
}
