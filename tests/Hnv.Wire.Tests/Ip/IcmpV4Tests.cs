using System.Text;
using Hnv.Wire.Checksums;
using Hnv.Wire.Ip;
using Hnv.Wire.Tests.Support;

namespace Hnv.Wire.Tests.Ip;

[Trait("tier", "pure")]
public sealed class IcmpV4Tests
{
    // A captured Windows echo request (RFC 792): id 1, seq 1, 32 bytes "abcdefghijklmnopqrstuvwabcdefghi", checksum 0x4d5a.
    private static byte[] WindowsPing() =>
        [.. Hex.Bytes("0800 4d5a 0001 0001"), .. Encoding.ASCII.GetBytes("abcdefghijklmnopqrstuvwabcdefghi")];

    [Fact]
    public void TryRead_CapturedEchoRequest_ReadsFieldsAndChecksumValidates()
    {
        var bytes = WindowsPing();
        Assert.True(IcmpHeader.TryRead(bytes, out var icmp));
        Assert.Equal(IcmpV4.TypeEchoRequest, icmp.Type);
        Assert.Equal(0, icmp.Code);
        Assert.Equal(0x4D5A, icmp.Checksum);
        Assert.Equal(1, icmp.Identifier);
        Assert.Equal(1, icmp.Sequence);
        Assert.True(InternetChecksum.IsValid(bytes));
    }

    [Fact]
    public void TryRead_EveryLengthBelow8_ReturnsFalse()
    {
        var bytes = WindowsPing();
        for (var length = 0; length < IcmpV4.HeaderLength; length++)
        {
            Assert.False(IcmpHeader.TryRead(bytes.AsSpan(0, length), out _), $"length {length}");
        }
    }

    [Fact]
    public void WriteHeader_FragmentationNeeded_CarriesNextHopMtu()
    {
        // RFC 1191 section 4: type 3 code 4, next-hop MTU in the low 16 bits of the second word.
        var bytes = new byte[8];
        bytes.AsSpan().Fill(0xEE);
        IcmpHeader.WriteHeader(bytes, IcmpV4.TypeDestinationUnreachable, IcmpV4.CodeFragmentationNeeded, 1450);
        Assert.Equal(Hex.Bytes("0304 0000 0000 05aa"), bytes);
        Assert.True(IcmpHeader.TryRead(bytes, out var icmp));
        Assert.Equal(1450, icmp.NextHopMtu);
        icmp.Checksum = InternetChecksum.Compute(bytes);
        Assert.True(InternetChecksum.IsValid(bytes));
    }

    [Fact]
    public void TypeSetter_EchoReply_ChangesFirstByte()
    {
        var bytes = WindowsPing();
        Assert.True(IcmpHeader.TryRead(bytes, out var icmp));
        icmp.Type = IcmpV4.TypeEchoReply;
        Assert.Equal(0, bytes[0]);
    }

    [Theory]
    // RFC 792 type and code numbers.
    [InlineData(IcmpV4.TypeEchoReply, 0)]
    [InlineData(IcmpV4.TypeDestinationUnreachable, 3)]
    [InlineData(IcmpV4.TypeEchoRequest, 8)]
    [InlineData(IcmpV4.TypeTimeExceeded, 11)]
    public void TypeConstant_MatchesRfc792(byte constant, int value) => Assert.Equal(value, constant);

    [Theory]
    // RFC 792 destination-unreachable code 4 and time-exceeded code 0.
    [InlineData(IcmpV4.CodeFragmentationNeeded, 4)]
    [InlineData(IcmpV4.CodeTtlExceeded, 0)]
    public void CodeConstant_MatchesRfc792(byte constant, int value) => Assert.Equal(value, constant);
}
