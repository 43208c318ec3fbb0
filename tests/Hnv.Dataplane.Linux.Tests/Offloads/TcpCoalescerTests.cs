using System.Buffers.Binary;
using Hnv.Dataplane.Linux.Offloads;
using Hnv.Wire.Building;
using Hnv.Wire.Checksums;
using Hnv.Wire.Offloads;

namespace Hnv.Dataplane.Linux.Tests.Offloads;

/// <summary>Software GRO toward a TAP: a run of one flow's segments becomes one super-frame the VM's kernel can take.</summary>
[Trait("tier", "pure")]
public class TcpCoalescerTests
{
    [Theory]
    [InlineData(false, 10_000, 1418)]
    [InlineData(true, 10_000, 1398)]
    [InlineData(false, 64_000, 1418)] // close to the 64 KiB limit
    public void TryAppend_SegmentedRun_OneSuperFrameWithTheWholePayload(bool v6, int payloadLength, int mss)
    {
        var payload = OffloadFrames.Payload(payloadLength);
        var segments = Segments(v6, payload, mss);
        var coalescer = new TcpCoalescer();
        Assert.True(coalescer.TryStart(segments[0]));
        foreach (var segment in segments.Skip(1))
        {
            Assert.True(coalescer.TryAppend(segment));
        }

        Assert.Equal(segments.Count, coalescer.Segments);
        var written = coalescer.Complete().ToArray();
        Assert.False(coalescer.HasPending);
        Assert.True(VirtioNetHeader.TryRead(written, out var header));
        var tcpStart = 14 + (v6 ? 40 : 20);
        Assert.Equal(new VirtioNetHeader(VirtioNetHeader.NeedsChecksum, v6 ? VirtioNetHeader.GsoTcpV6 : VirtioNetHeader.GsoTcpV4,
            (ushort)(tcpStart + 20), (ushort)mss, (ushort)tcpStart, 16), header);

        // What the VM's kernel does with NEEDS_CSUM: finish the checksum from csum_start; then it must verify.
        var frame = written[VirtioNetHeader.Length..];
        Assert.True(ChecksumCompletion.TryComplete(frame, header));
        var view = OffloadFrames.Verify(frame);
        Assert.Equal(1000u, view.Sequence);
        Assert.Equal(0x18, view.Flags); // the last segment's PSH is kept
        Assert.Equal(payload, view.Payload);
    }

    [Fact]
    public void TryAppend_OneSegment_WrittenAsItCameMarkedDataValid()
    {
        var segments = Segments(false, OffloadFrames.Payload(3000), 1418);
        var coalescer = new TcpCoalescer();
        Assert.True(coalescer.TryStart(segments[0]));
        var written = coalescer.Complete().ToArray();
        Assert.True(VirtioNetHeader.TryRead(written, out var header));
        Assert.Equal(VirtioNetHeader.DataValid, header.Flags);
        Assert.Equal(VirtioNetHeader.GsoNone, header.GsoType);
        Assert.Equal(segments[0], written[VirtioNetHeader.Length..]);
    }

    [Theory]
    [InlineData("gap")] // a lost segment: the sequence does not continue
    [InlineData("checksum")] // corrupted on the way: never hidden inside a coalesced frame
    [InlineData("port")] // another flow
    [InlineData("after-short")] // the run ended with a short segment
    [InlineData("syn")] // only ACK (and PSH) may join
    public void TryAppend_NotTheNextSegmentOfTheFlow_False(string defect)
    {
        var segments = Segments(false, OffloadFrames.Payload(6000), 1418);
        var coalescer = new TcpCoalescer();
        var second = segments[1];
        switch (defect)
        {
            case "gap":
                second = segments[2];
                break;
            case "checksum":
                second[^1] ^= 0xFF;
                break;
            case "port":
                BinaryPrimitives.WriteUInt16BigEndian(second.AsSpan(34), 40001);
                Rechecksum(second);
                break;
            case "after-short":
                var last = segments[^1];
                last[34 + 13] = 0x10; // without PSH, so only its shortness ends the run
                Rechecksum(last);
                Assert.True(coalescer.TryStart(last));
                Assert.False(coalescer.TryAppend(segments[1]));
                return;
            case "syn":
                second[34 + 13] = 0x12;
                Rechecksum(second);
                break;
        }

        Assert.True(coalescer.TryStart(segments[0]));
        Assert.False(coalescer.TryAppend(second));
        Assert.Equal(1, coalescer.Segments);
    }

    [Fact]
    public void TryStart_Udp_False()
    {
        var frame = new byte[200];
        var length = FrameBuilder.Udp(frame, OffloadFrames.VmMac, OffloadFrames.RouterMac, OffloadFrames.V4Source, OffloadFrames.V4Destination,
            53, 53, new byte[50]);
        Assert.False(new TcpCoalescer().TryStart(frame.AsSpan(0, length)));
    }

    [Fact]
    public void TryAppend_Psh_JoinsAndClosesTheRun()
    {
        var segments = Segments(false, OffloadFrames.Payload(5672), 1418); // 4 full segments; only the last has PSH
        var coalescer = new TcpCoalescer();
        Assert.True(coalescer.TryStart(segments[0]));
        Assert.True(coalescer.TryAppend(segments[1]));
        var withPsh = segments[2];
        withPsh[34 + 13] = 0x18;
        Rechecksum(withPsh);
        Assert.True(coalescer.TryAppend(withPsh));
        Assert.False(coalescer.TryAppend(segments[3]));
    }

    /// <summary>What the underlay delivers: the super-frame split by the segmenter (already verified by its own tests).</summary>
    private static List<byte[]> Segments(bool v6, byte[] payload, int mss)
    {
        var (frame, header) = OffloadFrames.SuperFrame(v6, payload, (ushort)mss);
        var segmenter = new TcpSegmenter();
        Assert.True(segmenter.Start(frame, header));
        var list = new List<byte[]>();
        var buffer = new byte[2048];
        while (segmenter.TryNext(frame, buffer, out var length))
        {
            list.Add(buffer[..length]);
        }

        return list;
    }

    private static void Rechecksum(byte[] frame)
    {
        frame[50] = 0;
        frame[51] = 0;
        var (source, destination) = OffloadFrames.Addresses(frame);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(50), InternetChecksum.ComputeWithPseudoHeader(source, destination, 6, frame.AsSpan(34)));
    }
}
