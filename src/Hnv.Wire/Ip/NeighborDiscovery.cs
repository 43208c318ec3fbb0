using Hnv.Wire.Addressing;

namespace Hnv.Wire.Ip;

/// <summary>
/// Neighbor solicitation and advertisement bodies (RFC 4861 sections 4.3, 4.4) and their link-layer options.
/// <code>
/// NS: | type=135 | code=0 | checksum | reserved (32) | target address (128) | options ...
/// NA: | type=136 | code=0 | checksum |R|S|O| reserved | target address (128) | options ...
/// option: | type (1=source, 2=target link-layer address) | length (in 8-byte units) | MAC (6) |
/// </code>
/// </summary>
public static class NeighborDiscovery
{
    /// <summary>Length of an NS/NA without options.</summary>
    public const int MessageLength = 24;

    /// <summary>Length of a link-layer address option for Ethernet.</summary>
    public const int LinkLayerOptionLength = 8;

    public const byte OptionSourceLinkLayerAddress = 1;
    public const byte OptionTargetLinkLayerAddress = 2;

    /// <summary>NA flag: sender is a router.</summary>
    public const uint FlagRouter = 0x8000_0000;

    /// <summary>NA flag: answer to a solicitation.</summary>
    public const uint FlagSolicited = 0x4000_0000;

    /// <summary>NA flag: override an existing cache entry.</summary>
    public const uint FlagOverride = 0x2000_0000;

    /// <summary>Reads the target of an NS or NA; false when <paramref name="icmp"/> is too short.</summary>
    public static bool TryReadTarget(ReadOnlySpan<byte> icmp, out IpAddress target)
    {
        target = default;
        if ((uint)icmp.Length < MessageLength)
        {
            return false;
        }

        target = IpAddress.ReadV6(icmp[8..]);
        return true;
    }

    /// <summary>
    /// Finds a link-layer address option of <paramref name="optionType"/>; false when absent. A malformed option
    /// list (zero length, running past the end) also answers false; <paramref name="malformed"/> says which.
    /// </summary>
    public static bool TryFindLinkLayerOption(ReadOnlySpan<byte> icmp, byte optionType, out MacAddress mac, out bool malformed)
    {
        mac = default;
        malformed = false;
        var offset = MessageLength;
        while (offset + 2 <= icmp.Length)
        {
            var length = icmp[offset + 1] * 8;
            if (length == 0 || offset + length > icmp.Length)
            {
                malformed = true;
                return false;
            }

            if (icmp[offset] == optionType && length >= LinkLayerOptionLength)
            {
                mac = MacAddress.Read(icmp[(offset + 2)..]);
                return true;
            }

            offset += length;
        }

        malformed = offset != icmp.Length;
        return false;
    }

    /// <summary>Writes an NA body (after the 4-byte ICMPv6 type/code/checksum is written by the caller) with a target link-layer option.</summary>
    public static int WriteAdvertisement(Span<byte> icmp, uint flags, IpAddress target, MacAddress targetMac)
    {
        IcmpHeader.WriteHeader(icmp, IcmpV6.TypeNeighborAdvertisement, 0, flags);
        target.Write(icmp[8..]);
        icmp[24] = OptionTargetLinkLayerAddress;
        icmp[25] = 1;
        targetMac.Write(icmp[26..]);
        return MessageLength + LinkLayerOptionLength;
    }

    /// <summary>Writes an NS for <paramref name="target"/> with a source link-layer option.</summary>
    public static int WriteSolicitation(Span<byte> icmp, IpAddress target, MacAddress sourceMac)
    {
        IcmpHeader.WriteHeader(icmp, IcmpV6.TypeNeighborSolicitation, 0, 0);
        target.Write(icmp[8..]);
        icmp[24] = OptionSourceLinkLayerAddress;
        icmp[25] = 1;
        sourceMac.Write(icmp[26..]);
        return MessageLength + LinkLayerOptionLength;
    }

    /// <summary>The solicited-node multicast address ff02::1:ffXX:XXXX of <paramref name="target"/> (RFC 4291 2.7.1).</summary>
    public static IpAddress SolicitedNodeAddress(IpAddress target) =>
        IpAddress.FromV6(new UInt128(0xFF02_0000_0000_0000UL, 0x0000_0001_FF00_0000UL | (ulong)(target.Value & 0xFF_FFFF)));
}
