using Hnv.Wire.Addressing;
using Hnv.Wire.Ip;
using Hnv.Wire.Tests.Support;

namespace Hnv.Wire.Tests.Ip;

[Trait("tier", "pure")]
public sealed class Ipv4HeaderTests
{
    // A captured UDP packet's header: 192.168.0.1 -> 192.168.0.199, total length 115, DF, TTL 64, checksum 0xb861.
    private const string Header = "4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7";

    private static byte[] Packet(string header = Header, int total = 115)
    {
        var bytes = new byte[total];
        Hex.Bytes(header).CopyTo(bytes, 0);
        return bytes;
    }

    [Fact]
    public void TryRead_CapturedHeader_ReadsEveryField()
    {
        var bytes = Packet();
        Assert.True(Ipv4Header.TryRead(bytes, out var ip));
        Assert.Equal(20, ip.HeaderLength);
        Assert.False(ip.HasOptions);
        Assert.Equal(0, ip.TypeOfService);
        Assert.Equal(115, ip.TotalLength);
        Assert.Equal(0, ip.Identification);
        Assert.True(ip.DontFragment);
        Assert.False(ip.MoreFragments);
        Assert.Equal(0, ip.FragmentOffset);
        Assert.False(ip.IsFragment);
        Assert.Equal(64, ip.TimeToLive);
        Assert.Equal(IpProtocol.Udp, ip.Protocol);
        Assert.Equal(0xB861, ip.Checksum);
        Assert.Equal(IpAddress.Parse("192.168.0.1"), ip.Source);
        Assert.Equal(IpAddress.Parse("192.168.0.199"), ip.Destination);
        Assert.True(ip.IsChecksumValid);
        Assert.Equal(20, ip.HeaderBytes.Length);
        Assert.Equal(95, ip.Payload.Length);
        Assert.Equal(115, ip.PacketBytes.Length);
    }

    [Fact]
    public void TryRead_EthernetPaddingPastTotalLength_AcceptedAndExcluded()
    {
        // RFC 894: a short packet is padded to the Ethernet minimum; Total Length says where it really ends.
        var bytes = Packet("4500 0014 0000 4000 4011 0000 c0a8 0001 c0a8 00c7", 46);
        Assert.True(Ipv4Header.TryRead(bytes, out var ip));
        Assert.Equal(20, ip.PacketBytes.Length);
        Assert.True(ip.Payload.IsEmpty);
    }

    [Fact]
    public void TryRead_EveryLengthBelow20_ReturnsFalse()
    {
        var bytes = Packet();
        for (var length = 0; length < Ipv4Header.MinLength; length++)
        {
            Assert.False(Ipv4Header.TryRead(bytes.AsSpan(0, length), out _), $"length {length}");
        }
    }

    [Theory]
    // RFC 791 section 3.1: Version must be 4.
    [InlineData(0x65)]
    [InlineData(0x05)]
    [InlineData(0xF5)]
    // RFC 791 section 3.1: IHL is at least 5 (20 bytes).
    [InlineData(0x40)]
    [InlineData(0x44)]
    public void TryRead_BadVersionOrIhl_ReturnsFalse(byte versionAndIhl)
    {
        var bytes = Packet();
        bytes[0] = versionAndIhl;
        Assert.False(Ipv4Header.TryRead(bytes, out _));
    }

    [Theory]
    // RFC 791: Total Length covers header and data, so it cannot be below IHL or past the bytes received.
    [InlineData(116)]
    [InlineData(0xFFFF)]
    [InlineData(19)]
    [InlineData(0)]
    public void TryRead_TotalLengthOutOfRange_ReturnsFalse(int total)
    {
        var bytes = Packet();
        bytes[2] = (byte)(total >> 8);
        bytes[3] = (byte)total;
        Assert.False(Ipv4Header.TryRead(bytes, out _));
    }

    [Fact]
    public void TryRead_OptionsPastTotalLength_ReturnsFalse()
    {
        // IHL 15 (60 bytes) but Total Length 40.
        var bytes = Packet("4f00 0028 0000 0000 4011 0000 c0a8 0001 c0a8 00c7", 60);
        Assert.False(Ipv4Header.TryRead(bytes, out _));
    }

