using System.Net.Sockets;
using System.Runtime.InteropServices;
using Hnv.Dataplane.Linux.Offloads;
using Hnv.Dataplane.Ports;
using Hnv.Forwarding.Buffers;
using Hnv.Linux;
using Hnv.Linux.Ebpf;
using Hnv.Linux.Filters;
using Hnv.Linux.Links;
using Hnv.Linux.Sockets;
using Hnv.Wire.Addressing;
using Hnv.Wire.Ip;
using Hnv.Wire.Offloads;

namespace Hnv.Dataplane.Linux.Underlay;

/// <summary>
/// The fast underlay (docs/decisions/0005-dataplane-io.md: the second lever): one AF_PACKET socket on the underlay interface.
/// Sends skip the kernel's IP output path and qdisc (PACKET_QDISC_BYPASS): the agent writes the outer Ethernet
/// header itself, with the next hop's MAC from <see cref="NextHopCache"/>, and sends a batch with one sendmmsg.
/// Receives take a batch with one recvmmsg; a BPF filter queues only GRE to this host's PAs, so the host's other
/// traffic never wakes the worker. The kernel sees the same GRE too. A tc ingress filter
/// (<see cref="BpfProgram.DropGreTo"/>) drops it after this socket's copy and before the IP stack, which would
/// otherwise route and deliver every packet a second time: that cost a quarter of the throughput. Where tc cannot
/// (no clsact or cls_bpf), a raw GRE socket per PA family that rejects everything (<see cref="BpfProgram.RejectAll"/>)
/// still keeps the kernel from answering ICMP "protocol unreachable". Those sockets also carry the packets whose
/// next hop is not resolved yet, through the kernel's IP path.
/// The socket carries a virtio header (PACKET_VNET_HDR) because a NIC with GRO on, the default on physical NICs,
/// merges one flow's NVGRE segments into a super-frame of up to 64 KiB: each receive slot holds one whole. A
/// super-frame of TCP as GRO builds it goes to the pipeline whole (<see cref="PacketBuffer.SegmentSize"/>) and to the
/// VM in one write (<see cref="NvgreSuperFrame"/>); any other <see cref="NvgreSegmenter"/> splits back into the
/// packets the sender sent. A frame whose inner checksum the kernel left unfinished is finished here. Without this,
/// a GRO'd frame was cut at the slot's end and TCP stopped.
/// Sends leave through a second, send-only socket (<see cref="PacketSocketOptions.SendOnly"/>): a sent frame is
/// freed where it ends (on a veth fabric, in the receiving host's softirq, run by this sender), and freeing it tells
/// the socket that sent it there is room to write. When that was the receive socket too, watched by a worker's epoll,
/// every frame ran the epoll callback (two locks): 8 % of the sending worker's time; without it TCP carried 5 % more
/// (bench/README.md).
/// A TCP super-frame the VM's kernel handed over whole (<see cref="PacketBuffer.SegmentSize"/>) leaves whole too, through a
/// third socket without the qdisc bypass: <see cref="GreSegmentationOffload"/>, on the interface's tcx egress hook, marks it
/// as a GRE tunnel's GSO packet, so the NIC (or the kernel, for a device without GRE segmentation offload) cuts it into
/// NVGRE packets of the underlay's MTU. One send per 64 KiB instead of some 45, each of which paid the kernel's whole
/// send path and, on a veth fabric, the receiving host's too (bench/README.md). Where the program cannot be attached
/// (a kernel before 6.6, no BPF), <see cref="TakesSuperFrames"/> is false and the VM ports split super-frames as before.
/// (That part is in PacketUnderlayPort.SuperFrames.cs.)
/// One worker receives; each writer (<see cref="IVmPort.MaxWriters"/>) queues its sends in its own batch, and
/// sendmmsg on one socket from two threads at once is safe, each message being one frame.
/// </summary>
public sealed partial class PacketUnderlayPort : IUnderlayPort
{
    /// <summary>Socket queues: room for bursts while the worker serves the other direction.</summary>
    private const int SocketBufferBytes = 4 << 20;

    private const int BatchSize = 64;

    /// <summary>
    /// A receive slot: the virtio header and the largest frame GRO builds (64 KiB from the outer IP header on,
    /// the kernel's default gro_max_size). A larger one (an administrator raised gro_max_size) is counted and dropped.
    /// </summary>
    private const int ReceiveSlotSize = VirtioNetHeader.Length + EthernetHeaderLength + 65536 + 64;

