using System.Buffers.Binary;
using Hnv.Dataplane.Linux.Offloads;
using Hnv.Wire.Offloads;
using Hnv.Wire.Tunnel;

namespace Hnv.Dataplane.Linux.Tests.Offloads;

/// <summary>
/// An NVGRE super-frame as a receiving NIC's GRO builds it is taken whole only when it has exactly that shape: its
/// inner frame, once its partial checksum is finished as the VM's kernel would, is one valid TCP packet carrying every
/// segment's payload. Anything else is left to be split.
/// </summary>
[Trait("tier", "pure")]
public class NvgreSuperFrameTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)] // IPv4 CAs over IPv6 PAs
    [InlineData(true, true)]
    public void TryPrepare_GroSuperFrame_TakenWholeWithItsPartialChecksum(bool outerV6, bool innerV6)
    {
        var payload = OffloadFrames.Payload(10_000);
        var (frame, header, innerStart) = GroFrame(outerV6, innerV6, payload);
        var tcpStart = header.ChecksumStart - innerStart;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(header.ChecksumStart + 16), 0xBEEF); // whatever the kernel left

        Assert.True(NvgreSuperFrame.TryPrepare(frame, header, out var segments));

        Assert.Equal(8, segments); // 10 000 bytes in segments of 1400
        var inner = frame[innerStart..];
        var innerHeader = header with { ChecksumStart = (ushort)tcpStart };
        Assert.True(ChecksumCompletion.TryComplete(inner, innerHeader)); // what the VM's kernel trusts a partial sum to give
        var view = OffloadFrames.Verify(inner);
        Assert.Equal(payload, view.Payload);
        Assert.Equal(1000u, view.Sequence);
    }

    [Fact]
    public void TryPrepare_OtherShapes_LeftToSplit()
    {
        var (good, header, innerStart) = GroFrame(outerV6: false, innerV6: false, OffloadFrames.Payload(5000));
        Assert.True(NvgreSuperFrame.TryPrepare(good.ToArray(), header, out _));

        Assert.False(NvgreSuperFrame.TryPrepare(good.ToArray(), header with { GsoType = VirtioNetHeader.GsoTcpV4 | VirtioNetHeader.GsoEcn }, out _));
        Assert.False(NvgreSuperFrame.TryPrepare(good.ToArray(), header with { GsoType = VirtioNetHeader.GsoTcpV6 }, out _));
        Assert.False(NvgreSuperFrame.TryPrepare(good.ToArray(), header with { GsoType = VirtioNetHeader.GsoUdpL4 }, out _));
        Assert.False(NvgreSuperFrame.TryPrepare(good.ToArray(), header with { GsoSize = 0 }, out _));
        Assert.False(NvgreSuperFrame.TryPrepare(good.ToArray(), header with { Flags = VirtioNetHeader.DataValid }, out _));
        Assert.False(NvgreSuperFrame.TryPrepare(good.ToArray(), header with { ChecksumStart = (ushort)(header.ChecksumStart - 20) }, out _));
        Assert.False(NvgreSuperFrame.TryPrepare(good.ToArray(), header with { ChecksumOffset = 6 }, out _));

        var greChecksum = good.ToArray();
        greChecksum[14 + 20] |= 0x80; // GRE C bit: not plain NVGRE
        Assert.False(NvgreSuperFrame.TryPrepare(greChecksum, header, out _));

        var padded = new byte[good.Length + 4]; // trailing bytes the inner IP length does not cover
        good.CopyTo(padded, 0);
        Assert.False(NvgreSuperFrame.TryPrepare(padded, header, out _));

        var udp = good.ToArray();
        udp[innerStart + 14 + 9] = 17;
        Assert.False(NvgreSuperFrame.TryPrepare(udp, header, out _));
    }

    [Fact]
    public void TryPrepare_DamagedFrames_RefuseOrTakeButNeverThrow()
    {
        var random = new Random(42);
        var (good, header, _) = GroFrame(outerV6: false, innerV6: false, OffloadFrames.Payload(6000));
        for (var round = 0; round < 20000; round++)
        {
            var frame = good[..(round % 3 == 0 ? random.Next(0, 200) : random.Next(0, good.Length + 1))];
            for (var flips = random.Next(0, 4); flips > 0 && frame.Length > 0; flips--)
            {
                frame[random.Next(0, Math.Min(frame.Length, 120))] = (byte)random.Next(256);
            }

            var damaged = header with { ChecksumStart = (ushort)random.Next(0, 200), GsoSize = (ushort)random.Next(0, 3000) };
            if (NvgreSuperFrame.TryPrepare(frame, round % 2 == 0 ? header : damaged, out var segments))
            {
                Assert.InRange(segments, 1, frame.Length);
            }
        }
    }

    /// <summary>
    /// A GRO'd NVGRE frame: <paramref name="payload"/> in one inner TCP packet (segments of 1400) behind outer IP and
    /// NVGRE, with the virtio header the packet socket gives (checksum start counted from the outer Ethernet header).
    /// </summary>
    private static (byte[] Frame, VirtioNetHeader Header, int InnerStart) GroFrame(bool outerV6, bool innerV6, byte[] payload)
    {
        var (inner, header) = OffloadFrames.SuperFrame(innerV6, payload, 1400);
        var frame = OffloadFrames.Nvgre(inner, outerV6);
        var innerStart = 14 + (outerV6 ? 40 : 20) + NvgreHeader.Length;
        return (frame, header with { ChecksumStart = (ushort)(innerStart + header.ChecksumStart) }, innerStart);
    }
}
