using Hnv.Dataplane.Node;
using Hnv.Dataplane.Ports;
using Hnv.Dataplane.Workers;
using Hnv.Forwarding.Node;
using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Tunnel;
using static Hnv.Dataplane.Tests.Support.TwoHostNetwork;

namespace Hnv.Dataplane.Tests.Support;

/// <summary>
/// Two running forwarding nodes on a memory fabric with <see cref="TwoHostNetwork"/>'s policy, vm1 attached to the
/// first and vm2 to the second; the second (or the first) with a worker per direction, so both shapes are exercised.
/// </summary>
internal sealed class TwoNodes : IDisposable
{
    private readonly MemoryFabric _fabric = new();

    public TwoNodes(int firstWorkers = 1, int secondWorkers = 2)
    {
        Node1 = new ForwardingNode(new NodeSettings { ProviderAddressV4 = Pa1 }, _fabric.Connect(Pa1), () => new EventWaiter(), new ForwardingNodeOptions { Workers = firstWorkers });
        Node2 = new ForwardingNode(new NodeSettings { ProviderAddressV4 = Pa2 }, _fabric.Connect(Pa2), () => new EventWaiter(), new ForwardingNodeOptions { Workers = secondWorkers });
        var policy = TwoHostPolicy();
        Node1.ApplyPolicy(policy);
        Node2.ApplyPolicy(policy);
        Node1.Start();
        Node2.Start();
        Vm1 = Attach(Node1, "vm1", Mac1, Ca1);
        Vm2 = Attach(Node2, "vm2", Mac2, Ca2);
    }

    public ForwardingNode Node1 { get; }

    public ForwardingNode Node2 { get; }

    public MemoryVmPort Vm1 { get; }

    public MemoryVmPort Vm2 { get; }

    public void Dispose()
    {
        Node1.Dispose();
        Node2.Dispose();
    }

    /// <summary>The next frame written to <paramref name="port"/> (fails after 5 s).</summary>
    public static byte[] Take(MemoryVmPort port)
    {
        byte[]? frame = null;
        Assert.True(SpinWait.SpinUntil(() => port.TryTake(out frame), TimeSpan.FromSeconds(5)), "nothing arrived");
        return frame!;
    }

    /// <summary>A UDP datagram 40000 -> 53 with <paramref name="payload"/> (4 bytes by default).</summary>
    public static byte[] Udp(MacAddress srcMac, MacAddress dstMac, IpAddress src, IpAddress dst, byte[]? payload = null)
    {
        var buffer = new byte[200];
        return buffer[..FrameBuilder.Udp(buffer, srcMac, dstMac, src, dst, 40000, 53, payload ?? [1, 2, 3, 4])];
    }

    private static MemoryVmPort Attach(ForwardingNode node, string name, MacAddress mac, IpAddress ca)
    {
        MemoryVmPort? device = null;
        Assert.True(node.TryAttach(name, mac, new Vsid(5001), [ca], i => device = new MemoryVmPort(i, name), out _, out var conflict), conflict);
        return device!;
    }
}
