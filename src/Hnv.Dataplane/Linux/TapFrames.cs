using System.Runtime.InteropServices;
using Hnv.Linux;
using Hnv.Linux.Tap;

namespace Hnv.Dataplane.Linux;

/// <summary>A TAP device as an <see cref="IFrameDevice"/>: one read() or write() per frame.</summary>
public readonly struct TapFrames(TapDevice tap) : IFrameDevice
{
    /// <inheritdoc />
    public SafeHandle Handle => tap.Handle;

    /// <inheritdoc />
    public IoResult Read(Span<byte> frame) => tap.Read(frame);

    /// <inheritdoc />
    public IoResult Write(ReadOnlySpan<byte> frame) => tap.Write(frame);

    /// <inheritdoc />
    public void Dispose() => tap.Dispose();
}
