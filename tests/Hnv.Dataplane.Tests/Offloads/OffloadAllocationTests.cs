using Hnv.Dataplane.Offloads;

namespace Hnv.Dataplane.Tests.Offloads;

/// <summary>The offload code runs per packet: splitting, finishing and joining allocate nothing (STYLE habit 3).</summary>
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

    private static void Round(TcpSegmenter segmenter, TcpCoalescer coalescer, byte[] frame, Hnv.Linux.Tap.VirtioNetHeader header, byte[] segment)
    {
        Assert.True(segmenter.Start(frame, 0, frame.Length, header));
        while (segmenter.TryNext(segment, out var length))
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
