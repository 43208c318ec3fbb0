using System.Runtime.InteropServices;
using Hnv.Dataplane.Ports;
using Hnv.Forwarding.Buffers;
using Hnv.Linux.Links;
using Hnv.Wire.Addressing;

namespace Hnv.Dataplane.Linux.Underlay;

/// <summary>
/// The fast underlay (docs/decisions/0005-dataplane-io.md): AF_PACKET on the underlay interface, the outer Ethernet
/// header written here with the next hop's MAC (<see cref="NextHopCache"/>). Its parts: the receiver
/// (<see cref="UnderlayReceiver"/>: batches, GRO super-frames), the batched packet sender (<see cref="BatchedSender"/>),
/// TCP super-frames sent whole for the kernel to segment (<see cref="SuperFrameSender"/>), the kernel's IP path for
/// packets whose next hop is not resolved yet (<see cref="KernelPath"/>), and the tc filter that keeps the kernel from
/// handling the same GRE a second time (<see cref="IngressDrop"/>).
/// </summary>
public sealed class PacketUnderlayPort : IUnderlayPort
{
    /// <summary>The tc preference of the ingress drop: fixed, so a restarted agent replaces its own filter.</summary>
    public const int IngressPreference = 47;

    /// <summary>Socket queues: room for bursts while the worker serves the other direction.</summary>
    private const int SocketBufferBytes = 4 << 20;

    private readonly KernelPath _kernelPath;
    private readonly UnderlayReceiver _receiver;
    private readonly BatchedSender _sender;
    private readonly NextHopCache _nextHops;
    private readonly IngressDrop? _ingressDrop;
    private readonly SuperFrameSender? _superFrames;
    private readonly SafeHandle[] _handles;
    private long _unsendableSuperFrames;
    private bool _disposed;

    /// <summary>
    /// Opens the port on <paramref name="interfaceName"/> for the PAs given, in the calling thread's namespace; with
    /// <paramref name="segmentationOffload"/>, TCP super-frames are sent whole for the kernel to segment (when it can).
    /// </summary>
    public PacketUnderlayPort(string interfaceName, int mtu, IpAddress? providerAddressV4, IpAddress? providerAddressV6, bool segmentationOffload = true)
    {
        try
        {
            _kernelPath = new KernelPath(providerAddressV4, providerAddressV6, mtu);
            _receiver = new UnderlayReceiver(interfaceName, providerAddressV4, providerAddressV6, SocketBufferBytes);
            _sender = new BatchedSender(interfaceName, mtu, SocketBufferBytes);
            _nextHops = new NextHopCache(interfaceName, new Link(interfaceName).Show().MacAddress.GetAddressBytes());
            _ingressDrop = IngressDrop.TryInstall(interfaceName, providerAddressV4, providerAddressV6, out var ingressProblem);
            IngressDropProblem = ingressProblem;
            if (segmentationOffload)
            {
                _superFrames = SuperFrameSender.TryOpen(interfaceName, SocketBufferBytes, out var segmentationProblem);
                SegmentationProblem = segmentationProblem;
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

        _handles = [_receiver.Handle];
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

    /// <summary>True when <see cref="Send"/> takes TCP super-frames whole and the kernel segments them; VM ports then hand them over unsplit.</summary>
    public bool TakesSuperFrames => _superFrames is not null;

    /// <summary>Why super-frames are not sent whole (the kernel could not attach the program, or the configuration said no); null when they are.</summary>
    public string? SegmentationProblem { get; }

    /// <summary>TCP super-frames sent whole, for the kernel to segment.</summary>
    public long SuperFramesSent => _superFrames?.Sent ?? 0;

    /// <summary>Sends that failed (socket error, too big), at <see cref="Send"/> or at <see cref="Flush"/>.</summary>
    public long SendErrors => _sender.Errors + (_superFrames?.Errors ?? 0) + _kernelPath.Errors + Interlocked.Read(ref _unsendableSuperFrames);

    /// <inheritdoc />
    public long FailedFlushedSends => _sender.FailedFlushes;

    /// <summary>Receives that failed for a reason other than "nothing waiting".</summary>
    public long ReceiveErrors => _receiver.Errors;

    /// <summary>Packets sent through the kernel's IP path because their next hop was not resolved yet.</summary>
    public long KernelPathSends => _kernelPath.Sends;

    /// <summary>Super-frames the NIC's GRO had merged.</summary>
    public long SuperFramesReceived => _receiver.WholeSuperFrames + _receiver.SplitSuperFrames;

    /// <summary>Those handed to the pipeline whole, for the VM to take in one write.</summary>
    public long WholeSuperFrames => _receiver.WholeSuperFrames;

    /// <summary>Packets split out of the others.</summary>
    public long SegmentsSplit => _receiver.SegmentsSplit;

    /// <summary>Frames larger than a receive slot (dropped).</summary>
    public long TruncatedFrames => _receiver.TruncatedFrames;

    /// <summary>
    /// Frames dropped because their virtio header did not fit them: a super-frame that is not NVGRE around TCP, or
    /// a checksum to finish outside the frame.
    /// </summary>
    public long MalformedOffloads => _receiver.MalformedOffloads;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, long> IoCounters => new Dictionary<string, long>
    {
        ["sendErrors"] = SendErrors,
        ["receiveErrors"] = ReceiveErrors,
        ["kernelPathSends"] = KernelPathSends,
        ["ingressDrop"] = _ingressDrop is null ? 0 : 1,
        ["superFramesReceived"] = SuperFramesReceived,
        ["superFramesWhole"] = WholeSuperFrames,
        ["segmentsSplit"] = SegmentsSplit,
        ["truncatedFrames"] = TruncatedFrames,
        ["malformedOffloads"] = MalformedOffloads,
        ["segmentationOffload"] = TakesSuperFrames ? 1 : 0,
        ["superFramesSent"] = SuperFramesSent,
        ["superFramesEncapsulated"] = _superFrames?.Encapsulated ?? 0,
        ["superFramesRefused"] = _superFrames?.Refused ?? 0,
    };

    /// <inheritdoc />
    public bool TryReceive(PacketBuffer buffer) => _receiver.TryReceive(buffer);

    /// <inheritdoc />
    public bool Send(IpAddress providerAddress, PacketBuffer buffer, int writer = 0)
    {
        if (!_nextHops.TryGet(providerAddress, out var addresses))
        {
            return buffer.SegmentSize > 0 ? _kernelPath.SendSplit(providerAddress, buffer, writer) : _kernelPath.Send(providerAddress, buffer.Data);
        }

        if (buffer.SegmentSize == 0)
        {
            return _sender.Queue(addresses, buffer.Data, writer);
        }

        if (_superFrames is null)
        {
            Interlocked.Increment(ref _unsendableSuperFrames); // a VM port splits them when the port cannot take them
            return false;
        }

        _sender.Flush(writer); // what this writer queued first: a flow's order holds
        return _superFrames.Send(addresses, buffer);
    }

    /// <inheritdoc />
    public void Flush(int writer = 0) => _sender.Flush(writer);

    /// <inheritdoc />
    public void Expect(IEnumerable<IpAddress> providerAddresses) => _nextHops.Want(providerAddresses);

    /// <summary>Closes the sockets and removes the ingress drop (<see cref="IngressDrop.Dispose"/> says where).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _ingressDrop?.Dispose();
        _nextHops?.Dispose();
        _receiver?.Dispose();
        _sender?.Dispose();
        _superFrames?.Dispose();
        _kernelPath?.Dispose();
    }
}
