namespace Hnv.Linux.Tap;

public sealed partial class TapDevice
{
    /// <summary>Bytes of the virtio-net header (struct virtio_net_hdr) in front of each frame with <see cref="TapOptions.Offloads"/>.</summary>
    public const int VirtioHeaderLength = 10;

    /// <summary>True when opened with <see cref="TapOptions.Offloads"/>: reads and writes carry a virtio-net header (Hnv.Wire reads it).</summary>
    public bool HasVirtioHeader { get; private set; }

    /// <summary>
    /// True when the kernel takes UDP super-frames (VIRTIO_NET_HDR_GSO_UDP_L4) written toward the VM
    /// (Linux 6.2 and later).
    /// </summary>
    public bool AcceptsUdpSuperFrames { get; private set; }

    /// <summary>
    /// Writes <paramref name="header"/> (a virtio-net header's bytes) and <paramref name="frame"/> as one
    /// packet with writev, so the frame needs no room in front of it.
    /// </summary>
    public IoResult Write(ReadOnlySpan<byte> header, ReadOnlySpan<byte> frame) => Interop.WriteTwo(_fd, header, frame);

    private unsafe void EnableOffloads()
    {
        var size = VirtioHeaderLength;
        if (Interop.Ioctl(_fd, Interop.TUNSETVNETHDRSZ, (nint)(&size)) < 0)
        {
            throw LinuxException.FromLastError($"TUNSETVNETHDRSZ {Name}");
        }

        // Linux 6.2 brought UDP segmentation to TAPs (TUN_F_USO4/6) and UDP_L4 to the virtio header in one change, so
        // a kernel that takes the offload also takes UDP super-frames written toward the VM. The offload itself is
        // then left off: with it, the VM would send UDP super-frames, which the agent does not split.
        const uint offloads = Interop.TUN_F_CSUM | Interop.TUN_F_TSO4 | Interop.TUN_F_TSO6;
        AcceptsUdpSuperFrames = Interop.Ioctl(_fd, Interop.TUNSETOFFLOAD, (nint)(offloads | Interop.TUN_F_USO4 | Interop.TUN_F_USO6)) == 0;
        if (Interop.Ioctl(_fd, Interop.TUNSETOFFLOAD, (nint)offloads) < 0)
        {
            throw LinuxException.FromLastError($"TUNSETOFFLOAD {Name}");
        }

        HasVirtioHeader = true;
    }
}
