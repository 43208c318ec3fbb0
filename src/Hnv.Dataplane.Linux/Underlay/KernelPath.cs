using System.Net.Sockets;
using Hnv.Dataplane.Linux.Offloads;
using Hnv.Dataplane.Ports;
using Hnv.Forwarding.Buffers;
using Hnv.Linux.Filters;
using Hnv.Linux.Sockets;
using Hnv.Wire.Addressing;
using Hnv.Wire.Ip;
using Hnv.Wire.Offloads;

namespace Hnv.Dataplane.Linux.Underlay;

/// <summary>
/// The kernel's IP path, through a raw GRE socket per PA family: it carries the packets whose next hop is not resolved
/// yet (a super-frame split into packets first, since that path takes packets). The sockets reject everything they
/// would receive (<see cref="BpfProgram.RejectAll"/>): they are there so the kernel knows GRE is handled here and never
/// answers "protocol unreachable".
/// </summary>
internal sealed class KernelPath : IDisposable
{
    private readonly GreSocket? _v4;
    private readonly GreSocket? _v6;
    private readonly Split[] _splits = new Split[IVmPort.MaxWriters]; // per writer, as the batched sender's batches
    private long _sends;
    private long _errors;

    public KernelPath(IpAddress? providerAddressV4, IpAddress? providerAddressV6, int mtu)
    {
        try
        {
            _v4 = providerAddressV4 is { } v4 ? Open(AddressFamily.InterNetwork, v4) : null;
            _v6 = providerAddressV6 is { } v6 ? Open(AddressFamily.InterNetworkV6, v6) : null;
        }
        catch
        {
            Dispose();
            throw;
        }

        for (var w = 0; w < _splits.Length; w++)
        {
            _splits[w] = new Split(Math.Max(2048, mtu + 128));
        }
    }

    /// <summary>Packets sent this way.</summary>
    public long Sends => Interlocked.Read(ref _sends);

    /// <summary>Packets this way refused (no socket for the family, too short, or a socket error).</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Sends an encapsulated packet: the kernel writes the outer IP header again, so only what follows it is handed over.</summary>
    public bool Send(IpAddress providerAddress, ReadOnlySpan<byte> packet)
    {
        Interlocked.Increment(ref _sends);
        var socket = providerAddress.IsV6 ? _v6 : _v4;
        var outerHeader = providerAddress.IsV6 ? Ipv6Header.Length : Ipv4Header.MinLength;
        Span<byte> destination = stackalloc byte[16];
        providerAddress.Write(destination);
        if (socket is not null && packet.Length > outerHeader
            && socket.Send(destination[..providerAddress.ByteLength], packet[outerHeader..]).IsSuccess)
        {
            return true;
        }

        Interlocked.Increment(ref _errors);
        return false;
    }

    /// <summary>Splits a super-frame into packets, each with its own lengths and a full checksum, and sends each.</summary>
    public bool SendSplit(IpAddress providerAddress, PacketBuffer buffer, int writer)
    {
        if (!InnerTcp.TryLocate(buffer, out _, out var tcp) || buffer.Offset < IpFrame.EthernetLength)
        {
            Interlocked.Increment(ref _errors);
            return false;
        }

        // The segmenter reads a frame from its Ethernet header on; only the EtherType of that header is looked at.
        var frame = buffer.All.Slice(buffer.Offset - IpFrame.EthernetLength, IpFrame.EthernetLength + buffer.Length);
        IpFrame.WriteEtherType(frame, buffer.Data);
        var split = _splits[writer];
        var header = new VirtioNetHeader(0, tcp.IsV6 ? VirtioNetHeader.GsoTcpV6 : VirtioNetHeader.GsoTcpV4, 0, (ushort)buffer.SegmentSize, 0, 0);
        if (!split.Segmenter.Start(frame, header))
        {
            Interlocked.Increment(ref _errors);
            return false;
        }

        var sent = true;
        while (split.Segmenter.TryNext(frame, split.Segment, out var length))
        {
            sent &= Send(providerAddress, split.Segment.AsSpan(IpFrame.EthernetLength, length - IpFrame.EthernetLength));
        }

        return sent;
    }

    public void Dispose()
    {
        _v4?.Dispose();
        _v6?.Dispose();
    }

    private static GreSocket Open(AddressFamily family, IpAddress providerAddress)
    {
        var socket = GreSocket.Open(family, providerAddress.ToIPAddress(), nonBlocking: true);
        socket.SetFilter(BpfProgram.RejectAll);
        return socket;
    }

    /// <summary>One writer's segmenter and segment buffer.</summary>
    private sealed class Split(int segmentBytes)
    {
        public NvgreSegmenter Segmenter { get; } = new();

        public byte[] Segment { get; } = new byte[segmentBytes];
    }
}
