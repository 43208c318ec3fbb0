using Hnv.Dataplane.Linux.Offloads;
using Hnv.Wire.Offloads;

namespace Hnv.Dataplane.Linux.Tests.Offloads;

/// <summary>Software TSO: every segment is a frame a receiving stack accepts, and together they carry the payload in order.</summary>
[Trait("tier", "pure")]
public class TcpSegmenterTests
{
    [Theory]
    [InlineData(false, 4000, 1418)] // 3 segments, the last short
    [InlineData(false, 65000, 1418)] // the largest TSO read
    [InlineData(true, 4000, 1398)]
    [InlineData(false, 1418, 1418)] // exactly one MSS
    [InlineData(true, 2836, 1418)] // exactly two
    public void TryNext_SuperFrame_SegmentsValidInOrderWithRightHeaders(bool v6, int payloadLength, int mss)
    {
        var payload = OffloadFrames.Payload(payloadLength);
        var (frame, header) = OffloadFrames.SuperFrame(v6, payload, (ushort)mss, sequence: 0xFFFFF000, flags: 0x19); // ACK|PSH|FIN; wraps
        var segmenter = new TcpSegmenter();
        Assert.True(segmenter.Start(frame, header));

        var buffer = new byte[2048];
        var joined = new List<byte>();
        var expected = (payloadLength + mss - 1) / mss;
        for (var i = 0; i < expected; i++)
        {
            Assert.True(segmenter.TryNext(frame, buffer, out var length));
            var view = OffloadFrames.Verify(buffer.AsSpan(0, length));
            Assert.Equal(unchecked(0xFFFFF000u + (uint)(i * mss)), view.Sequence);
            Assert.Equal(i == expected - 1 ? 0x19 : 0x10, view.Flags); // FIN and PSH only on the last (RFC 793 semantics kept)
            Assert.Equal(v6 ? 0 : 0x1234 + i, view.IpId);
            Assert.True(view.Payload.Length <= mss);
            joined.AddRange(view.Payload);
        }

        Assert.False(segmenter.TryNext(frame, buffer, out _));
        Assert.Equal(payload, joined.ToArray());
    }

    [Fact]
    public void TryNext_CwrOnFirst_OnlyTheFirstSegmentKeepsIt() // RFC 3168 6.1.2: CWR once per window reduction
    {
        var (frame, header) = OffloadFrames.SuperFrame(false, OffloadFrames.Payload(3000), 1000, flags: 0x90);
        var segmenter = new TcpSegmenter();
        Assert.True(segmenter.Start(frame, header));
        var buffer = new byte[2048];
        var flags = new List<byte>();
        while (segmenter.TryNext(frame, buffer, out var length))
        {
            flags.Add(OffloadFrames.Verify(buffer.AsSpan(0, length)).Flags);
        }

        Assert.Equal([0x90, 0x10, 0x10], flags);
    }

    [Fact]
    public void Skip_AfterFirstSegment_NothingMore()
    {
        var (frame, header) = OffloadFrames.SuperFrame(false, OffloadFrames.Payload(5000), 1000);
        var segmenter = new TcpSegmenter();
        Assert.True(segmenter.Start(frame, header));
        Assert.True(segmenter.TryNext(frame, new byte[2048], out _));
        segmenter.Skip();
        Assert.False(segmenter.HasPending);
        Assert.False(segmenter.TryNext(frame, new byte[2048], out _));
    }

    [Theory]
    [InlineData(0)] // gso_size 0
    [InlineData(1)] // family mismatch: IPv4 frame announced as TCPV6
    [InlineData(2)] // cut inside the TCP header
    public void Start_Malformed_False(int defect)
    {
        var (frame, header) = OffloadFrames.SuperFrame(false, OffloadFrames.Payload(3000), 1000);
        var length = frame.Length;
        header = defect switch
        {
            0 => header with { GsoSize = 0 },
            1 => header with { GsoType = VirtioNetHeader.GsoTcpV6 },
            _ => header,
        };
        if (defect == 2)
        {
            length = 14 + 20 + 10;
        }

        var segmenter = new TcpSegmenter();
        Assert.False(segmenter.Start(frame.AsSpan(0, length), header));
        Assert.False(segmenter.HasPending);
    }
}
