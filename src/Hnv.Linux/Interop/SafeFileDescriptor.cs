using System.Runtime.InteropServices;

namespace Hnv.Linux;

/// <summary>Owns one file descriptor (TAP, socket, epoll, eventfd, namespace); closes it once.</summary>
internal sealed class SafeFileDescriptor : SafeHandle
{
    public SafeFileDescriptor()
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle < 0;

    /// <summary>The descriptor number, for epoll registration and diagnostics.</summary>
    internal int Value => (int)handle;

    protected override bool ReleaseHandle() => Interop.Close((int)handle) == 0;
}
