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
        if (frame.Length <= IpFrame.EthernetLength + 40 + NvgreHeader.Length)
        {
            return false;
        }

        var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        var ip = frame[IpFrame.EthernetLength..];
        if (etherType == EtherTypes.Ipv4 && ip[0] >> 4 == 4 && ip[9] == IpProtocol.Gre)
        {
            greStart = IpFrame.EthernetLength + ((ip[0] & 0x0F) * 4);
        }
        else if (etherType == EtherTypes.Ipv6 && ip[0] >> 4 == 6 && ip[6] == IpProtocol.Gre)
        {
            greStart = IpFrame.EthernetLength + 40;
        }
        else
        {
            return false;
        }

        if (greStart < IpFrame.EthernetLength + 20 || greStart + NvgreHeader.Length >= frame.Length
            || NvgreHeader.TryRead(frame[greStart..], out _) != NvgreError.None)
        {
            return false;
        }

        innerStart = greStart + NvgreHeader.Length;
        return true;
    }
}
