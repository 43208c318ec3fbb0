using System.Buffers.Binary;
using Hnv.Wire.Addressing;
using Hnv.Wire.Checksums;
using Hnv.Wire.Ip;
using Hnv.Wire.Tests.Support;

namespace Hnv.Wire.Tests.Checksums;

[Trait("tier", "pure")]
public sealed class InternetChecksumTests
{
    /// <summary>RFC 1071 section 1 taken literally: 16-bit big-endian words, odd byte padded, end-around carry.</summary>
    private static ushort Reference(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i < data.Length; i += 2)
        {
            sum += (uint)(data[i] << 8) | (i + 1 < data.Length ? data[i + 1] : 0u);
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    [Fact]
    public void Add_Rfc1071WorkedExample_SumsAndFolds()
    {
        // RFC 1071 section 3: bytes 00 01 f2 03 f4 f5 f6 f7 sum to 0x2ddf0, folded 0xddf2; the checksum is its complement.
        var bytes = Hex.Bytes("0001 f203 f4f5 f6f7");
        Assert.Equal(0xDDF2, InternetChecksum.Fold(InternetChecksum.Add(0, bytes)));
        Assert.Equal(0x220D, InternetChecksum.Compute(bytes));
        Assert.True(InternetChecksum.IsValid([.. bytes, 0x22, 0x0D]));
    }

    [Fact]
    public void Compute_CapturedIpv4Header_IsItsStoredChecksum()
    {
        var header = Hex.Bytes("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7");
        Assert.Equal(0xB861, InternetChecksum.Compute(header));
        header[10] = 0xB8;
        header[11] = 0x61;
        Assert.True(InternetChecksum.IsValid(header));
        header[15] ^= 1;
        Assert.False(InternetChecksum.IsValid(header));
    }

    [Theory]
    // RFC 1071 section 4.1: an odd final byte is padded with a zero byte on the right.
    [InlineData("01", 0xFEFF)]
    [InlineData("0102 03", 0xFBFD)]
    [InlineData("", 0xFFFF)]
    public void Compute_OddLength_PadsWithZero(string hex, int expected) =>
        Assert.Equal(expected, InternetChecksum.Compute(Hex.Bytes(hex)));

    [Fact]
    public void Compute_RandomData_MatchesWordByWordReference()
    {
        // RFC 1071 section 2(B): summing 32-bit words and folding gives the same result as 16-bit words.
        var random = new Random(1071);
        var buffer = new byte[2048];
        for (var i = 0; i < 2000; i++)
        {
            random.NextBytes(buffer);
            var start = random.Next(4); // unaligned starts too
            var data = buffer.AsSpan(start, random.Next(buffer.Length - 4));
            Assert.Equal(Reference(data), InternetChecksum.Compute(data));
        }
    }

    [Fact]
    public void Add_EveryLengthAndAlignmentUpTo64KiB_MatchesReference()
    {
        // The bulk goes a vector at a time and the tail word by word: every tail length, every start alignment,
        // sizes around the vector widths and up to a whole TSO super-frame; onto a running sum too.
        var random = new Random(8);
        var buffer = new byte[65536 + 64];
        random.NextBytes(buffer);
        foreach (var length in Enumerable.Range(0, 300).Concat([1448, 1460, 8948, 65535, 65536]))
        {
            foreach (var start in new[] { 0, 1, 2, 3, 31 })
            {
                var data = buffer.AsSpan(start, length);
                Assert.Equal(Reference(data), InternetChecksum.Compute(data));
                var running = InternetChecksum.Add(InternetChecksum.Add(0, (ushort)0xBEEF), data);
                Assert.Equal((ushort)~Reference([0xBE, 0xEF, .. data]), InternetChecksum.Fold(running));
            }
        }
    }

    [Fact]
    public void Add_AllOnes64KiB_CarriesFoldBackIn()
    {
        var data = new byte[65536];
        Array.Fill(data, (byte)0xFF);
        Assert.Equal(Reference(data), InternetChecksum.Compute(data));
        Assert.True(InternetChecksum.IsValid(data));
    }

    [Fact]
    public void Fold_LargeSums_EndAroundCarry()
    {
        Assert.Equal(0xFFFF, InternetChecksum.Fold(0xFFFF));
        Assert.Equal(0x0001, InternetChecksum.Fold(0x10000));
        Assert.Equal(0xFFFF, InternetChecksum.Fold(ulong.MaxValue)); // every carry folds back in
        Assert.Equal(0x0000, InternetChecksum.Fold(0));
        Assert.Equal(0xFFFE, InternetChecksum.Finish(1));
        Assert.Equal(0x1235, InternetChecksum.Fold(InternetChecksum.Add(InternetChecksum.Add(0, (ushort)0x1234), (ushort)1)));
    }

    [Fact]
    public void PseudoHeader_Ipv4_SumsAddressesProtocolAndLength()
    {
        // RFC 768: source, destination, zero, protocol, UDP length: 0a00+0001+0a00+0002+0011+000c.
        var sum = InternetChecksum.PseudoHeader(IpAddress.Parse("10.0.0.1"), IpAddress.Parse("10.0.0.2"), IpProtocol.Udp, 12);
        Assert.Equal(0x1420, InternetChecksum.Fold(sum));
    }

    [Fact]
    public void PseudoHeader_Ipv6_SumsAddressesLengthAndNextHeader()
    {
        // RFC 8200 section 8.1: 128-bit addresses, 32-bit upper-layer length, 24 zero bits, next header.
        var sum = InternetChecksum.PseudoHeader(IpAddress.Parse("2001:db8::1"), IpAddress.Parse("2001:db8::2"), IpProtocol.Icmpv6, 0x10000);
        var expected = (0x2001 + 0x0db8 + 1 + 0x2001 + 0x0db8 + 2 + 1 + 0 + 58) % 0xFFFF;
        Assert.Equal(expected, InternetChecksum.Fold(sum));
    }

    [Fact]
    public void ComputeWithPseudoHeader_ThenIsValid_Agrees()
    {
        var src = IpAddress.Parse("2001:db8::1");
        var dst = IpAddress.Parse("2001:db8::2");
        var segment = Hex.Bytes("c000 0035 000d 0000 6162636465");
        var sum = InternetChecksum.ComputeWithPseudoHeader(src, dst, IpProtocol.Udp, segment);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(6), sum);
        Assert.True(InternetChecksum.IsValidWithPseudoHeader(src, dst, IpProtocol.Udp, segment));
        Assert.False(InternetChecksum.IsValidWithPseudoHeader(dst, IpAddress.Parse("2001:db8::3"), IpProtocol.Udp, segment));
    }

