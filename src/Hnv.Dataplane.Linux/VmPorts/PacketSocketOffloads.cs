using System.Runtime.InteropServices;
using Hnv.Linux;
using Hnv.Linux.Sockets;

namespace Hnv.Dataplane.Linux.VmPorts;

/// <summary>
/// An interface that already exists (a container's veth host end, a QEMU tap's host side) as an
/// <see cref="IOffloadDevice"/>, through an AF_PACKET socket opened with <see cref="PacketSocketOptions.VirtioHeader"/>.
/// The container's kernel sends TSO super-frames and leaves checksums unfinished over a veth just as a VM does
/// over a TAP, and the socket says so in the virtio header. Without it those frames arrived bare: 64 KiB TCP
/// frames the pipeline cannot send as they are (iperf3 TCP through such a port failed), and UDP with the checksum
/// the kernel had left unfinished. Writes may carry GSO: the kernel splits them where the interface cannot take
/// them whole. Our own sends are not read back (PACKET_IGNORE_OUTGOING).
/// </summary>
public readonly struct PacketSocketOffloads : IOffloadDevice
{
    private readonly PacketSocket _socket;

    /// <summary>Wraps <paramref name="socket"/>, which must have been opened with <see cref="PacketSocketOptions.VirtioHeader"/>.</summary>
    public PacketSocketOffloads(PacketSocket socket) => _socket = socket;

    /// <inheritdoc />
    public SafeHandle Handle => _socket.Handle;

    /// <summary>
    /// Always: a packet socket takes UDP_L4 in the virtio header on every kernel with UDP GSO (4.18 and later), and
    /// the receiving stack splits it if the socket does not take it whole.
    /// </summary>
    public bool AcceptsUdpSuperFrames => true;

    /// <inheritdoc />
    public IoResult Read(Span<byte> headerAndFrame) => _socket.Receive(headerAndFrame);

    /// <inheritdoc />
    public IoResult Write(ReadOnlySpan<byte> headerAndFrame) => _socket.Send(headerAndFrame);

    /// <inheritdoc />
    public IoResult Write(ReadOnlySpan<byte> header, ReadOnlySpan<byte> frame) => _socket.Send(header, frame);

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();
}
