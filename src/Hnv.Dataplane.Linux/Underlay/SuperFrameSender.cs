using Hnv.Dataplane.Linux.Offloads;
using Hnv.Forwarding.Buffers;
using Hnv.Linux;
using Hnv.Linux.Ebpf;
using Hnv.Linux.Sockets;
using Hnv.Wire.Offloads;

namespace Hnv.Dataplane.Linux.Underlay;

/// <summary>
/// Sends an encapsulated TCP super-frame whole, through a send-only socket without the qdisc bypass:
/// <see cref="GreSegmentationOffload"/>, on the interface's tcx egress hook, marks it as a GRE tunnel's GSO packet,
/// so the NIC (or the kernel) cuts it into NVGRE packets of the underlay's MTU: one send per 64 KiB instead of some
/// 45 (bench/README.md).
/// </summary>
internal sealed class SuperFrameSender : IDisposable
{
    private readonly PacketSocket _socket;
    private readonly GreSegmentationOffload _program;
    private long _sent;
    private long _errors;

    private SuperFrameSender(PacketSocket socket, GreSegmentationOffload program)
    {
        _socket = socket;
        _program = program;
    }

    /// <summary>Super-frames sent.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Super-frames the socket refused or that were not NVGRE around TCP.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Super-frames the egress program marked for segmentation.</summary>
    public long Encapsulated => _program.Encapsulated;

    /// <summary>Super-frames the egress program could not mark.</summary>
    public long Refused => _program.Failed;

    /// <summary>Opens the socket and attaches the program; null with the reason where the kernel cannot (before 6.6, no BPF).</summary>
    public static SuperFrameSender? TryOpen(string interfaceName, int socketBufferBytes, out string? problem)
    {
        // No qdisc bypass: the tcx egress hook runs in the queueing path the bypass skips.
        var socket = PacketSocket.Open(interfaceName, PacketSocketOptions.NonBlocking | PacketSocketOptions.VirtioHeader | PacketSocketOptions.SendOnly);
        try
        {
            socket.SetBufferSizes(0, socketBufferBytes);
            problem = null;
            return new SuperFrameSender(socket, GreSegmentationOffload.Attach(socket.InterfaceIndex, socket));
        }
        catch (LinuxException e)
        {
            socket.Dispose();
            problem = e.Message;
            return null;
        }
    }

    /// <summary>
    /// Sends <paramref name="buffer"/>'s super-frame behind <paramref name="ethernetAddresses"/>, with a virtio header
    /// that says where its inner TCP header is and how long each segment's payload is. The caller flushed what the
    /// same writer queued before, so a flow's order holds.
    /// </summary>
    public bool Send(ReadOnlySpan<byte> ethernetAddresses, PacketBuffer buffer)
    {
        var packet = buffer.Data;
        if (!InnerTcp.TryLocate(buffer, out var innerStart, out var tcp))
        {
            Interlocked.Increment(ref _errors);
            return false;
        }

        var inner = IpFrame.EthernetLength + innerStart;
        var gsoType = tcp.IsV6 ? VirtioNetHeader.GsoTcpV6 : VirtioNetHeader.GsoTcpV4;
        if ((tcp.Flags(packet[innerStart..]) & TcpFrame.FlagCwr) != 0)
        {
            gsoType |= VirtioNetHeader.GsoEcn; // as the VM's own kernel marks a super-frame that starts with CWR
        }

        Span<byte> header = stackalloc byte[VirtioNetHeader.Length + IpFrame.EthernetLength];
        new VirtioNetHeader(VirtioNetHeader.NeedsChecksum, gsoType, (ushort)(inner + tcp.HeaderLength), (ushort)buffer.SegmentSize,
            (ushort)(inner + tcp.TcpStart), TcpFrame.ChecksumOffset).Write(header);
        var ethernet = header[VirtioNetHeader.Length..];
        ethernetAddresses.CopyTo(ethernet);
        IpFrame.WriteEtherType(ethernet, packet);
        if (!_socket.Send(header, packet).IsSuccess)
        {
            Interlocked.Increment(ref _errors);
            return false;
        }

        Interlocked.Increment(ref _sent);
        return true;
    }

    public void Dispose()
    {
        _program.Dispose();
        _socket.Dispose();
    }
}
