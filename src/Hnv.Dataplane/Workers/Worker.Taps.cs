using System.Collections.Immutable;
using Hnv.Dataplane.State;
using Hnv.Dataplane.Taps;
using Hnv.Forwarding.Buffers;
using Hnv.Forwarding.Pipeline;

namespace Hnv.Dataplane.Workers;

/// <summary>
/// What a worker shows its node's taps (capture, the drop stream), only while one is on: each packet as it came in and
/// as it left, and a dropped one as it came in (kept in a scratch copy, since an ICMP error overwrites it) with its reason.
/// </summary>
public sealed partial class Worker
{
    private byte[]? _ingressCopy;
    private int _ingressLength;

    private void TapIngress(ImmutableArray<PacketTap> taps, TapPoints point, int port, DataplaneState state)
    {
        var data = _buffer.Data;
        var isFrame = port >= 0;
        var vsid = isFrame && state.Snapshot.TryGetPort(port, out var local) ? local.Vsid.Value : 0;
        var keep = false;
        foreach (var tap in taps)
        {
            if (tap.Watches(point))
            {
                tap.Offer(point, data, isFrame, port, vsid);
            }

            keep |= tap.Watches(TapPoints.Dropped);
        }

        _ingressLength = 0;
        if (keep)
        {
            _ingressCopy ??= new byte[PacketBuffer.MaxFrameLength];
            data.CopyTo(_ingressCopy);
            _ingressLength = data.Length;
        }
    }

    private void TapVerdict(ImmutableArray<PacketTap> taps, Verdict verdict, int fromPort)
    {
        var data = _buffer.Data;
        foreach (var tap in taps)
        {
            if (verdict.Reason != DropReason.None && _ingressLength > 0 && tap.Watches(TapPoints.Dropped))
            {
                tap.Offer(TapPoints.Dropped, _ingressCopy.AsSpan(0, _ingressLength), fromPort >= 0, fromPort, verdict.Vsid.Value, verdict.Reason);
            }

            switch (verdict.Kind)
            {
                case VerdictKind.Deliver or VerdictKind.Reply when tap.Watches(TapPoints.ToPort):
                    tap.Offer(TapPoints.ToPort, data, isFrame: true, verdict.Port, verdict.Vsid.Value);
                    break;
                case VerdictKind.Encapsulate when tap.Watches(TapPoints.ToUnderlay):
                    tap.Offer(TapPoints.ToUnderlay, data, isFrame: false, fromPort, verdict.Vsid.Value); // the port it came from, for a port's filter
                    break;
            }
        }
    }
}
