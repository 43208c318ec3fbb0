using System.Buffers.Binary;
using Hnv.Forwarding.Buffers;
using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Checksums;
using Hnv.Wire.Ip;
using Hnv.Wire.Offloads;
using Hnv.Wire.Transport;
using Hnv.Wire.Tunnel;

namespace Hnv.Dataplane.Linux.Tests.Offloads;

/// <summary>Frames as a VM's kernel hands them to a TAP with offloads on, and independent checks of what comes out.</summary>
internal static class OffloadFrames
{
    public static readonly MacAddress VmMac = MacAddress.Parse("02:00:00:00:00:10");
    public static readonly MacAddress RouterMac = MacAddress.Parse("02:00:00:00:00:01");
    public static readonly IpAddress V4Source = IpAddress.Parse("10.0.0.10");
    public static readonly IpAddress V4Destination = IpAddress.Parse("10.0.0.20");
    public static readonly IpAddress V6Source = IpAddress.Parse("fd00:b::10");
    public static readonly IpAddress V6Destination = IpAddress.Parse("fd00:b::20");

    /// <summary>A deterministic payload (seeded), so a lost or reordered byte shows.</summary>
    public static byte[] Payload(int length, int seed = 7)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>
    /// A TCP super-frame as TSO hands it over: one IP packet with the whole payload, and the TCP checksum field
    /// holding only the pseudo-header sum (NEEDS_CSUM), plus the matching virtio header.
    /// </summary>
    public static (byte[] Frame, VirtioNetHeader Header) SuperFrame(bool v6, byte[] payload, ushort mss, uint sequence = 1000, byte flags = 0x18)
    {
        var frame = new byte[14 + 60 + payload.Length];
        var length = FrameBuilder.Tcp(frame, VmMac, RouterMac, v6 ? V6Source : V4Source, v6 ? V6Destination : V4Destination, 40000, 5201,
            sequence, flags, payload);
        frame = frame[..length];
        var tcpStart = 14 + (v6 ? 40 : 20);
        if (!v6)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(18), 0x1234); // IPv4 ID
            RefreshIpv4Checksum(frame);
        }

        WritePartialChecksum(frame, tcpStart, IpProtocol.Tcp);
        var header = new VirtioNetHeader(VirtioNetHeader.NeedsChecksum, v6 ? VirtioNetHeader.GsoTcpV6 : VirtioNetHeader.GsoTcpV4,
            (ushort)(tcpStart + 20), mss, (ushort)tcpStart, 16);
        return (frame, header);
    }

    /// <summary>Replaces an L4 checksum with the pseudo-header sum alone, as a NEEDS_CSUM frame carries it.</summary>
    public static void WritePartialChecksum(byte[] frame, int l4Start, byte protocol)
    {
        var v6 = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12)) == 0x86DD;
        var (source, destination) = Addresses(frame);
        var field = l4Start + (protocol == IpProtocol.Udp ? 6 : 16);
        var sum = InternetChecksum.PseudoHeader(source, destination, protocol, frame.Length - l4Start);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(field), InternetChecksum.Fold(sum));
        _ = v6;
    }

    public static (IpAddress Source, IpAddress Destination) Addresses(ReadOnlySpan<byte> frame) =>
        BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) == 0x86DD
            ? (IpAddress.ReadV6(frame.Slice(22, 16)), IpAddress.ReadV6(frame.Slice(38, 16)))
            : (IpAddress.ReadV4(frame.Slice(26, 4)), IpAddress.ReadV4(frame.Slice(30, 4)));

    public static void RefreshIpv4Checksum(byte[] frame)
    {
        frame[24] = 0;
        frame[25] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(24), InternetChecksum.Compute(frame.AsSpan(14, 20)));
    }

    /// <summary>Checks a frame as a receiving stack would: IP header checksum and length, TCP checksum with the pseudo-header.</summary>
    public static TcpView Verify(ReadOnlySpan<byte> frame)
    {
        var v6 = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) == 0x86DD;
        var tcpStart = 14 + (v6 ? 40 : 20);
        if (v6)
        {
            Assert.Equal(frame.Length - 54, BinaryPrimitives.ReadUInt16BigEndian(frame[18..]));
        }
        else
        {
            Assert.True(InternetChecksum.IsValid(frame.Slice(14, 20)), "IPv4 header checksum");
            Assert.Equal(frame.Length - 14, BinaryPrimitives.ReadUInt16BigEndian(frame[16..]));
        }

        var (source, destination) = Addresses(frame);
        Assert.True(InternetChecksum.IsValidWithPseudoHeader(source, destination, IpProtocol.Tcp, frame[tcpStart..]), "TCP checksum");
        var copy = frame.ToArray();
        Assert.True(TcpHeader.TryRead(copy.AsSpan(tcpStart), out var tcp));
        return new TcpView(tcp.SequenceNumber, tcp.Flags, v6 ? 0 : BinaryPrimitives.ReadUInt16BigEndian(frame[18..]), copy[(tcpStart + tcp.HeaderLength)..]);
    }

    /// <summary>Wraps <paramref name="inner"/> in outer Ethernet, IP (lengths covering it all, as GRO leaves them) and NVGRE.</summary>
    public static byte[] Nvgre(byte[] inner, bool outerV6)
    {
        var buffer = new PacketBuffer();
        buffer.Load(inner);
        var offset = NvgreEnvelope.WriteInFront(buffer.All, PacketBuffer.Headroom, inner.Length,
            IpAddress.Parse(outerV6 ? "2001:db8::1" : "192.0.2.1"), IpAddress.Parse(outerV6 ? "2001:db8::2" : "192.0.2.2"), new Vsid(5001), 9);
        var packet = buffer.All[offset..(PacketBuffer.Headroom + inner.Length)];
        var frame = new byte[14 + packet.Length];
        frame[0] = 0x02;
        frame[6] = 0x02;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), (ushort)(outerV6 ? 0x86DD : 0x0800));
        packet.CopyTo(frame.AsSpan(14));
        return frame;
    }

    public readonly record struct TcpView(uint Sequence, byte Flags, int IpId, byte[] Payload);
}
