using System.Buffers.Binary;
using Hnv.Dataplane.Linux.Offloads;
using Hnv.Wire.Checksums;
using Hnv.Wire.Tunnel;

namespace Hnv.Dataplane.Linux.Tests.Offloads;

/// <summary>
/// An NVGRE super-frame as a receiving NIC's GRO builds it (one outer header, lengths covering every segment, the
/// inner TCP checksum left to finish) splits into NVGRE packets each of which a receiving host accepts: outer
/// length and checksum right, NVGRE header kept, inner segment valid, payload whole and in order.
/// </summary>
[Trait("tier", "pure")]
public class NvgreSegmenterTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)] // IPv4 CAs over IPv6 PAs
    [InlineData(true, true)]
    public void TryNext_GroSuperFrame_ValidNvgrePacketsInOrder(bool outerV6, bool innerV6)
    {
        var payload = OffloadFrames.Payload(10_000);
        var (inner, header) = OffloadFrames.SuperFrame(innerV6, payload, 1400);
        var frame = Outer(inner, outerV6);
        var segmenter = new NvgreSegmenter();
        Assert.True(segmenter.Start(frame, header));

        var outerLength = outerV6 ? 40 : 20;
        var innerStart = 14 + outerLength + NvgreHeader.Length;
        var buffer = new byte[2048];
        var joined = new List<byte>();
        var count = 0;
        while (segmenter.TryNext(frame, buffer, out var length))
        {
            var packet = buffer.AsSpan(0, length);
            Assert.Equal(frame.AsSpan(0, 14).ToArray(), packet[..14].ToArray()); // outer Ethernet as received
            if (outerV6)
            {
                Assert.Equal(length - 14 - 40, BinaryPrimitives.ReadUInt16BigEndian(packet[18..]));
            }
            else
            {
                Assert.Equal(length - 14, BinaryPrimitives.ReadUInt16BigEndian(packet[16..]));
                Assert.True(InternetChecksum.IsValid(packet.Slice(14, 20)), "outer IPv4 header checksum");
            }

            Assert.Equal(NvgreError.None, NvgreHeader.TryRead(packet[(14 + outerLength)..], out var nvgre));
            Assert.Equal(new Vsid(5001), nvgre.Vsid);
            Assert.Equal(9, nvgre.FlowId);
            var view = OffloadFrames.Verify(packet[innerStart..]);
            Assert.Equal(unchecked(1000u + (uint)joined.Count), view.Sequence);
            joined.AddRange(view.Payload);
            count++;
        }

        Assert.Equal((payload.Length + 1399) / 1400, count);
        Assert.Equal(payload, joined.ToArray());
        Assert.False(segmenter.HasPending);
    }

    [Fact]
    public void Start_NotPlainNvgre_Refused()
    {
        var (inner, header) = OffloadFrames.SuperFrame(false, OffloadFrames.Payload(3000), 1400);
        var segmenter = new NvgreSegmenter();

        var checksummed = Outer(inner, outerV6: false);
        checksummed[14 + 20] |= 0x80; // GRE C bit: not what NVGRE sends, and the segments would need it recomputed
        Assert.False(segmenter.Start(checksummed, header));

        var notGre = Outer(inner, outerV6: false);
        notGre[14 + 9] = 17;
        Assert.False(segmenter.Start(notGre, header));

        var optionsPastTheEnd = Outer(inner, outerV6: false)[..70];
        optionsPastTheEnd[14] = 0x4F; // IPv4 header of 60 bytes: the GRE header would start past the frame's end
        Assert.False(segmenter.Start(optionsPastTheEnd, header));

        var noGso = header with { GsoSize = 0 };
        Assert.False(segmenter.Start(Outer(inner, outerV6: false), noGso));
        Assert.False(segmenter.HasPending);
    }

    [Fact]
    public void StartAndTryNext_DamagedFrames_RefuseOrSplitButNeverThrow()
    {
        // Whatever a NIC or a peer hands over, splitting may refuse it (a counted drop) but never throws, and never
        // writes past the destination.
        var random = new Random(42);
        var (inner, header) = OffloadFrames.SuperFrame(false, OffloadFrames.Payload(6000), 1400);
        var good = Outer(inner, outerV6: false);
        var segmenter = new NvgreSegmenter();
        var destination = new byte[2048];
        for (var round = 0; round < 20000; round++)
        {
            var frame = good[..(round % 3 == 0 ? random.Next(0, 160) : random.Next(0, good.Length + 1))]; // often cut among the headers
            for (var flips = random.Next(0, 4); flips > 0 && frame.Length > 0; flips--)
            {
                frame[random.Next(0, Math.Min(frame.Length, 100))] = (byte)random.Next(256);
            }

            if (frame.Length > 14 && round % 5 == 0)
            {
                frame[14] = (byte)(0x40 | random.Next(16)); // any outer IPv4 header length, options included
            }

            var started = round % 2 == 0
                ? segmenter.Start(frame, header with { GsoSize = (ushort)random.Next(0, 3000) })
                : segmenter.Start(frame, random.Next(0, 2000));
            var segments = 0;
            while (started && segmenter.TryNext(frame, destination, out var length) && segments++ < 100)
            {
                Assert.InRange(length, 1, destination.Length);
            }
        }
    }

    private static byte[] Outer(byte[] inner, bool outerV6) => OffloadFrames.Nvgre(inner, outerV6);
}
