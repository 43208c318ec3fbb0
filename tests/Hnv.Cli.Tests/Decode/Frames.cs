using System.Buffers.Binary;
using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Ethernet;
using Hnv.Wire.Ip;
using Hnv.Wire.Tunnel;

namespace Hnv.Cli.Tests.Decode;

/// <summary>Builds the frames of the test captures with Hnv.Wire's own writers, the way an agent would send them.</summary>
internal static class Frames
{
    public const int Headroom = 128;

    public static readonly MacAddress HostMacA = MacAddress.Parse("02:00:5e:00:00:0a");
    public static readonly MacAddress HostMacB = MacAddress.Parse("02:00:5e:00:00:14");
    public static readonly MacAddress VmMacA = MacAddress.Parse("00:15:5d:00:00:04");
    public static readonly MacAddress VmMacB = MacAddress.Parse("00:15:5d:00:00:05");

    private static readonly byte[] Payload = "hnv decode test"u8.ToArray();

    public static byte[] Udp(string src, string dst, ushort srcPort, ushort dstPort) =>
        Build(b => FrameBuilder.Udp(b, VmMacA, VmMacB, IpAddress.Parse(src), IpAddress.Parse(dst), srcPort, dstPort, Payload));

    public static byte[] Tcp(string src, string dst, ushort srcPort, ushort dstPort) =>
        Build(b => FrameBuilder.Tcp(b, VmMacA, VmMacB, IpAddress.Parse(src), IpAddress.Parse(dst), srcPort, dstPort, 1000, 0x02, Payload));

    public static byte[] Echo(string src, string dst) =>
        Build(b => FrameBuilder.EchoRequest(b, VmMacA, VmMacB, IpAddress.Parse(src), IpAddress.Parse(dst), 7, 1, Payload));

    public static byte[] Arp(string sender, string target) =>
        Build(b => FrameBuilder.ArpRequest(b, HostMacA, IpAddress.Parse(sender), IpAddress.Parse(target)));

    /// <summary>The frame with an 802.1Q tag (VLAN 100) inserted after the MAC addresses.</summary>
    public static byte[] WithVlanTag(byte[] frame)
    {
        var tagged = new byte[frame.Length + EthernetFrame.VlanTagLength];
        frame.AsSpan(0, 12).CopyTo(tagged);
        BinaryPrimitives.WriteUInt16BigEndian(tagged.AsSpan(12), EtherTypes.Vlan);
        BinaryPrimitives.WriteUInt16BigEndian(tagged.AsSpan(14), 100);
        frame.AsSpan(12).CopyTo(tagged.AsSpan(16));
        return tagged;
    }

    /// <summary>
    /// <paramref name="inner"/> in NVGRE from <paramref name="srcPa"/> to <paramref name="dstPa"/>, written in
    /// front of the frame by <see cref="NvgreEnvelope.WriteInFront"/>, with an outer Ethernet header.
    /// </summary>
    public static byte[] Nvgre(string srcPa, string dstPa, uint vsid, byte flowId, ReadOnlySpan<byte> inner)
    {
        var buffer = new byte[Headroom + inner.Length];
        inner.CopyTo(buffer.AsSpan(Headroom));
        var ipAt = NvgreEnvelope.WriteInFront(buffer, Headroom, inner.Length, IpAddress.Parse(srcPa), IpAddress.Parse(dstPa), new Vsid(vsid), flowId);
        var ethAt = ipAt - EthernetFrame.HeaderLength;
        var etherType = IpAddress.Parse(dstPa).IsV6 ? EtherTypes.Ipv6 : EtherTypes.Ipv4;
        EthernetFrame.WriteHeader(buffer.AsSpan(ethAt), HostMacB, HostMacA, etherType);
        return buffer[ethAt..];
    }

    /// <summary>Where the GRE header of a frame from <see cref="Nvgre"/> starts.</summary>
    public static int GreOffset(byte[] frame) =>
        EthernetFrame.HeaderLength + (BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12)) == EtherTypes.Ipv6 ? Ipv6Header.Length : Ipv4Header.MinLength);

    /// <summary>Overwrites the GRE flags/version word.</summary>
    public static byte[] WithGreFlags(byte[] frame, ushort flags)
    {
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(GreOffset(frame)), flags);
        return frame;
    }

    /// <summary>Overwrites the GRE protocol type.</summary>
    public static byte[] WithGreProtocol(byte[] frame, ushort protocol)
    {
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(GreOffset(frame) + 2), protocol);
        return frame;
    }

    /// <summary>Sets MF on the outer IPv4 header (a first fragment) and fixes its checksum.</summary>
    public static byte[] AsOuterFragment(byte[] frame)
    {
        var ip = frame.AsSpan(EthernetFrame.HeaderLength);
        ip[6] = 0x20;
        Ipv4Header.TryRead(ip, out var header);
        header.UpdateChecksum();
        return frame;
    }

    private static byte[] Build(Func<byte[], int> write)
    {
        var buffer = new byte[1514];
        return buffer[..write(buffer)];
    }
}
