using System.Buffers.Binary;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Ip;
using Hnv.Wire.Tunnel;

namespace Hnv.Dataplane.Linux.Offloads;

/// <summary>Where the NVGRE header and the inner frame start in an underlay frame, outer Ethernet header first.</summary>
internal static class NvgreFrame
{
    /// <summary>
    /// Finds the NVGRE header and the inner frame after it; false unless <paramref name="frame"/> is IPv4 or IPv6
    /// (no IPv6 extension headers) carrying plain NVGRE (key only, protocol 0x6558) with an inner frame behind it.
    /// </summary>
    public static bool TryLocate(Span<byte> frame, out int greStart, out int innerStart)
    {
        greStart = innerStart = 0;
        if (frame.Length <= IpFrame.EthernetLength + Ipv6Header.Length + NvgreHeader.Length)
        {
            return false;
        }

        var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[EthernetFrame.EtherTypeOffset..]);
        var ip = frame[IpFrame.EthernetLength..];
        if (etherType == EtherTypes.Ipv4 && ip[0] >> 4 == 4 && ip[Ipv4Header.ProtocolOffset] == IpProtocol.Gre)
        {
            greStart = IpFrame.EthernetLength + ((ip[0] & 0x0F) * 4);
        }
        else if (etherType == EtherTypes.Ipv6 && ip[0] >> 4 == 6 && ip[Ipv6Header.NextHeaderOffset] == IpProtocol.Gre)
        {
            greStart = IpFrame.EthernetLength + Ipv6Header.Length;
        }
        else
        {
            return false;
        }

        if (greStart < IpFrame.EthernetLength + Ipv4Header.MinLength || greStart + NvgreHeader.Length >= frame.Length
            || NvgreHeader.TryRead(frame[greStart..], out _) != NvgreError.None)
        {
            return false;
        }

        innerStart = greStart + NvgreHeader.Length;
        return true;
    }
}
