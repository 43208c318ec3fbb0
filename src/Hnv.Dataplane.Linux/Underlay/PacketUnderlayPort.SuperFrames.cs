using Hnv.Dataplane.Linux.Offloads;
using Hnv.Forwarding.Buffers;
using Hnv.Linux;
using Hnv.Linux.Ebpf;
using Hnv.Linux.Sockets;
using Hnv.Wire.Addressing;
using Hnv.Wire.Ip;
using Hnv.Wire.Offloads;
using Hnv.Wire.Tunnel;

namespace Hnv.Dataplane.Linux.Underlay;

/// <summary>TCP super-frames: sent whole for the kernel to segment, or split for the kernel's IP path before a next hop is known.</summary>
public sealed partial class PacketUnderlayPort
{
    /// <summary>
    /// Sends a TCP super-frame the pipeline encapsulated whole: after what this writer queued (a flow's order holds),
    /// with a virtio header that says where its inner TCP header is and how long each segment's payload is. The
    /// program on the egress hook does the rest (<see cref="GreSegmentationOffload"/>).
    /// </summary>
    private bool SendSuperFrame(byte[] addresses, PacketBuffer buffer, int writer)
    {
        var packet = buffer.Data;
        if (_superFrameSender is null || !TryLocateInnerTcp(buffer, out var innerStart, out var tcp))
        {
            Interlocked.Increment(ref _sendErrors);
            return false;
        }

        Flush(writer);
        var inner = EthernetHeaderLength + innerStart;
        var gsoType = tcp.IsV6 ? VirtioNetHeader.GsoTcpV6 : VirtioNetHeader.GsoTcpV4;
        if ((packet[innerStart + tcp.TcpStart + 13] & TcpFrame.FlagCwr) != 0)
        {
            gsoType |= VirtioNetHeader.GsoEcn; // as the VM's own kernel marks a super-frame that starts with CWR
        }

        Span<byte> header = stackalloc byte[VirtioNetHeader.Length + EthernetHeaderLength];
        new VirtioNetHeader(VirtioNetHeader.NeedsChecksum, gsoType, (ushort)(inner + tcp.HeaderLength), (ushort)buffer.SegmentSize,
            (ushort)(inner + tcp.TcpStart), 16).Write(header);
        var ethernet = header[VirtioNetHeader.Length..];
        addresses.CopyTo(ethernet);
        IpFrame.WriteEtherType(ethernet, packet);
        if (!_superFrameSender.Send(header, packet).IsSuccess)
        {
            Interlocked.Increment(ref _sendErrors);
            return false;
        }

        Interlocked.Increment(ref _superFramesSent);
        return true;
    }

    /// <summary>
    /// Where the inner TCP header of an encapsulated super-frame is: the outer header as the pipeline writes it (IPv4
    /// without options, or IPv6), then NVGRE's 8 bytes; false for anything else.
    /// </summary>
    private static bool TryLocateInnerTcp(PacketBuffer buffer, out int innerStart, out TcpFrame tcp)
    {
        var packet = buffer.Data;
        var v4 = packet.Length > 0 && packet[0] >> 4 == 4;
        innerStart = (v4 ? Ipv4Header.MinLength : Ipv6Header.Length) + NvgreHeader.Length;
        tcp = default;
        return packet.Length > innerStart && (!v4 || (packet[0] & 0x0F) == 5) && buffer.SegmentSize <= ushort.MaxValue
            && TcpFrame.TryRead(packet[innerStart..], out tcp);
    }

    /// <summary>
    /// A super-frame whose next hop is not resolved yet: the kernel's IP path takes packets, not super-frames, so it is
    /// split here (each segment with its own lengths and a full checksum) and each piece goes that way.
    /// </summary>
    private bool SplitThroughKernel(IpAddress providerAddress, PacketBuffer buffer, int writer)
    {
        if (!TryLocateInnerTcp(buffer, out _, out var tcp) || buffer.Offset < EthernetHeaderLength)
        {
            Interlocked.Increment(ref _sendErrors);
            return false;
        }

        // The segmenter reads a frame from its Ethernet header on; only the EtherType of that header is looked at.
        var frame = buffer.All.Slice(buffer.Offset - EthernetHeaderLength, EthernetHeaderLength + buffer.Length);
        IpFrame.WriteEtherType(frame, buffer.Data);
        var split = _kernelPathSplits[writer];
        var header = new VirtioNetHeader(0, tcp.IsV6 ? VirtioNetHeader.GsoTcpV6 : VirtioNetHeader.GsoTcpV4, 0, (ushort)buffer.SegmentSize, 0, 0);
        if (!split.Segmenter.Start(frame, header))
        {
            Interlocked.Increment(ref _sendErrors);
            return false;
        }

        var sent = true;
        while (split.Segmenter.TryNext(frame, split.Segment, out var length))
        {
            sent &= SendThroughKernel(providerAddress, split.Segment.AsSpan(EthernetHeaderLength, length - EthernetHeaderLength));
        }

        return sent;
    }

    /// <summary>The socket super-frames leave by and the program that marks them, or why there are none.</summary>
    private static (PacketSocket? Socket, GreSegmentationOffload? Program, string? Problem) OpenSegmentation(string interfaceName)
    {
        // No qdisc bypass: the tcx egress hook runs in the queueing path the bypass skips.
        var socket = PacketSocket.Open(interfaceName, PacketSocketOptions.NonBlocking | PacketSocketOptions.VirtioHeader | PacketSocketOptions.SendOnly);
        try
        {
            socket.SetBufferSizes(0, SocketBufferBytes);
            return (socket, GreSegmentationOffload.Attach(socket.InterfaceIndex, socket), null);
        }
        catch (LinuxException e)
        {
            socket.Dispose();
            return (null, null, e.Message);
        }
    }

    /// <summary>One writer's segmenter and segment buffer for super-frames that take the kernel's path.</summary>
    private sealed class KernelPathSplit(int segmentBytes)
    {
        public NvgreSegmenter Segmenter { get; } = new();

        public byte[] Segment { get; } = new byte[segmentBytes];
    }
}