    /// <summary>The tc preference of the ingress drop: fixed, so a restarted agent replaces its own filter.</summary>
    public const int IngressPreference = 47;

    private readonly string _interfaceName;
    private readonly bool _ingressDrop;
    private readonly string _namespace = NetworkNamespace.Current();
    private readonly PacketSocket _socket;
    private readonly PacketSocket _sender;
    private readonly PacketSocket? _superFrameSender;
    private readonly GreSegmentationOffload? _segmentation;
    private readonly GreSocket? _kernelV4;
    private readonly GreSocket? _kernelV6;
    private readonly NextHopCache _nextHops;
    private readonly PacketBatch _receive;
    private readonly PacketBatch[] _sends = new PacketBatch[IVmPort.MaxWriters];
    private readonly int[] _queued = new int[IVmPort.MaxWriters];
    private readonly NvgreSegmenter _segmenter = new();
    private readonly KernelPathSplit[] _kernelPathSplits = new KernelPathSplit[IVmPort.MaxWriters]; // per writer, as _sends
    private readonly SafeHandle[] _handles;
    private int _received;
    private int _cursor;
    private int _superFrameSlot;
    private long _sendErrors;
    private long _failedFlushedSends;
    private long _kernelPathSends;
    private long _superFramesSent;
    private bool _disposed;

