using System.Buffers.Binary;
using Hnv.Dataplane.Linux.Offloads;
using Hnv.Wire.Building;
using Hnv.Wire.Checksums;
using Hnv.Wire.Ip;
using Hnv.Wire.Offloads;

namespace Hnv.Dataplane.Linux.Tests.Offloads;

/// <summary>The checksum trap: with TUN_F_CSUM a plain datagram arrives with only its pseudo-header sum.</summary>
[Trait("tier", "pure")]
public class ChecksumCompletionTests
{
    [Theory]
    [InlineData(false, 17)]
    [InlineData(true, 17)]
    [InlineData(false, 6)]
    [InlineData(true, 6)]
    public void TryComplete_PartialChecksum_BecomesWhatTheSenderWouldHaveSent(bool v6, byte protocol)
    {
        var frame = Frame(v6, protocol, OffloadFrames.Payload(101)); // odd length: the tail byte is padded
        var expected = frame.ToArray();
        var l4 = 14 + (v6 ? 40 : 20);
        OffloadFrames.WritePartialChecksum(frame, l4, protocol);
        Assert.NotEqual(expected, frame);

        Assert.True(ChecksumCompletion.TryComplete(frame, Header(l4, protocol)));
        Assert.Equal(expected, frame);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TryComplete_UdpSummingToZero_SendsAllOnes(bool v6) // RFC 768: 0 means "no checksum", so 0 is sent as 0xFFFF
    {
        var payload = new byte[20];
        var probe = Frame(v6, 17, payload);
        var l4 = 14 + (v6 ? 40 : 20);
        // Adding the checksum itself as a payload word makes the sum all ones, so the computed checksum is 0.
        BinaryPrimitives.WriteUInt16BigEndian(payload, BinaryPrimitives.ReadUInt16BigEndian(probe.AsSpan(l4 + 6)));
        var frame = Frame(v6, 17, payload);
        Assert.Equal(0xFFFF, BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(l4 + 6)));
        OffloadFrames.WritePartialChecksum(frame, l4, 17);

        Assert.True(ChecksumCompletion.TryComplete(frame, Header(l4, 17)));
        Assert.Equal(0xFFFF, BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(l4 + 6)));
        var (source, destination) = OffloadFrames.Addresses(frame);
        Assert.True(InternetChecksum.IsValidWithPseudoHeader(source, destination, IpProtocol.Udp, frame.AsSpan(l4)));
    }

    [Fact]
    public void TryComplete_OffsetsOutsideTheFrame_False()
    {
        var frame = Frame(false, 17, new byte[8]);
        Assert.False(ChecksumCompletion.TryComplete(frame, new VirtioNetHeader(VirtioNetHeader.NeedsChecksum, 0, 0, 0, (ushort)(frame.Length - 1), 6)));
        Assert.False(ChecksumCompletion.TryComplete(frame, new VirtioNetHeader(VirtioNetHeader.NeedsChecksum, 0, 0, 0, 4, 6)));
    }

    private static VirtioNetHeader Header(int l4, byte protocol) =>
        new(VirtioNetHeader.NeedsChecksum, VirtioNetHeader.GsoNone, 0, 0, (ushort)l4, (ushort)(protocol == 17 ? 6 : 16));

    private static byte[] Frame(bool v6, byte protocol, byte[] payload)
    {
        var frame = new byte[14 + 40 + 20 + payload.Length];
        var source = v6 ? OffloadFrames.V6Source : OffloadFrames.V4Source;
        var destination = v6 ? OffloadFrames.V6Destination : OffloadFrames.V4Destination;
        var length = protocol == 17
            ? FrameBuilder.Udp(frame, OffloadFrames.VmMac, OffloadFrames.RouterMac, source, destination, 5353, 53, payload)
            : FrameBuilder.Tcp(frame, OffloadFrames.VmMac, OffloadFrames.RouterMac, source, destination, 40000, 80, 1, 0x18, payload);
        return frame[..length];
    }
}