    [Theory]
    // RFC 768: "If the computed checksum is zero, it is transmitted as all ones"; other values unchanged.
    [InlineData(0x0000, 0xFFFF)]
    [InlineData(0x0001, 0x0001)]
    [InlineData(0xFFFF, 0xFFFF)]
    [InlineData(0x1C46, 0x1C46)]
    public void ForUdp_Zero_SentAsAllOnes(int computed, int sent) => Assert.Equal(sent, InternetChecksum.ForUdp((ushort)computed));

    [Fact]
    public void Update_Rfc1624Example_GivesZeroNotAllOnes()
    {
        // RFC 1624 section 4: HC 0xDD2F, m 0x5555 -> m' 0x3285; eqn. 3 gives 0x0000 (eqn. 2 of RFC 1141 gave 0xFFFF).
        Assert.Equal(0x0000, InternetChecksum.Update(0xDD2F, 0x5555, 0x3285));
    }

    [Fact]
    public void Update_RandomTtlChanges_EqualsFullRecompute()
    {
        // RFC 1624 section 3: incremental update must agree with recomputation.
        var random = new Random(1624);
        var header = new byte[20];
        for (var i = 0; i < 5000; i++)
        {
            Ipv4Header.Write(header, RandomFrames.Address(random, false), RandomFrames.Address(random, false), (byte)random.Next(256),
                random.Next(20, 65536), (byte)random.Next(256), random.Next(2) == 0, (ushort)random.Next(65536), (byte)random.Next(256));
            var oldWord = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(8));
            header[8] = (byte)random.Next(256);
            var newWord = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(8));
            var incremental = InternetChecksum.Update(BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(10)), oldWord, newWord);
            header[10] = 0;
            header[11] = 0;
            Assert.Equal(InternetChecksum.Compute(header), incremental);
        }
    }
}
