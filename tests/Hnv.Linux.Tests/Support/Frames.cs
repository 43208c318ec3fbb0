using System.Buffers.Binary;

namespace Hnv.Linux.Tests.Support;

/// <summary>Hand-built Ethernet/ARP/IPv4/ICMP frames for the TAP tests (Hnv.Wire is not referenced here).</summary>
internal static class Frames
{
    public const ushort EtherTypeIpv4 = 0x0800;
    public const ushort EtherTypeArp = 0x0806;

    public static ushort EtherType(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);

    public static bool IsArpRequest(ReadOnlySpan<byte> frame) =>
        frame.Length >= 42 && EtherType(frame) == EtherTypeArp && BinaryPrimitives.ReadUInt16BigEndian(frame[20..]) == 1;

    public static bool IsIcmpEchoRequest(ReadOnlySpan<byte> frame) =>
        frame.Length >= 42 && EtherType(frame) == EtherTypeIpv4 && frame[23] == 1 && frame[14 + ((frame[14] & 0xF) * 4)] == 8;

    /// <summary>RFC 826 reply to <paramref name="request"/>: "<paramref name="mac"/> has the target IP".</summary>
    public static byte[] ArpReply(ReadOnlySpan<byte> request, ReadOnlySpan<byte> mac)
    {
        var reply = new byte[42];
        request[6..12].CopyTo(reply);              // to the requester
        mac.CopyTo(reply.AsSpan(6));
        BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(12), EtherTypeArp);
        request[14..20].CopyTo(reply.AsSpan(14));  // htype, ptype, hlen, plen
        BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(20), 2);
        mac.CopyTo(reply.AsSpan(22));              // sender = us
        request[38..42].CopyTo(reply.AsSpan(28));  // sender IP = the asked-for target IP
        request[22..28].CopyTo(reply.AsSpan(32));  // target = requester MAC, IP
        request[28..32].CopyTo(reply.AsSpan(38));
        return reply;
    }

    /// <summary>RFC 792 echo reply to <paramref name="request"/>, with fresh IPv4 and ICMP checksums.</summary>
    public static byte[] IcmpEchoReply(ReadOnlySpan<byte> request)
    {
        var reply = request.ToArray();
        request[6..12].CopyTo(reply);
        request[0..6].CopyTo(reply.AsSpan(6));
        var ip = reply.AsSpan(14);
        var headerLength = (ip[0] & 0xF) * 4;
        request[30..34].CopyTo(ip[12..]);           // source = old destination
        request[26..30].CopyTo(ip[16..]);           // destination = old source
        ip[8] = 64;
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(ip[..headerLength]));
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        var icmp = ip[headerLength..totalLength];
        icmp[0] = 0;                                // echo reply
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], Checksum(icmp));
        return reply;
    }

    /// <summary>RFC 1071 Internet checksum.</summary>
    public static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if ((data.Length & 1) != 0)
        {
            sum += (uint)data[^1] << 8;
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
