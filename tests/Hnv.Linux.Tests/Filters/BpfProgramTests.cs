using System.Buffers.Binary;
using System.Net;
using Hnv.Linux.Filters;

namespace Hnv.Linux.Tests.Filters;

/// <summary>The underlay's filter passes exactly NVGRE's carrier, GRE to this host's PA; the kernel keeps the rest.</summary>
[Trait("tier", "pure")]
public class BpfProgramTests
{
    private static readonly IPAddress Pa4 = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress Pa6 = IPAddress.Parse("2001:db8::1");
    private static readonly BpfProgram Both = BpfProgram.GreToEthernet(Pa4, Pa6);

    [Theory]
    [InlineData("192.0.2.1", 47, true)] // GRE to our PA
    [InlineData("192.0.2.9", 47, false)] // GRE to another host (a flooded frame on a bridge)
    [InlineData("192.0.2.1", 17, false)] // UDP to us: the host's own traffic
    [InlineData("192.0.2.1", 1, false)] // ICMP to us
    [InlineData("2001:db8::1", 47, true)]
    [InlineData("2001:db8::9", 47, false)]
    [InlineData("2001:db8::1", 58, false)] // ICMPv6 (neighbour discovery) stays with the kernel
    public void Accepts_GreToEthernet_OnlyGreToThePa(string destination, byte protocol, bool accepted) =>
        Assert.Equal(accepted, Both.Accepts(Frame(IPAddress.Parse(destination), protocol)));

    [Fact]
    public void Accepts_ArpAndShortFrames_Rejected()
    {
        var arp = new byte[42];
        BinaryPrimitives.WriteUInt16BigEndian(arp.AsSpan(12), 0x0806);
        Assert.False(Both.Accepts(arp));
        Assert.False(Both.Accepts(Frame(Pa4, 47).AsSpan(0, 20)));
    }

    [Fact]
    public void GreToEthernet_OnlyIpv4Pa_RejectsIpv6Gre()
    {
        var v4Only = BpfProgram.GreToEthernet(Pa4, null);
        Assert.True(v4Only.Accepts(Frame(Pa4, 47)));
        Assert.False(v4Only.Accepts(Frame(Pa6, 47)));
    }

    [Theory]
    [InlineData("192.0.2.1", 47, BpfProgram.TrafficControlShot)] // ours: the AF_PACKET socket has it, the IP stack need not
    [InlineData("2001:db8::1", 47, BpfProgram.TrafficControlShot)]
    [InlineData("192.0.2.9", 47, BpfProgram.TrafficControlUnspecified)] // not ours: left to the kernel and any later filter
    [InlineData("192.0.2.1", 1, BpfProgram.TrafficControlUnspecified)] // ping to the host
    [InlineData("2001:db8::1", 58, BpfProgram.TrafficControlUnspecified)] // neighbour discovery
    public void DropGreTo_ShootsExactlyWhatTheSocketFilterTakes(string destination, byte protocol, uint verdict)
    {
        var frame = Frame(IPAddress.Parse(destination), protocol);
        Assert.Equal(verdict, BpfProgram.DropGreTo(Pa4, Pa6).Run(frame));
        Assert.Equal(verdict == BpfProgram.TrafficControlShot, Both.Accepts(frame));
    }

    [Fact]
    public void DropGreTo_ArpAndShortFrames_LeftToTheKernel()
    {
        var arp = new byte[42];
        BinaryPrimitives.WriteUInt16BigEndian(arp.AsSpan(12), 0x0806);
        var program = BpfProgram.DropGreTo(Pa4, null);
        Assert.Equal(BpfProgram.TrafficControlUnspecified, program.Run(arp));
        Assert.Equal(BpfProgram.TrafficControlUnspecified, program.Run(Frame(Pa6, 47))); // no IPv6 PA: not ours
        Assert.Equal(0u, program.Run(Frame(Pa4, 47).AsSpan(0, 20))); // the kernel's answer to a short load, as for sockets
    }

    [Fact]
    public void ToBytecode_CountThenEachInstruction()
    {
        var text = BpfProgram.RejectAll.ToBytecode();
        Assert.Equal("1,6 0 0 0", text);
        var program = BpfProgram.DropGreTo(Pa4, Pa6);
        var parts = program.ToBytecode().Split(',');
        Assert.Equal(program.Instructions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), parts[0]);
        Assert.Equal(program.Instructions.Count + 1, parts.Length);
        Assert.Equal("40 0 0 12", parts[1]); // load the EtherType
    }

    [Fact]
    public void RejectAll_RejectsGre() => Assert.False(BpfProgram.RejectAll.Accepts(Frame(Pa4, 47)));

    /// <summary>An Ethernet frame with an IPv4 or IPv6 header to <paramref name="destination"/> carrying <paramref name="protocol"/>.</summary>
    internal static byte[] Frame(IPAddress destination, byte protocol)
    {
        var v6 = destination.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        var frame = new byte[14 + (v6 ? 40 : 20) + 8];
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), (ushort)(v6 ? 0x86DD : 0x0800));
        if (v6)
        {
            frame[14] = 0x60;
            frame[20] = protocol;
            destination.GetAddressBytes().CopyTo(frame, 38);
        }
        else
        {
            frame[14] = 0x45;
            frame[23] = protocol;
            destination.GetAddressBytes().CopyTo(frame, 30);
        }

        return frame;
    }
}
