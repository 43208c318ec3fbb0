using System.Net.Sockets;
using System.Runtime.InteropServices;
using Hnv.Dataplane.Ports;
using Hnv.Forwarding.Buffers;
using Hnv.Linux;
using Hnv.Linux.Filters;
using Hnv.Linux.Links;
using Hnv.Linux.Sockets;
using Hnv.Wire.Addressing;
using Hnv.Wire.Ip;

namespace Hnv.Dataplane.Linux;

/// <summary>
/// The fast underlay (DATAPLANE-IO.md's second lever): one AF_PACKET socket on the underlay interface.
/// Sends skip the kernel's IP output path and qdisc (PACKET_QDISC_BYPASS): the agent writes the outer Ethernet
/// header itself, with the next hop's MAC from <see cref="NextHopCache"/>, and sends a batch with one sendmmsg.
/// Receives take a batch with one recvmmsg; a BPF filter queues only GRE to this host's PAs, so the host's other
/// traffic never wakes the worker. The kernel sees the same GRE too. A tc ingress filter
/// (<see cref="BpfProgram.DropGreTo"/>) drops it after this socket's copy and before the IP stack, which would
/// otherwise route and deliver every packet a second time: that cost a quarter of the throughput. Where tc cannot
/// (no clsact or cls_bpf), a raw GRE socket per PA family that rejects everything (<see cref="BpfProgram.RejectAll"/>)
/// still keeps the kernel from answering ICMP "protocol unreachable". Those sockets also carry the packets whose
/// next hop is not resolved yet, through the kernel's IP path.
/// </summary>
public sealed class PacketUnderlayPort : IUnderlayPort
{
    /// <summary>Socket queues: room for bursts while the worker serves the other direction.</summary>
    private const int SocketBufferBytes = 4 << 20;

    private const int BatchSize = 64;

    /// <summary>The tc preference of the ingress drop: fixed, so a restarted agent replaces its own filter.</summary>
    public const int IngressPreference = 47;

    private readonly string _interfaceName;
    private readonly bool _ingressDrop;
    private readonly string _namespace = NetworkNamespace.Current();
    private readonly PacketSocket _socket;
    private readonly GreSocket? _kernelV4;
    private readonly GreSocket? _kernelV6;
    private readonly NextHopCache _nextHops;
    private readonly PacketBatch _receive;
    private readonly PacketBatch _send;
    private readonly SafeHandle[] _handles;
    private int _received;
    private int _cursor;
    private int _queued;
    private bool _disposed;

    /// <summary>Opens the port on <paramref name="interfaceName"/> for the PAs given, in the calling thread's namespace.</summary>
    public PacketUnderlayPort(string interfaceName, int mtu, IpAddress? providerAddressV4, IpAddress? providerAddressV6)
    {
        _interfaceName = interfaceName;
        var slot = Math.Max(2048, mtu + 64);
        _receive = new PacketBatch(BatchSize, slot);
        _send = new PacketBatch(BatchSize, slot);
        try
        {
            _kernelV4 = providerAddressV4 is { } v4 ? KernelSocket(AddressFamily.InterNetwork, v4) : null;
            _kernelV6 = providerAddressV6 is { } v6 ? KernelSocket(AddressFamily.InterNetworkV6, v6) : null;
            _socket = PacketSocket.Open(interfaceName, PacketSocketOptions.Default | PacketSocketOptions.NonBlocking,
                BpfProgram.GreToEthernet(providerAddressV4?.ToIPAddress(), providerAddressV6?.ToIPAddress()));
            _socket.SetBufferSizes(SocketBufferBytes, SocketBufferBytes);
            _nextHops = new NextHopCache(interfaceName, new Link(interfaceName).Show().MacAddress.GetAddressBytes());
            IngressDropProblem = InstallIngressDrop(providerAddressV4, providerAddressV6);
            _ingressDrop = IngressDropProblem is null;
        }
        catch
        {
            Dispose();
            throw;
        }

        _handles = [_socket.Handle];
    }

    /// <inheritdoc />
    public IReadOnlyList<SafeHandle> Handles => _handles;

    /// <summary>Where next hops come from; <see cref="NextHopCache.Want"/> resolves PAs ahead of their first packet.</summary>
    public NextHopCache NextHops => _nextHops;

    /// <summary>
    /// Why the tc ingress drop could not be installed (the kernel then routes every received packet too, and only
    /// the rejecting raw sockets keep it quiet); null when it is in place.
    /// </summary>
    public string? IngressDropProblem { get; }

    /// <summary>Sends that failed (socket error, too big), at <see cref="Send"/> or at <see cref="Flush"/>.</summary>
    public long SendErrors { get; private set; }

    /// <inheritdoc />
    public long FailedFlushedSends { get; private set; }

    /// <summary>Receives that failed for a reason other than "nothing waiting".</summary>
    public long ReceiveErrors { get; private set; }

