using System.Buffers.Binary;
using Hnv.Dataplane.Linux.Offloads;
using Hnv.Wire.Building;
using Hnv.Wire.Checksums;
using Hnv.Wire.Ip;
using Hnv.Wire.Offloads;

namespace Hnv.Dataplane.Linux.Tests.Offloads;

/// <summary>Software GRO for UDP toward a TAP: a run of one flow's equal-sized datagrams becomes one UDP_L4 super-frame.</summary>
[Trait("tier", "pure")]
public class UdpCoalescerTests
{
    [Theory]
    [InlineData(false, 1000, 10, 300)]
    [InlineData(true, 1000, 10, 1000)] // no short one at the end
    [InlineData(false, 64, UdpCoalescer.MaxSegments, 64)] // the small-datagram case, up to the segment limit
    [InlineData(false, 1400, 46, 1)] // close to the 64 KiB limit
    public void TryAppend_RunOfDatagrams_OneSuperFrameWithEveryPayloadInOrder(bool v6, int size, int count, int last)
    {
        var payloads = Enumerable.Range(0, count).Select(i => OffloadFrames.Payload(i == count - 1 ? last : size, seed: i)).ToList();
        var coalescer = new UdpCoalescer();
        Assert.True(coalescer.TryStart(Datagram(v6, payloads[0])));
        foreach (var payload in payloads.Skip(1))
        {
            Assert.True(coalescer.TryAppend(Datagram(v6, payload)));
        }

        Assert.Equal(count, coalescer.Segments);
        var written = coalescer.Complete().ToArray();
        Assert.False(coalescer.HasPending);
        Assert.True(VirtioNetHeader.TryRead(written, out var header));
        var udpStart = 14 + (v6 ? 40 : 20);
        Assert.Equal(new VirtioNetHeader(VirtioNetHeader.NeedsChecksum, VirtioNetHeader.GsoUdpL4, (ushort)(udpStart + 8), (ushort)size, (ushort)udpStart, 6), header);

        // The super-frame is one well-formed datagram whose checksum the VM's kernel finishes (or splits and finishes).
        var frame = written[VirtioNetHeader.Length..];
        var udpLength = frame.Length - udpStart;
        Assert.Equal(udpLength, BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(udpStart + 4)));
        if (v6)
        {
            Assert.Equal(udpLength, BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(18)));
        }
        else
        {
            Assert.Equal(frame.Length - 14, BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(16)));
            Assert.True(InternetChecksum.IsValid(frame.AsSpan(14, 20)), "IPv4 header checksum");
        }

        Assert.True(ChecksumCompletion.TryComplete(frame, header));
        var (source, destination) = OffloadFrames.Addresses(frame);
        Assert.True(InternetChecksum.IsValidWithPseudoHeader(source, destination, IpProtocol.Udp, frame.AsSpan(udpStart)));
        Assert.Equal(payloads.SelectMany(p => p), frame[(udpStart + 8)..]);
    }

    [Fact]
    public void TryStart_OneDatagram_WrittenAsItCameMarkedDataValid()
    {
        var datagram = Datagram(false, OffloadFrames.Payload(500));
        var coalescer = new UdpCoalescer();
        Assert.True(coalescer.TryStart(datagram));
        var written = coalescer.Complete().ToArray();
        Assert.True(VirtioNetHeader.TryRead(written, out var header));
        Assert.Equal(new VirtioNetHeader(VirtioNetHeader.DataValid, VirtioNetHeader.GsoNone, 0, 0, 0, 0), header);
        Assert.Equal(datagram, written[VirtioNetHeader.Length..]);
    }

    [Theory]
    [InlineData("checksum")] // corrupted on the way: never hidden inside a joined frame
    [InlineData("port")] // another flow
    [InlineData("ttl")] // IP fields differ
    [InlineData("longer")] // a larger payload than the first
    [InlineData("after-short")] // the run ended with a shorter datagram
    [InlineData("fragment")] // a fragment is not a whole datagram
    [InlineData("tcp")] // not UDP at all
    public void TryAppend_NotTheFlowsNextDatagram_False(string defect)
    {
        var coalescer = new UdpCoalescer();
        Assert.True(coalescer.TryStart(Datagram(false, OffloadFrames.Payload(1000))));
        var next = Datagram(false, OffloadFrames.Payload(1000, seed: 2));
        switch (defect)
        {
            case "checksum":
                next[^1] ^= 0xFF;
                break;
            case "port":
                next = Datagram(false, OffloadFrames.Payload(1000), sourcePort: 6001);
                break;
            case "ttl":
                next[22] = 63;
                OffloadFrames.RefreshIpv4Checksum(next);
                break;
            case "longer":
                next = Datagram(false, OffloadFrames.Payload(1001));
                break;
            case "after-short":
                Assert.True(coalescer.TryAppend(Datagram(false, OffloadFrames.Payload(10))));
                break;
            case "fragment":
                next[20] |= 0x20; // more fragments
                OffloadFrames.RefreshIpv4Checksum(next);
                break;
            case "tcp":
                next = OffloadFrames.SuperFrame(false, OffloadFrames.Payload(1000), 1418).Frame;
                break;
        }

        Assert.False(coalescer.TryAppend(next));
    }

    [Fact]
    public void TryAppend_Ipv4WithoutChecksum_Joins()
    {
        // IPv4 UDP may carry no checksum (0); the joined frame gets one, which the VM's kernel finishes per datagram.
        var first = Datagram(false, OffloadFrames.Payload(800));
        var second = Datagram(false, OffloadFrames.Payload(800, seed: 3));
        first[40] = first[41] = 0;
        second[40] = second[41] = 0;
        var coalescer = new UdpCoalescer();
        Assert.True(coalescer.TryStart(first));
        Assert.True(coalescer.TryAppend(second));
        Assert.Equal(2, coalescer.Segments);
    }

    [Fact]
    public void TryAppend_PastMaxSegments_False()
    {
        var coalescer = new UdpCoalescer();
        Assert.True(coalescer.TryStart(Datagram(false, OffloadFrames.Payload(64))));
        for (var i = 1; i < UdpCoalescer.MaxSegments; i++)
        {
            Assert.True(coalescer.TryAppend(Datagram(false, OffloadFrames.Payload(64, seed: i))));
        }

        Assert.False(coalescer.TryAppend(Datagram(false, OffloadFrames.Payload(64))));
    }

    [Fact]
    public void TryStart_WhilePending_Throws()
    {
        var coalescer = new UdpCoalescer();
        Assert.True(coalescer.TryStart(Datagram(false, OffloadFrames.Payload(64))));
        Assert.Throws<InvalidOperationException>(() => coalescer.TryStart(Datagram(false, OffloadFrames.Payload(64))));
    }

    /// <summary>A whole UDP datagram from the VM's peer, with a valid checksum.</summary>
    internal static byte[] Datagram(bool v6, byte[] payload, ushort sourcePort = 6000)
    {
        var frame = new byte[14 + 40 + 8 + payload.Length];
        var length = FrameBuilder.Udp(frame, OffloadFrames.RouterMac, OffloadFrames.VmMac, v6 ? OffloadFrames.V6Destination : OffloadFrames.V4Destination,
            v6 ? OffloadFrames.V6Source : OffloadFrames.V4Source, sourcePort, 7000, payload);
        return frame[..length];
    }
}
