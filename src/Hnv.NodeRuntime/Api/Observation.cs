using Hnv.Client.Observe;
using Hnv.Dataplane.Taps;
using Hnv.Forwarding.Pipeline;
using Hnv.Wire.Ip;
using Hnv.Wire.Parsing;

namespace Hnv.NodeRuntime.Api;

/// <summary>Turns what a tap took into a line of the observe stream: where, why, and the inner 5-tuple.</summary>
internal static class Observation
{
    public static ObservedPacket Of(TapRecord record, string host, Func<int, string?> portName)
    {
        var seen = new ObservedPacket
        {
            Time = record.At,
            Host = host,
            Event = record.Point switch
            {
                TapPoints.Dropped => "dropped",
                TapPoints.ToUnderlay => "to-underlay",
                _ => "to-port",
            },
            Port = record.Port >= 0 ? portName(record.Port) : null,
            From = record.Point == TapPoints.Dropped ? record.IsFrame ? "port" : "underlay" : null,
            Vsid = record.Vsid == 0 ? null : record.Vsid,
        };
        if (record.Reason != DropReason.None)
        {
            seen.Reason = record.Reason.ToString();
            seen.Description = DropReasonDescriptions.Describe(record.Reason);
        }

        FrameSummary inner;
        if (record.IsFrame)
        {
            if (FrameParser.Parse(record.Bytes, out inner) != ParseError.None && !inner.IsIp)
            {
                return seen;
            }
        }
        else
        {
            UnderlayDecoder.Decode(record.Bytes, out var outer);
            seen.OuterSource = outer.OuterSource.ToString();
            seen.OuterDestination = outer.OuterDestination.ToString();
            if (outer.HasGre)
            {
                seen.Vsid = outer.Vsid.Value;
            }

            if (!outer.HasInner)
            {
                return seen;
            }

            inner = outer.Inner;
        }

        if (inner.IsIp)
        {
            seen.Protocol = IpProtocol.Name(inner.Protocol);
            seen.Source = inner.Source.ToString();
            seen.Destination = inner.Destination.ToString();
            seen.Length = inner.IpLength;
            if (inner.Protocol is IpProtocol.Tcp or IpProtocol.Udp)
            {
                seen.SourcePort = inner.SourcePort;
                seen.DestinationPort = inner.DestinationPort;
            }
        }

        return seen;
    }
}
