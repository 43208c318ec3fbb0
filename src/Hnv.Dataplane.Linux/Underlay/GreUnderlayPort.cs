using System.Net.Sockets;
using System.Runtime.InteropServices;
using Hnv.Dataplane.Linux.Offloads;
using Hnv.Dataplane.Ports;
using Hnv.Forwarding.Buffers;
using Hnv.Linux;
using Hnv.Linux.Sockets;
using Hnv.Wire.Addressing;
using Hnv.Wire.Ip;

namespace Hnv.Dataplane.Linux.Underlay;

/// <summary>
/// The simple underlay: raw IPPROTO_GRE sockets (one per PA family), so the kernel routes, resolves next hops
/// and writes the outer IP header. The pipeline's own outer header is skipped on send; on receive, IPv4 raw
/// sockets hand over the outer header as it came, and for IPv6 (whose raw sockets strip it) an equivalent
/// header is written into the headroom, so the pipeline always reads a whole outer IP packet.
/// docs/decisions/0005-dataplane-io.md records AF_PACKET 1.76x faster; that port replaces this one behind the same interface.
/// A NIC with GRO on merges one flow's NVGRE segments, and the kernel hands the socket the merged packet, longer
/// than the underlay MTU and with the inner TCP checksum perhaps left unfinished. Nothing says where the sender cut
/// it, so <see cref="NvgreSegmenter"/> splits it into packets that fit the MTU, each with its checksum computed.
/// Sends go out at once, so any number of writers may send (one syscall per packet is safe from two threads).
/// </summary>
public sealed class GreUnderlayPort : IUnderlayPort
{
    private readonly GreSocket? _v4;
    private readonly GreSocket? _v6;
    private readonly IpAddress _localV6;
    private readonly SafeHandle[] _handles;
    private readonly int _mtu;
    private readonly NvgreSegmenter _segmenter = new();
    private readonly byte[] _superFrame = new byte[EthernetLength + PacketBuffer.MaxFrameLength];
    private int _superFrameLength;

    /// <summary>
    /// Opens a socket for each PA given, bound to it, in the calling thread's network namespace. A packet longer
    /// than <paramref name="mtu"/> (the underlay's) was merged on the way in and is split back.
    /// </summary>
    public GreUnderlayPort(IpAddress? providerAddressV4, IpAddress? providerAddressV6, int mtu = 1500)
    {
        _mtu = mtu;
        if (providerAddressV4 is { } v4)
        {
            _v4 = GreSocket.Open(AddressFamily.InterNetwork, v4.ToIPAddress(), nonBlocking: true);
        }

        if (providerAddressV6 is { } v6)
        {
            _v6 = GreSocket.Open(AddressFamily.InterNetworkV6, v6.ToIPAddress(), nonBlocking: true);
            _localV6 = v6;
        }

        _handles = [.. new[] { _v4?.Handle, _v6?.Handle }.OfType<SafeHandle>()];
    }

    /// <inheritdoc />
    public IReadOnlyList<SafeHandle> Handles => _handles;

    /// <summary>Sends that failed (no route, too big, socket error).</summary>
    public long SendErrors => Interlocked.Read(ref _sendErrors);

    private long _sendErrors;

    /// <summary>Receives that failed for a reason other than "nothing waiting".</summary>
    public long ReceiveErrors { get; private set; }

    /// <summary>Packets longer than the MTU (merged by the NIC's GRO), split back here.</summary>
    public long SuperFramesReceived => _segmenter.SuperFrames;

    /// <summary>Packets split out of those.</summary>
    public long SegmentsSplit => _segmenter.Segments;

    /// <summary>Packets longer than the receive buffer (dropped).</summary>
    public long TruncatedFrames { get; private set; }

