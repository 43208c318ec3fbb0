using Hnv.Wire.Addressing;
using Hnv.Wire.Ip;

namespace Hnv.Wire.Tunnel;

/// <summary>
/// The outer IP + NVGRE headers around an inner Ethernet frame. The envelope is written into the headroom
/// in front of the frame, so the frame itself is never copied (VPP's pre_data idea).
/// </summary>
public static class NvgreEnvelope
{
    /// <summary>Outer IPv4 + GRE.</summary>
    public const int OverheadV4 = Ipv4Header.MinLength + NvgreHeader.Length;

    /// <summary>Outer IPv6 + GRE.</summary>
    public const int OverheadV6 = Ipv6Header.Length + NvgreHeader.Length;

    /// <summary>The bytes the envelope adds for an outer address of this family.</summary>
    public static int Overhead(bool outerV6) => outerV6 ? OverheadV6 : OverheadV4;

    /// <summary>
    /// Writes the envelope immediately before <c>buffer[frameOffset..frameOffset+frameLength]</c> and returns
    /// the offset where the outer IP header starts. The caller guarantees <c>frameOffset &gt;= Overhead</c>.
    /// Outer IPv4 sets DF: NVGRE is never fragmented, the VM is told to send less instead.
    /// </summary>
    public static int WriteInFront(Span<byte> buffer, int frameOffset, int frameLength, IpAddress sourcePa, IpAddress destinationPa,
        Vsid vsid, byte flowId, byte hopLimit = 64)
    {
        var greAt = frameOffset - NvgreHeader.Length;
        NvgreHeader.Write(buffer[greAt..], vsid, flowId);
        var payloadLength = NvgreHeader.Length + frameLength;
        if (destinationPa.IsV6)
        {
            var ipAt = greAt - Ipv6Header.Length;
            // The flow label carries the FlowID too, so IPv6 ECMP that hashes on it spreads flows alike.
            Ipv6Header.Write(buffer[ipAt..], sourcePa, destinationPa, IpProtocol.Gre, payloadLength, hopLimit, flowLabel: flowId);
            return ipAt;
        }

        var at = greAt - Ipv4Header.MinLength;
        Ipv4Header.Write(buffer[at..], sourcePa, destinationPa, IpProtocol.Gre, Ipv4Header.MinLength + payloadLength, hopLimit);
        return at;
    }
}