    /// <summary>Packets sent through the kernel's IP path because their next hop was not resolved yet.</summary>
    public long KernelPathSends { get; private set; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, long> IoCounters => new Dictionary<string, long>
    {
        ["sendErrors"] = SendErrors,
        ["receiveErrors"] = ReceiveErrors,
        ["kernelPathSends"] = KernelPathSends,
        ["ingressDrop"] = _ingressDrop ? 1 : 0,
    };

    /// <inheritdoc />
    public bool TryReceive(PacketBuffer buffer)
    {
        while (true)
        {
            if (_cursor >= _received && !ReceiveBatch())
            {
                return false;
            }

            var frame = _receive.Packet(_cursor++);
            if (frame.Length <= EthernetHeaderLength || frame.Length - EthernetHeaderLength > buffer.ReceiveSpan.Length)
            {
                continue;
            }

            frame[EthernetHeaderLength..].CopyTo(buffer.ReceiveSpan);
            buffer.Offset = PacketBuffer.Headroom;
            buffer.Length = frame.Length - EthernetHeaderLength;
            return true;
        }
    }

    /// <inheritdoc />
    public bool Send(IpAddress providerAddress, PacketBuffer buffer)
    {
        if (!_nextHops.TryGet(providerAddress, out var addresses))
        {
            return SendThroughKernel(providerAddress, buffer);
        }

        var packet = buffer.Data;
        if (packet.Length + EthernetHeaderLength > _send.SlotSize || packet.Length == 0)
        {
            SendErrors++;
            return false;
        }

        if (_queued == _send.Capacity)
        {
            Flush();
        }

        var slot = _send.Slot(_queued);
        addresses.CopyTo(slot);
        slot[12] = (byte)(packet[0] >> 4 == 6 ? 0x86 : 0x08);
        slot[13] = (byte)(packet[0] >> 4 == 6 ? 0xDD : 0x00);
        packet.CopyTo(slot[EthernetHeaderLength..]);
        _send.SetPacket(_queued, 0, EthernetHeaderLength + packet.Length);
        _queued++;
        return true;
    }

    /// <inheritdoc />
    public void Flush()
    {
        var start = 0;
        while (start < _queued)
        {
            var result = _socket.SendBatch(_send, start, _queued - start);
            if (result.IsSuccess && result.Count == _queued - start)
            {
                break;
            }

            // The message at start + Count failed (or the first, on an error): count it and go on after it.
            SendErrors++;
            FailedFlushedSends++;
            start += (result.IsSuccess ? result.Count : 0) + 1;
        }

        _queued = 0;
    }

    /// <inheritdoc />
    public void Expect(IEnumerable<IpAddress> providerAddresses) => _nextHops.Want(providerAddresses);

    /// <summary>
    /// Closes the sockets and, when called in the namespace the port was opened in (as the agent does), removes the
    /// ingress drop; elsewhere the drop stays (it only ever concerns GRE to this host's PAs) until an agent replaces it.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // Only from the namespace the port was opened in: elsewhere the interface name may be another's.
        if (_ingressDrop && NetworkNamespace.Current() == _namespace)
        {
            try
            {
                IngressFilter.Remove(_interfaceName, IngressPreference);
            }
            catch (LinuxException)
            {
                // The interface went away with its filters, or someone removed ours: nothing is left to undo.
            }
        }

        _nextHops?.Dispose();
        _socket?.Dispose();
        _kernelV4?.Dispose();
        _kernelV6?.Dispose();
        _receive.Dispose();
        _send.Dispose();
    }

    private const int EthernetHeaderLength = 14;

    private static GreSocket KernelSocket(AddressFamily family, IpAddress providerAddress)
    {
        var socket = GreSocket.Open(family, providerAddress.ToIPAddress(), nonBlocking: true);
        socket.SetFilter(BpfProgram.RejectAll);
        return socket;
    }

    private string? InstallIngressDrop(IpAddress? v4, IpAddress? v6)
    {
        try
        {
            IngressFilter.Install(_interfaceName, IngressPreference, BpfProgram.DropGreTo(v4?.ToIPAddress(), v6?.ToIPAddress()));
            return null;
        }
        catch (LinuxException e)
        {
            return e.Message;
        }
    }

    private bool ReceiveBatch()
    {
        _received = _cursor = 0;
        var result = _socket.ReceiveBatch(_receive);
        if (!result.IsSuccess)
        {
            if (result.Error is not (IoError.WouldBlock or IoError.Interrupted))
            {
                ReceiveErrors++;
            }

            return false;
        }

        _received = result.Count;
        return _received > 0;
    }

    private bool SendThroughKernel(IpAddress providerAddress, PacketBuffer buffer)
    {
        KernelPathSends++;
        var socket = providerAddress.IsV6 ? _kernelV6 : _kernelV4;
        var outerHeader = providerAddress.IsV6 ? Ipv6Header.Length : Ipv4Header.MinLength;
        Span<byte> destination = stackalloc byte[16];
        providerAddress.Write(destination);
        if (socket is not null && buffer.Length > outerHeader
            && socket.Send(destination[..providerAddress.ByteLength], buffer.Data[outerHeader..]).IsSuccess)
        {
            return true;
        }

        SendErrors++;
        return false;
    }
}