    /// <summary>Packets longer than the MTU that are not NVGRE around TCP (dropped: nothing merges such).</summary>
    public long MalformedOffloads { get; private set; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, long> IoCounters => new Dictionary<string, long>
    {
        ["sendErrors"] = SendErrors,
        ["receiveErrors"] = ReceiveErrors,
        ["superFramesReceived"] = SuperFramesReceived,
        ["segmentsSplit"] = SegmentsSplit,
        ["truncatedFrames"] = TruncatedFrames,
        ["malformedOffloads"] = MalformedOffloads,
    };

    /// <inheritdoc />
    public bool TryReceive(PacketBuffer buffer)
    {
        while (true)
        {
            if (_segmenter.HasPending)
            {
                if (_segmenter.TryNext(_superFrame.AsSpan(0, _superFrameLength), buffer))
                {
                    return true;
                }

                continue;
            }

            if (!(_v4 is not null && ReceiveV4(buffer)) && !(_v6 is not null && ReceiveV6(buffer)))
            {
                return false;
            }

            if (buffer.Length <= _mtu)
            {
                return true;
            }

            Split(buffer);
        }
    }

    /// <inheritdoc />
    public bool Send(IpAddress providerAddress, PacketBuffer buffer, int writer = 0)
    {
        var socket = providerAddress.IsV6 ? _v6 : _v4;
        var outerHeader = providerAddress.IsV6 ? Ipv6Header.Length : Ipv4Header.MinLength;
        Span<byte> destination = stackalloc byte[16];
        providerAddress.Write(destination);
        if (socket is not null && buffer.Length > outerHeader
            && socket.Send(destination[..providerAddress.ByteLength], buffer.Data[outerHeader..]).IsSuccess)
        {
            return true;
        }

        Interlocked.Increment(ref _sendErrors);
        return false;
    }

    /// <inheritdoc />
    public void Flush(int writer = 0)
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _v4?.Dispose();
        _v6?.Dispose();
    }

    private const int EthernetLength = IpFrame.EthernetLength;

    /// <summary>Keeps the merged packet in <paramref name="buffer"/> (outer IP first) aside, behind an Ethernet header, and starts splitting it.</summary>
    private void Split(PacketBuffer buffer)
    {
        var packet = buffer.Data;
        _superFrame.AsSpan(0, 12).Clear();
        IpFrame.WriteEtherType(_superFrame, packet);
        packet.CopyTo(_superFrame.AsSpan(EthernetLength));
        _superFrameLength = EthernetLength + packet.Length;
        if (!_segmenter.Start(_superFrame.AsSpan(0, _superFrameLength), _mtu))
        {
            MalformedOffloads++;
        }
    }

    private bool ReceiveV4(PacketBuffer buffer)
    {
        Span<byte> source = stackalloc byte[16];
        var result = _v4!.Receive(buffer.ReceiveSpan, source, out _);
        if (!Received(result))
        {
            return false;
        }

        buffer.Offset = PacketBuffer.Headroom;
        buffer.Length = result.Count;
        return true;
    }

    private bool ReceiveV6(PacketBuffer buffer)
    {
        Span<byte> source = stackalloc byte[16];
        var result = _v6!.Receive(buffer.ReceiveSpan, source, out _);
        if (!Received(result))
        {
            return false;
        }

        // Only packets for a bound socket's address arrive here, so the destination is this host's PA.
        var start = PacketBuffer.Headroom - Ipv6Header.Length;
        Ipv6Header.Write(buffer.All[start..], IpAddress.ReadV6(source), _localV6, IpProtocol.Gre, result.Count);
        buffer.Offset = start;
        buffer.Length = Ipv6Header.Length + result.Count;
        return true;
    }

    private bool Received(IoResult result)
    {
        if (result.IsSuccess)
        {
            return true;
        }

        if (result.Error == IoError.MessageTooLong)
        {
            TruncatedFrames++;
        }
        else if (result.Error is not (IoError.WouldBlock or IoError.Interrupted))
        {
            ReceiveErrors++;
        }

        return false;
    }
}
