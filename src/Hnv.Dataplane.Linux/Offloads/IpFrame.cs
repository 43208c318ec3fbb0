using System.Buffers.Binary;
using Hnv.Wire.Checksums;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Ip;

namespace Hnv.Dataplane.Linux.Offloads;

/// <summary>
/// The IP-level edits the offload code makes to an untagged Ethernet frame, whatever rides in it: the
/// pseudo-header sum of its transport checksum, the length fields of a frame that was split or joined, and the
/// EtherType an IP packet is framed with.
/// </summary>
internal static class IpFrame
{
    public const int EthernetLength = EthernetFrame.HeaderLength;
    public const int IpStart = EthernetLength;

    /// <summary>Writes the EtherType of <paramref name="ipPacket"/> (by its version) into the Ethernet header at the start of <paramref name="frame"/>.</summary>
    public static void WriteEtherType(Span<byte> frame, ReadOnlySpan<byte> ipPacket) =>
        BinaryPrimitives.WriteUInt16BigEndian(frame[EthernetFrame.EtherTypeOffset..], ipPacket[0] >> 4 == 6 ? EtherTypes.Ipv6 : EtherTypes.Ipv4);

    /// <summary>True when the IP header at <see cref="IpStart"/> is version 6.</summary>
    public static bool IsV6(ReadOnlySpan<byte> frame) => frame[IpStart] >> 4 == 6;

    /// <summary>The sum of the addresses, <paramref name="protocol"/> and <paramref name="transportLength"/> (RFC 768 / 793 / 8200 8.1), unfolded.</summary>
    public static ulong PseudoHeaderSum(ReadOnlySpan<byte> frame, byte protocol, int transportLength)
    {
        var addresses = IsV6(frame) ? frame.Slice(IpStart + Ipv6Header.SourceOffset, 32) : frame.Slice(IpStart + Ipv4Header.SourceOffset, 8);
        return InternetChecksum.Add(0, addresses) + protocol + (uint)transportLength;
    }

    /// <summary>
    /// Sets the IP length field for a frame of <paramref name="frameLength"/> bytes whose IP header ends at
    /// <paramref name="transportStart"/> (IPv4: and recomputes the header checksum).
    /// </summary>
    public static void SetLength(Span<byte> frame, int transportStart, int frameLength)
    {
        if (IsV6(frame))
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame[(IpStart + Ipv6Header.PayloadLengthOffset)..], (ushort)(frameLength - IpStart - Ipv6Header.Length));
            return;
        }

        BinaryPrimitives.WriteUInt16BigEndian(frame[(IpStart + Ipv4Header.TotalLengthOffset)..], (ushort)(frameLength - IpStart));
        var header = frame[IpStart..transportStart];
        var checksum = header.Slice(Ipv4Header.ChecksumOffset, 2);
        checksum.Clear();
        BinaryPrimitives.WriteUInt16BigEndian(checksum, InternetChecksum.Compute(header));
    }

    /// <summary>True when the IP header's length field agrees with the frame (no Ethernet padding, nothing cut off).</summary>
    public static bool LengthMatches(ReadOnlySpan<byte> frame) => IsV6(frame)
        ? BinaryPrimitives.ReadUInt16BigEndian(frame[(IpStart + Ipv6Header.PayloadLengthOffset)..]) == frame.Length - IpStart - Ipv6Header.Length
        : BinaryPrimitives.ReadUInt16BigEndian(frame[(IpStart + Ipv4Header.TotalLengthOffset)..]) == frame.Length - IpStart;

    /// <summary>The IPv4 identification.</summary>
    public static ushort Identification(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadUInt16BigEndian(frame[(IpStart + Ipv4Header.IdentificationOffset)..]);

    /// <summary>Writes the IPv4 identification.</summary>
    public static void SetIdentification(Span<byte> frame, ushort value) => BinaryPrimitives.WriteUInt16BigEndian(frame[(IpStart + Ipv4Header.IdentificationOffset)..], value);
}
