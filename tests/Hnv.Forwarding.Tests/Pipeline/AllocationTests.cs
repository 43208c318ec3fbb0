using Hnv.Forwarding.Buffers;
using Hnv.Forwarding.Counters;
using Hnv.Forwarding.Pipeline;
using static Hnv.Forwarding.Tests.Fixtures.Packets;
using static Hnv.Forwarding.Tests.Fixtures.TestNetwork;

namespace Hnv.Forwarding.Tests.Pipeline;

/// <summary>The packet path allocates nothing: measured on this thread's allocation counter.</summary>
[Trait("tier", "pure")]
public sealed class AllocationTests
{
    [Fact]
    public void EveryPath_AfterWarmUp_AllocatesZeroBytesPerPacket()
    {
        var host1 = Host1();
        var host2 = Host2();
        var counters = new ForwardingCounters();
        var cases = new (PacketBuffer Packet, byte[] Frame, bool FromUnderlay, int Port)[]
        {
            Case(Udp(A1, A2), false, 0),                                             // encapsulate v4
            Case(Udp(A1, A2, v6: true), false, 0),                                   // encapsulate v6
            Case(Udp(A1, A3), false, 0),                                             // local delivery
            Case(Udp(A1, A4.Ca4, host1.Settings.RouterMac), false, 0),              // routed
            Case(Udp(A1, A2, payload: 1460), false, 0),                              // fragmentation needed
            Case(Udp(A1, A4.Ca4, host1.Settings.RouterMac, ttl: 1), false, 0),      // time exceeded
            Case(Build(s => Wire.Building.FrameBuilder.ArpRequest(s, A1.Mac, A1.Ca4, A2.Ca4)), false, 0),
            Case(Udp(A3, A2), false, 0),                                             // spoofed: A3 on A1's port
            Case(Nvgre(Udp(A2, A1), Host2Pa, Host1Pa, new Wire.Tunnel.Vsid(5001)), true, 0),
            Case(Nvgre(Udp(A2, A1), GatewayPa, Host1Pa, new Wire.Tunnel.Vsid(5001)), true, 0), // source PA mismatch
        };

        RunAll(cases, host1, host2, counters); // warm up: JIT, first-seen counters
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            RunAll(cases, host1, host2, counters);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    private static (PacketBuffer, byte[], bool, int) Case(PacketBuffer packet, bool fromUnderlay, int port) =>
        (packet, packet.Data.ToArray(), fromUnderlay, port);

    private static void RunAll((PacketBuffer Packet, byte[] Frame, bool FromUnderlay, int Port)[] cases, Hnv.Forwarding.Node.NodeSnapshot host1,
        Hnv.Forwarding.Node.NodeSnapshot host2, ForwardingCounters counters)
    {
        foreach (var c in cases)
        {
            c.Packet.Load(c.Frame);
            _ = c.FromUnderlay
                ? ForwardingPipeline.FromUnderlay(c.Packet, host1, counters)
                : ForwardingPipeline.FromPort(c.Packet, c.Port, host1, counters);
        }

        _ = host2;
    }
}
