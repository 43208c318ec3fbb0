using Hnv.Gateway.Contexts;

namespace Hnv.Gateway.Tests.Contexts;

/// <summary>conntrack -L's lines as the gateway's /v1/nat reads them.</summary>
[Trait("tier", "pure")]
public sealed class ConntrackEntryTests
{
    [Fact]
    public void Parse_Udp_GivesBothDirections()
    {
        var entry = ConntrackEntry.Parse("udp      17 24 src=10.0.0.11 dst=203.0.113.53 sport=44479 dport=53 src=203.0.113.53 dst=100.64.0.1 sport=53 dport=44479 mark=0 use=1");

        Assert.Equal(new ConntrackEntry("udp", null, new ConntrackTuple("10.0.0.11", "203.0.113.53", 44479, 53), new ConntrackTuple("203.0.113.53", "100.64.0.1", 53, 44479)), entry);
    }

    [Fact]
    public void Parse_Tcp_KeepsItsStateNotItsFlags()
    {
        var entry = ConntrackEntry.Parse("tcp      6 109 TIME_WAIT src=100.64.0.1 dst=203.0.113.80 sport=40300 dport=80 src=203.0.113.80 dst=203.0.113.100 sport=80 dport=40300 [ASSURED] mark=0 use=1");

        Assert.NotNull(entry);
        Assert.Equal("TIME_WAIT", entry.State);
        Assert.Equal("203.0.113.100", entry.Reply.Destination);
    }

    [Fact]
    public void Parse_Icmp_HasNoPorts()
    {
        var entry = ConntrackEntry.Parse("icmp     1 20 src=10.0.0.10 dst=203.0.113.1 type=8 code=0 id=28601 src=203.0.113.1 dst=100.64.0.1 type=0 code=0 id=28601 mark=0 use=1");

        Assert.NotNull(entry);
        Assert.Null(entry.Original.SourcePort);
        Assert.Equal("100.64.0.1", entry.Reply.Destination);
    }

    [Theory]
    [InlineData("")]
    [InlineData("conntrack v1.4.7 (conntrack-tools): 3 flow entries have been shown.")]
    [InlineData("udp 17 24 src=10.0.0.11 dst=203.0.113.53")]
    public void Parse_NotAConnection_IsNull(string line) => Assert.Null(ConntrackEntry.Parse(line));
}