    [Fact]
    public void TryRead_WithOptions_HeaderLengthFromIhl()
    {
        // RFC 791 3.1: IHL 6 with a 4-byte option (Router Alert, RFC 2113: 94 04 00 00).
        var bytes = Packet("4600 0020 0000 0000 0102 0000 0a000001 e0000016 94040000", 32);
        Assert.True(Ipv4Header.TryRead(bytes, out var ip));
        ip.UpdateChecksum();
        Assert.True(ip.HasOptions);
        Assert.Equal(24, ip.HeaderLength);
        Assert.Equal(8, ip.Payload.Length);
        Assert.True(ip.IsChecksumValid);
    }

    [Theory]
    // RFC 791 3.1 flags and fragment offset (in 8-byte units); a fragment is MF set or offset non-zero.
    [InlineData(0x4000, false, 0, false)]
    [InlineData(0x2000, true, 0, true)]
    [InlineData(0x20B9, true, 1480, true)]
    [InlineData(0x00B9, false, 1480, true)]
    [InlineData(0x1FFF, false, 65528, true)]
    public void FragmentFields_FlagsWord_Decoded(int word, bool moreFragments, int offset, bool isFragment)
    {
        var bytes = Packet();
        bytes[6] = (byte)(word >> 8);
        bytes[7] = (byte)word;
        Assert.True(Ipv4Header.TryRead(bytes, out var ip));
        Assert.Equal(moreFragments, ip.MoreFragments);
        Assert.Equal(offset, ip.FragmentOffset);
        Assert.Equal(isFragment, ip.IsFragment);
    }

    [Fact]
    public void Write_Defaults_MatchesCapturedHeader()
    {
        var bytes = new byte[115];
        Ipv4Header.Write(bytes, IpAddress.Parse("192.168.0.1"), IpAddress.Parse("192.168.0.199"), IpProtocol.Udp, 115);
        Assert.Equal(Hex.Bytes(Header), bytes[..20]);
    }

    [Fact]
    public void Write_AllParameters_ReadBack()
    {
        var bytes = new byte[40];
        Ipv4Header.Write(bytes, IpAddress.Parse("10.0.0.1"), IpAddress.Parse("10.0.0.2"), IpProtocol.Tcp, 40,
            timeToLive: 7, dontFragment: false, identification: 0xBEEF, typeOfService: 0xB8);
        Assert.True(Ipv4Header.TryRead(bytes, out var ip));
        Assert.Equal((7, false, 0xBEEF, 0xB8), (ip.TimeToLive, ip.DontFragment, (int)ip.Identification, (int)ip.TypeOfService));
        Assert.True(ip.IsChecksumValid);
    }

    [Fact]
    public void DecrementTimeToLive_IncrementalUpdate_MatchesRecompute()
    {
        // RFC 1624 section 4: the incrementally updated checksum equals a full recomputation.
        var bytes = Packet();
        Assert.True(Ipv4Header.TryRead(bytes, out var ip));
        for (var i = 0; i < 63; i++)
        {
            ip.DecrementTimeToLive();
            var incremental = ip.Checksum;
            Assert.True(ip.IsChecksumValid);
            ip.UpdateChecksum();
            Assert.Equal(ip.Checksum, incremental);
        }

        Assert.Equal(1, ip.TimeToLive);
    }

    [Fact]
    public void Setters_ChangeAddressesAndTtl_ChecksumInvalidUntilUpdated()
    {
        var bytes = Packet();
        Assert.True(Ipv4Header.TryRead(bytes, out var ip));
        ip.Source = IpAddress.Parse("10.9.8.7");
        ip.Destination = IpAddress.Parse("10.6.5.4");
        ip.TimeToLive = 3;
        Assert.False(ip.IsChecksumValid);
        ip.UpdateChecksum();
        Assert.True(ip.IsChecksumValid);
        Assert.Equal(Hex.Bytes("0a090807 0a060504"), bytes[12..20]);
    }
}
