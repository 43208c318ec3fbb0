using System.Buffers.Binary;
using Hnv.Wire.Tests.Support;
using Hnv.Wire.Tunnel;

namespace Hnv.Wire.Tests.Tunnel;

[Trait("tier", "pure")]
public sealed class NvgreHeaderTests
{
    // RFC 7637 section 3.2: flags 0x2000 (K only), protocol 0x6558, VSID 0x123456, FlowID 0x78; then an inner frame.
    private const string Header = "2000 6558 123456 78";

    private static byte[] WithFlags(ushort flags, uint key = 0x12345678, ushort protocol = 0x6558)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, flags);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), protocol);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), key);
        return bytes;
    }

    [Fact]
    public void TryRead_ValidHeader_ReadsKeyVsidFlowIdAndPayload()
    {
        var bytes = Hex.Bytes(Header + "ffffffffffff");
        Assert.Equal(NvgreError.None, NvgreHeader.TryRead(bytes, out var gre));
        Assert.Equal(NvgreHeader.FlagsWord, gre.Flags);
        Assert.Equal(0x6558, gre.Protocol);
        Assert.Equal(0x12345678u, gre.Key);
        Assert.Equal(new Vsid(0x123456), gre.Vsid);
        Assert.Equal(0x78, gre.FlowId);
        Assert.Equal(6, gre.Payload.Length);
    }

    [Fact]
    public void TryRead_EveryLengthBelow8_Truncated()
    {
        var bytes = Hex.Bytes(Header);
        for (var length = 0; length < NvgreHeader.Length; length++)
        {
            Assert.Equal(NvgreError.Truncated, NvgreHeader.TryRead(bytes.AsSpan(0, length), out _));
        }
    }

    [Theory]
    // RFC 7637 3.2: the flags word of NVGRE is exactly 0x2000.
    [InlineData(0x2000, NvgreError.None)]
    // RFC 7637 3.2: "The K bit MUST be set to 1" (RFC 2890 section 2.1 Key Present).
    [InlineData(0x0000, NvgreError.KeyMissing)]
    [InlineData(0x0001, NvgreError.KeyMissing)]
    // RFC 7637 3.2: "The C (Checksum Present) ... bit MUST be zero" (RFC 2784 section 2.1).
    [InlineData(0xA000, NvgreError.ChecksumPresent)]
    [InlineData(0x8000, NvgreError.ChecksumPresent)]
    // RFC 7637 3.2: "... and S (Sequence Number Present) bits ... MUST be zero" (RFC 2890 section 2.1).
    [InlineData(0x3000, NvgreError.SequencePresent)]
    // RFC 2784 2.1 / RFC 2890: Reserved0 bits (1 and 4-12) must be zero.
    [InlineData(0x6000, NvgreError.ReservedBitsSet)]
    [InlineData(0x2800, NvgreError.ReservedBitsSet)]
    [InlineData(0x2008, NvgreError.ReservedBitsSet)]
    // RFC 2784 2.3.1: Version must be zero.
    [InlineData(0x2001, NvgreError.ReservedBitsSet)]
    [InlineData(0x2007, NvgreError.ReservedBitsSet)]
    public void TryRead_FlagsWord_Classified(int flags, NvgreError expected) =>
        Assert.Equal(expected, NvgreHeader.TryRead(WithFlags((ushort)flags), out _));

    [Theory]
    // RFC 7637 3.2: "The Protocol Type field ... MUST be set to 0x6558 (transparent Ethernet bridging)".
    [InlineData(0x0800)]
    [InlineData(0x86DD)]
    [InlineData(0x88BE)]
    [InlineData(0x0000)]
    public void TryRead_OtherProtocol_WrongProtocol(int protocol) =>
        Assert.Equal(NvgreError.WrongProtocol, NvgreHeader.TryRead(WithFlags(0x2000, protocol: (ushort)protocol), out _));

    [Theory]
    // RFC 7637 3.2: VSIDs 0-0xFFF are reserved for future use; 0xFFFFFF for vendor-specific NVE-NVA communication.
    [InlineData(0u, NvgreError.ReservedVsid)]
    [InlineData(0xFFFu, NvgreError.ReservedVsid)]
    [InlineData(0xFFFFFFu, NvgreError.ReservedVsid)]
    [InlineData(0x1000u, NvgreError.None)]
    [InlineData(0xFFFFFEu, NvgreError.None)]
    public void TryRead_VsidRange_ReservedRefused(uint vsid, NvgreError expected)
    {
        Assert.Equal(expected, NvgreHeader.TryRead(WithFlags(0x2000, key: (vsid << 8) | 0x42), out var gre));
        Assert.Equal(vsid, gre.Vsid.Value); // the view stays usable for counting
        Assert.Equal(0x42, gre.FlowId);
    }

    [Theory]
    // RFC 7637 3.2: Key = VSID (24 bits) << 8 | FlowID (8 bits).
    [InlineData(0x1000u, 0)]
    [InlineData(0x123456u, 0x78)]
    [InlineData(0xFFFFFEu, 0xFF)]
    public void Write_VsidAndFlowId_KeyIsVsidShiftedOrFlowId(uint vsid, byte flowId)
    {
        var bytes = new byte[8];
        NvgreHeader.Write(bytes, new Vsid(vsid), flowId);
        Assert.Equal(NvgreError.None, NvgreHeader.TryRead(bytes, out var gre));
        Assert.Equal((vsid << 8) | flowId, gre.Key);
        Assert.Equal((vsid << 8) | flowId, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4)));
        Assert.Equal(Hex.Bytes("2000 6558"), bytes[..4]);
        Assert.Equal(flowId, gre.FlowId);
        Assert.Equal(new Vsid(vsid), gre.Vsid);
    }
}
