namespace Hnv.Linux.Sockets;

/// <summary>How <see cref="PacketSocket.Open(int, PacketSocketOptions, Filters.BpfProgram)"/> sets up the socket.</summary>
[Flags]
public enum PacketSocketOptions
{
    None = 0,

    /// <summary>PACKET_QDISC_BYPASS: sends go straight to the driver, skipping the qdisc layer.</summary>
    QdiscBypass = 1,

    /// <summary>PACKET_IGNORE_OUTGOING: receive does not see frames sent on the interface (ours or the kernel's).</summary>
    IgnoreOutgoing = 2,

    /// <summary>SOCK_NONBLOCK: calls return <see cref="IoError.WouldBlock"/> instead of waiting.</summary>
    NonBlocking = 4,

    /// <summary>
    /// PACKET_VNET_HDR: every frame received and sent starts with a virtio_net_hdr (10 bytes), as on a TAP opened
    /// with IFF_VNET_HDR. Received, it says what the kernel's offloads did to the frame: a GRO-merged super-frame
    /// (gso_type, gso_size) or a checksum left unfinished (NEEDS_CSUM); without it such a frame arrives bare and
    /// cannot be split or finished correctly. Sent, a zeroed one asks for nothing.
    /// </summary>
    VirtioHeader = 8,

    /// <summary>
    /// Bound to the interface for no EtherType: the socket receives nothing and only sends. Nothing ever waits on it,
    /// so freeing what it sent (on a veth fabric, in the receiving host's softirq) finds no waiter to wake.
    /// </summary>
    SendOnly = 16,

    /// <summary>The usual set for a port: <see cref="QdiscBypass"/> and <see cref="IgnoreOutgoing"/>.</summary>
    Default = QdiscBypass | IgnoreOutgoing,
}