    /// <summary>
    /// Opens the port on <paramref name="interfaceName"/> for the PAs given, in the calling thread's namespace; with
    /// <paramref name="segmentationOffload"/>, TCP super-frames are sent whole for the kernel to segment (when it can).
    /// </summary>
    public PacketUnderlayPort(string interfaceName, int mtu, IpAddress? providerAddressV4, IpAddress? providerAddressV6, bool segmentationOffload = true)
    {
        _interfaceName = interfaceName;
        _receive = new PacketBatch(BatchSize, ReceiveSlotSize);
        for (var w = 0; w < _sends.Length; w++)
        {
            _kernelPathSplits[w] = new KernelPathSplit(Math.Max(2048, mtu + 128));
            _sends[w] = new PacketBatch(BatchSize, Math.Max(2048, mtu + 64));
            for (var i = 0; i < BatchSize; i++)
            {
                _sends[w].Slot(i)[..VirtioNetHeader.Length].Clear(); // every send asks for no offload
            }
        }

        try
        {
            _kernelV4 = providerAddressV4 is { } v4 ? KernelSocket(AddressFamily.InterNetwork, v4) : null;
            _kernelV6 = providerAddressV6 is { } v6 ? KernelSocket(AddressFamily.InterNetworkV6, v6) : null;
            _socket = PacketSocket.Open(interfaceName, PacketSocketOptions.Default | PacketSocketOptions.NonBlocking | PacketSocketOptions.VirtioHeader,
                BpfProgram.GreToEthernet(providerAddressV4?.ToIPAddress(), providerAddressV6?.ToIPAddress()));
            _socket.SetBufferSizes(SocketBufferBytes, 0);
            _sender = PacketSocket.Open(interfaceName, PacketSocketOptions.QdiscBypass | PacketSocketOptions.NonBlocking | PacketSocketOptions.VirtioHeader
                | PacketSocketOptions.SendOnly);
            _sender.SetBufferSizes(0, SocketBufferBytes);
            _nextHops = new NextHopCache(interfaceName, new Link(interfaceName).Show().MacAddress.GetAddressBytes());
            IngressDropProblem = InstallIngressDrop(providerAddressV4, providerAddressV6);
            _ingressDrop = IngressDropProblem is null;
            if (segmentationOffload)
            {
                (_superFrameSender, _segmentation, SegmentationProblem) = OpenSegmentation(interfaceName);
            }
            else
            {
                SegmentationProblem = "turned off in the configuration (underlay.gso: false)";
            }
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

    /// <summary>
    /// True when <see cref="Send"/> takes TCP super-frames whole and the kernel segments them
    /// (<see cref="GreSegmentationOffload"/> is attached); VM ports then hand them over unsplit.
    /// </summary>
    public bool TakesSuperFrames => _segmentation is not null;

    /// <summary>Why super-frames are not sent whole (the kernel could not attach the program, or the configuration said no); null when they are.</summary>
    public string? SegmentationProblem { get; }

    /// <summary>TCP super-frames sent whole, for the kernel to segment.</summary>
    public long SuperFramesSent => Interlocked.Read(ref _superFramesSent);

    /// <summary>Sends that failed (socket error, too big), at <see cref="Send"/> or at <see cref="Flush"/>.</summary>
    public long SendErrors => Interlocked.Read(ref _sendErrors);

    /// <inheritdoc />
    public long FailedFlushedSends => Interlocked.Read(ref _failedFlushedSends);

    /// <summary>Receives that failed for a reason other than "nothing waiting".</summary>
    public long ReceiveErrors { get; private set; }

    /// <summary>Packets sent through the kernel's IP path because their next hop was not resolved yet.</summary>
    public long KernelPathSends => Interlocked.Read(ref _kernelPathSends);

    /// <summary>Super-frames the NIC's GRO had merged.</summary>
    public long SuperFramesReceived => WholeSuperFrames + _segmenter.SuperFrames;

    /// <summary>Those handed to the pipeline whole, for the VM to take in one write (<see cref="NvgreSuperFrame"/>).</summary>
    public long WholeSuperFrames { get; private set; }

    /// <summary>Packets split out of the others.</summary>
    public long SegmentsSplit => _segmenter.Segments;

    /// <summary>Frames larger than a receive slot (dropped).</summary>
    public long TruncatedFrames { get; private set; }

    /// <summary>
    /// Frames dropped because their virtio header did not fit them: a super-frame that is not NVGRE around TCP, or
    /// a checksum to finish outside the frame.
    /// </summary>
    public long MalformedOffloads { get; private set; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, long> IoCounters => new Dictionary<string, long>
    {
        ["sendErrors"] = SendErrors,
        ["receiveErrors"] = ReceiveErrors,
        ["kernelPathSends"] = KernelPathSends,
        ["ingressDrop"] = _ingressDrop ? 1 : 0,
        ["superFramesReceived"] = SuperFramesReceived,
        ["superFramesWhole"] = WholeSuperFrames,
        ["segmentsSplit"] = SegmentsSplit,
        ["truncatedFrames"] = TruncatedFrames,
        ["malformedOffloads"] = MalformedOffloads,
        ["segmentationOffload"] = TakesSuperFrames ? 1 : 0,
        ["superFramesSent"] = SuperFramesSent,
        ["superFramesEncapsulated"] = _segmentation?.Encapsulated ?? 0,
        ["superFramesRefused"] = _segmentation?.Failed ?? 0,
    };

    /// <inheritdoc />
    public bool TryReceive(PacketBuffer buffer)
    {
        while (true)
        {
            if (_segmenter.HasPending)
            {
                // The slot stays as received until its last segment is out: the next batch comes after.
                var superFrame = _receive.Packet(_superFrameSlot)[VirtioNetHeader.Length..];
                if (_segmenter.TryNext(superFrame, buffer))
                {
                    return true;
                }

                continue;
            }

            if (_cursor >= _received && !ReceiveBatch())
            {
                return false;
            }

            var index = _cursor++;
            if (Accept(index, buffer))
            {
                return true;
            }
        }
    }

    /// <inheritdoc />
    public bool Send(IpAddress providerAddress, PacketBuffer buffer, int writer = 0)
    {
        if (!_nextHops.TryGet(providerAddress, out var addresses))
        {
            return buffer.SegmentSize > 0 ? SplitThroughKernel(providerAddress, buffer, writer) : SendThroughKernel(providerAddress, buffer.Data);
        }

        if (buffer.SegmentSize > 0)
        {
            return SendSuperFrame(addresses, buffer, writer);
        }

        var send = _sends[writer];
        var packet = buffer.Data;
        if (VirtioNetHeader.Length + EthernetHeaderLength + packet.Length > send.SlotSize || packet.Length == 0)
        {
            Interlocked.Increment(ref _sendErrors);
            return false;
        }

        if (_queued[writer] == send.Capacity)
        {
            Flush(writer);
        }

        // The slot starts with the zeroed virtio header; the frame follows it.
        var queued = _queued[writer];
        var frame = send.Slot(queued)[VirtioNetHeader.Length..];
        addresses.CopyTo(frame);
        IpFrame.WriteEtherType(frame, packet);
        packet.CopyTo(frame[EthernetHeaderLength..]);
        send.SetPacket(queued, 0, VirtioNetHeader.Length + EthernetHeaderLength + packet.Length);
        _queued[writer] = queued + 1;
        return true;
    }

    /// <inheritdoc />
    public void Flush(int writer = 0)
    {
        var send = _sends[writer];
        var queued = _queued[writer];
        var start = 0;
        while (start < queued)
        {
            var result = _sender.SendBatch(send, start, queued - start);
            if (result.IsSuccess && result.Count == queued - start)
            {
                break;
            }

            // The message at start + Count failed (or the first, on an error): count it and go on after it.
            Interlocked.Increment(ref _sendErrors);
            Interlocked.Increment(ref _failedFlushedSends);
            start += (result.IsSuccess ? result.Count : 0) + 1;
        }

        _queued[writer] = 0;
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
        _sender?.Dispose();
        _segmentation?.Dispose();
        _superFrameSender?.Dispose();
        _kernelV4?.Dispose();
        _kernelV6?.Dispose();
        _receive.Dispose();
        foreach (var send in _sends)
        {
            send?.Dispose();
        }
    }

    private const int EthernetHeaderLength = IpFrame.EthernetLength;

    /// <summary>
    /// Takes received message <paramref name="index"/>: a plain frame is loaded into <paramref name="buffer"/>
    /// (its checksum finished if the kernel left it), a super-frame starts the segmenter; false when nothing was loaded.
    /// </summary>
    private bool Accept(int index, PacketBuffer buffer)
    {
        if (_receive.IsTruncated(index))
        {
            TruncatedFrames++;
            return false;
        }

        var message = _receive.Packet(index);
        if (!VirtioNetHeader.TryRead(message, out var header) || message.Length <= VirtioNetHeader.Length + EthernetHeaderLength)
        {
            MalformedOffloads++;
            return false;
        }

        var frame = message[VirtioNetHeader.Length..];
        if ((header.GsoType & ~VirtioNetHeader.GsoEcn) != VirtioNetHeader.GsoNone)
        {
            if (frame.Length - EthernetHeaderLength <= buffer.ReceiveSpan.Length && NvgreSuperFrame.TryPrepare(frame, header, out var segments))
            {
                WholeSuperFrames++;
                Load(frame, buffer);
                buffer.SegmentSize = header.GsoSize;
                buffer.Segments = segments;
                return true;
            }

            if (_segmenter.Start(frame, header))
            {
                _superFrameSlot = index;
            }
            else
            {
                MalformedOffloads++;
            }

            return false;
        }

        if ((header.Flags & VirtioNetHeader.NeedsChecksum) != 0 && !ChecksumCompletion.TryComplete(frame, header))
        {
            MalformedOffloads++;
            return false;
        }

        if (frame.Length - EthernetHeaderLength > buffer.ReceiveSpan.Length)
        {
            TruncatedFrames++;
            return false;
        }

        Load(frame, buffer);
        return true;
    }

    /// <summary>Loads <paramref name="frame"/> from its outer IP header on, as the pipeline takes it.</summary>
    private static void Load(ReadOnlySpan<byte> frame, PacketBuffer buffer)
    {
        frame[EthernetHeaderLength..].CopyTo(buffer.ReceiveSpan);
        buffer.Offset = PacketBuffer.Headroom;
        buffer.Length = frame.Length - EthernetHeaderLength;
    }

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

    private bool SendThroughKernel(IpAddress providerAddress, ReadOnlySpan<byte> packet)
    {
        Interlocked.Increment(ref _kernelPathSends);
        var socket = providerAddress.IsV6 ? _kernelV6 : _kernelV4;
        var outerHeader = providerAddress.IsV6 ? Ipv6Header.Length : Ipv4Header.MinLength;
        Span<byte> destination = stackalloc byte[16];
        providerAddress.Write(destination);
        if (socket is not null && packet.Length > outerHeader
            && socket.Send(destination[..providerAddress.ByteLength], packet[outerHeader..]).IsSuccess)
        {
            return true;
        }

        Interlocked.Increment(ref _sendErrors);
        return false;
    }
}
