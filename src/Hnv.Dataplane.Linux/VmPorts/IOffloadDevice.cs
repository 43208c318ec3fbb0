using System.Runtime.InteropServices;
using Hnv.Linux;

namespace Hnv.Dataplane.Linux.VmPorts;

/// <summary>
/// A Linux device that carries a VM's frames with a virtio_net_hdr in front, both ways: a TAP opened with
/// IFF_VNET_HDR (<see cref="TapOffloads"/>), or an AF_PACKET socket with PACKET_VNET_HDR on an interface that
/// already exists (<see cref="PacketSocketOffloads"/>). <see cref="OffloadVmPort{TDevice}"/> is generic over a struct
/// implementing this, so the per-frame calls are not virtual.
/// </summary>
public interface IOffloadDevice : IDisposable
{
    /// <summary>The descriptor to wait on.</summary>
    SafeHandle Handle { get; }

    /// <summary>True when a write may carry a UDP super-frame (<c>VirtioNetHeader.GsoUdpL4</c>).</summary>
    bool AcceptsUdpSuperFrames { get; }

    /// <summary>Reads one virtio header and the frame after it; a longer frame is cut at the span's end.</summary>
    IoResult Read(Span<byte> headerAndFrame);

    /// <summary>Writes a virtio header and the frame after it, from one span.</summary>
    IoResult Write(ReadOnlySpan<byte> headerAndFrame);

    /// <summary>Writes <paramref name="header"/> and <paramref name="frame"/> as one packet, so the frame needs no room in front.</summary>
    IoResult Write(ReadOnlySpan<byte> header, ReadOnlySpan<byte> frame);
}
