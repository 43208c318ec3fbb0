using System.Collections.Immutable;
using System.Diagnostics;
using Hnv.Dataplane.Linux.Tests.Support;
using Hnv.Dataplane.Linux.VmPorts;
using Hnv.Dataplane.Ports;
using Hnv.Dataplane.State;
using Hnv.Dataplane.Workers;
using Hnv.Forwarding.Buffers;
using Hnv.Forwarding.Node;
using Hnv.Linux.Sockets;
using Hnv.Policy.Documents;
using Hnv.Policy.Snapshots;
using Hnv.Policy.Validation;
using Hnv.Wire.Addressing;
using Hnv.Wire.Ip;
using Hnv.Wire.Tunnel;

namespace Hnv.Dataplane.Linux.Tests.VmPorts;

/// <summary>
/// An existing interface as a VM NIC (AF_PACKET with a virtio header): a veth whose far end is a real Linux stack in
/// its own namespace. Its ping is answered by the ARP proxy through the AF_PACKET port and leaves toward the remote
/// host as NVGRE. (TCP and UDP through such ports: <see cref="OffloadVmPortTests"/>.)
/// </summary>
[Trait("tier", "system")]
public sealed class ExistingInterfacePortTests : IDisposable
{
    private static readonly IpAddress Pa1 = IpAddress.Parse("192.0.2.1");
    private static readonly IpAddress Pa2 = IpAddress.Parse("192.0.2.2");
    private readonly string _ns = "hnvd-" + Guid.NewGuid().ToString("N")[..6];
    private readonly string _hostEnd;

    public ExistingInterfacePortTests()
    {
        _hostEnd = _ns.Replace("-", "", StringComparison.Ordinal) + "h";
        Ip("netns", "add", _ns);
        Ip("link", "add", _hostEnd, "type", "veth", "peer", "name", "eth0", "netns", _ns);
        Ip("link", "set", _hostEnd, "up");
        Ip("-n", _ns, "link", "set", "eth0", "address", "02:00:00:00:00:11");
        Ip("-n", _ns, "addr", "add", "10.0.0.11/24", "dev", "eth0");
        Ip("-n", _ns, "link", "set", "eth0", "up");
    }

    public void Dispose()
    {
        Ip("link", "del", _hostEnd); // both ends of the pair
        Ip("netns", "del", _ns);
        Assert.DoesNotContain(_ns, Ip("netns", "list"), StringComparison.Ordinal);
        Assert.DoesNotContain(_hostEnd, Ip("link", "show"), StringComparison.Ordinal);
    }

    [Fact]
    public void PingFromTheVm_IsAnsweredByTheArpProxyAndLeavesAsNvgre()
    {
        var fabric = new MemoryFabric();
        var remote = fabric.Connect(Pa2);
        using var port = new OffloadVmPort<PacketSocketOffloads>(0, _hostEnd, new PacketSocketOffloads(
            PacketSocket.Open(_hostEnd, PacketSocketOptions.Default | PacketSocketOptions.NonBlocking | PacketSocketOptions.VirtioHeader)));
        var host = new NodeSnapshot(Policy(), new NodeSettings { ProviderAddressV4 = Pa1 },
            [new LocalPort(0, _hostEnd, MacAddress.Parse("02:00:00:00:00:11"), new Vsid(5001), ImmutableArray.Create(IpAddress.Parse("10.0.0.11")))]);
        var worker = new Worker(new StateHolder(new DataplaneState(host, [port])), fabric.Connect(Pa1));

        using var ping = Process.Start("ip", ["netns", "exec", _ns, "ping", "-c", "1", "-W", "2", "10.0.0.12"]);
        var arrived = new PacketBuffer();
        var clock = Stopwatch.StartNew();
        var got = false;
        while (!got && clock.Elapsed < TimeSpan.FromSeconds(3))
        {
            worker.Pump();
            got = remote.TryReceive(arrived);
            Thread.Sleep(1);
        }

        Assert.True(got, "nothing reached the remote host");
        Assert.True(Ipv4Header.TryRead(arrived.Data, out var outer));
        Assert.Equal(Pa2, outer.Destination);
        Assert.Equal(NvgreError.None, NvgreHeader.TryRead(outer.Payload, out var gre));
        Assert.Equal(5001u, gre.Vsid.Value);
        Assert.True(worker.Counters.Drops(Forwarding.Pipeline.DropReason.ArpUnknownTarget) == 0);
        ping.Kill();
    }

    private static PolicySnapshot Policy()
    {
        const string Rdid = "aaaaaaaa-0000-0000-0000-000000000001";
        var doc = new PolicyDocument
        {
            RoutingDomains = [new RoutingDomainDocument { Rdid = Rdid, Name = "blue" }],
            VirtualSubnets = [new VirtualSubnetDocument { Vsid = 5001, Rdid = Rdid, Prefixes = ["10.0.0.0/24"] }],
            ProviderAddresses =
            [
                new ProviderAddressDocument { Host = "h1", Pa = "192.0.2.1", PrefixLength = 24 },
                new ProviderAddressDocument { Host = "h2", Pa = "192.0.2.2", PrefixLength = 24 },
            ],
            LookupRecords =
            [
                new LookupRecordDocument { Ca = "10.0.0.11", Vsid = 5001, Mac = "02:00:00:00:00:11", Pa = "192.0.2.1" },
                new LookupRecordDocument { Ca = "10.0.0.12", Vsid = 5001, Mac = "02:00:00:00:00:12", Pa = "192.0.2.2" },
            ],
        };
        Assert.Empty(PolicyValidator.Validate(doc, out var set));
        return PolicySnapshot.Build(set!, 1);
    }

    private static string Ip(params string[] args) => Tool.Run("ip", args);
}
