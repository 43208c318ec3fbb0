using System.Buffers.Binary;
using Hnv.Wire.Ip;

namespace Hnv.Wire.Tunnel;

/// <summary>
/// How a live-trace probe is told from traffic. Its inner frame ends with "HNVPROBE" and its 64-bit id; and once
/// encapsulated, its outer header carries a mark only agents write (IPv4 identification 0x686E, which hnv's DF
/// envelopes never use; IPv6 flow label bit 19, above the FlowID hnv puts there). A VM can write the tail, never the
/// outer header, so no tenant packet is ever taken for a probe.
/// </summary>
public static class ProbeMark
{
    public const int TailLength = 16;
    private const ushort OuterIdentification = 0x686E;
    private const uint FlowLabelBit = 0x8_0000;
    private static ReadOnlySpan<byte> Magic => "HNVPROBE"u8;

    /// <summary>Writes the tail into the last 16 bytes of a probe's payload.</summary>
    public static void WriteTail(Span<byte> payloadEnd, ulong id)
    {
        Magic.CopyTo(payloadEnd[^TailLength..]);
        BinaryPrimitives.WriteUInt64BigEndian(payloadEnd[^8..], id);
    }

    /// <summary>The probe id of a frame or outer packet that ends with the tail.</summary>
    public static bool TryReadTail(ReadOnlySpan<byte> packet, out ulong id)
    {
        id = 0;
        if (packet.Length < TailLength || !packet[^TailLength..^8].SequenceEqual(Magic))
        {
            return false;
        }

        id = BinaryPrimitives.ReadUInt64BigEndian(packet[^8..]);
        return true;
    }

    /// <summary>Marks an outer IP packet the probe was encapsulated in (its checksum kept right).</summary>
    public static void MarkOuter(Span<byte> outerIp)
    {
        if (outerIp.Length > 0 && outerIp[0] >> 4 == 6)
        {
            outerIp[1] |= (byte)(FlowLabelBit >> 16);
            return;
        }

        BinaryPrimitives.WriteUInt16BigEndian(outerIp[Ipv4Header.IdentificationOffset..], OuterIdentification);
        Ipv4Header.TryRead(outerIp, out var header);
        header.UpdateChecksum();
    }

    /// <summary>Whether an outer IP packet from the underlay carries the mark (one load and compare: it runs on every packet).</summary>
    public static bool IsMarkedOuter(ReadOnlySpan<byte> outerIp) =>
        outerIp.Length >= Ipv4Header.MinLength && (outerIp[0] >> 4 == 6
            ? (outerIp[1] & (FlowLabelBit >> 16)) != 0
            : BinaryPrimitives.ReadUInt16BigEndian(outerIp[Ipv4Header.IdentificationOffset..]) == OuterIdentification);
}
