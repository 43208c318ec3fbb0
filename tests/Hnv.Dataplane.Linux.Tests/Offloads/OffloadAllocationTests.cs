using Hnv.Dataplane.Linux.Offloads;
using Hnv.Wire.Offloads;

namespace Hnv.Dataplane.Linux.Tests.Offloads;

/// <summary>The offload code runs per packet: splitting, finishing and joining allocate nothing.</summary>
[Trait("tier", "pure")]
public class OffloadAllocationTests
{
    [Fact]
    public void SegmentCompleteCoalesce_ManyRounds_AllocateNothing()
    {
        var (frame, header) = OffloadFrames.SuperFrame(false, OffloadFrames.Payload(60_000), 1418);
        var udp = OffloadFrames.SuperFrame(false, OffloadFrames.Payload(100), 1418);
        var segmenter = new TcpSegmenter();
        var coalescer = new TcpCoalescer();
        var segment = new byte[2048];
        Round(segmenter, coalescer, frame, header, segment); // warm up (JIT, statics)

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            Round(segmenter, coalescer, frame, header, segment);
            ChecksumCompletion.TryComplete(udp.Frame, udp.Header with { GsoType = 0 });
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void UdpCoalesce_ManyRounds_AllocateNothing()
    {
        // Ten of one IPv4 flow (joined), then IPv4 and IPv6 in turn (each its own).
        var datagrams = Enumerable.Range(0, 20).Select(i => UdpCoalescerTests.Datagram(i >= 10 && i % 2 == 0, OffloadFrames.Payload(64, seed: i))).ToArray();
        var coalescer = new UdpCoalescer();
        UdpRound(coalescer, datagrams); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            UdpRound(coalescer, datagrams);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void UdpRound(UdpCoalescer coalescer, byte[][] datagrams)
    {
        foreach (var datagram in datagrams)
        {
            if (!coalescer.TryAppend(datagram))
            {
                if (coalescer.HasPending)
                {
                    _ = coalescer.Complete();
                }

                Assert.True(coalescer.TryStart(datagram));
            }
        }

        _ = coalescer.Complete();
    }

    private static void Round(TcpSegmenter segmenter, TcpCoalescer coalescer, byte[] frame, VirtioNetHeader header, byte[] segment)
    {
        Assert.True(segmenter.Start(frame, header));
        while (segmenter.TryNext(frame, segment, out var length))
        {
            if (!coalescer.TryAppend(segment.AsSpan(0, length)))
            {
                if (coalescer.HasPending)
                {
                    _ = coalescer.Complete();
                }

                coalescer.TryStart(segment.AsSpan(0, length));
            }
        }

        if (coalescer.HasPending)
        {
            _ = coalescer.Complete();
        }
    }
}
