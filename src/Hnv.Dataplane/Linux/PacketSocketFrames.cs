using System.Runtime.InteropServices;
using Hnv.Linux;
using Hnv.Linux.Sockets;

namespace Hnv.Dataplane.Linux;

/// <summary>
/// An existing interface (a QEMU tap, a container's veth host end) as an <see cref="IFrameDevice"/>, through an
/// AF_PACKET socket. Our own sends are not read back (PACKET_IGNORE_OUTGOING).
/// </summary>
public readonly struct PacketSocketFrames(PacketSocket socket) : IFrameDevice
{
    /// <inheritdoc />
    public SafeHandle Handle => socket.Handle;

    /// <inheritdoc />
    public IoResult Read(Span<byte> frame) => socket.Receive(frame);

    /// <inheritdoc />
    public IoResult Write(ReadOnlySpan<byte> frame) => socket.Send(frame);

    /// <inheritdoc />
    public void Dispose() => socket.Dispose();
}
