using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Hnv.Dataplane.Linux.Tests.Support;
using Hnv.Dataplane.Linux.VmPorts;
using Hnv.Dataplane.Linux.Workers;
using Hnv.Dataplane.Ports;
using Hnv.Dataplane.State;
using Hnv.Dataplane.Workers;
using Hnv.Forwarding.Node;
using Hnv.Linux.Links;
using Hnv.Linux.Sockets;
using Hnv.Linux.Tap;
using Hnv.Policy.Documents;
using Hnv.Policy.Snapshots;
using Hnv.Policy.Validation;
using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Tunnel;

namespace Hnv.Dataplane.Linux.Tests.VmPorts;

/// <summary>
/// Two VMs (Linux stacks in namespaces) with virtio offloads, forwarded by a real worker thread, on either kind of
/// NIC the agent attaches: a TAP it creates, or an interface that exists (a container's veth, whose host end the
/// agent takes with an AF_PACKET socket). Either way the sender's kernel hands over TSO super-frames and partial
/// checksums, and the receiver gets coalesced runs. iperf3 TCP and UDP must arrive intact (a wrong checksum anywhere
/// is a dropped packet at the receiver).
/// </summary>
[Trait("tier", "system")]
public sealed class OffloadVmPortTests : IDisposable
{
    private static readonly IpAddress Pa = IpAddress.Parse("192.0.2.1");
    private readonly string _prefix = "hnvo" + Guid.NewGuid().ToString("N")[..5];
    private readonly List<IVmPort> _ports = [];
    private readonly List<string> _hostEnds = [];

    /// <summary>
    /// Makes the two VMs, each with a NIC of <paramref name="kind"/> ("tap" or "veth"), and their ports (passing TCP
    /// super-frames to the pipeline whole with <paramref name="superFramesWhole"/>).
    /// </summary>
    private void Attach(string kind, bool superFramesWhole = false)
    {
        for (var i = 1; i <= 2; i++)
        {
            var ns = $"{_prefix}-{i}";
            Run("ip", "netns", "add", ns);
            if (kind == "tap")
            {
                var tap = TapDevice.Create($"{_prefix}t{i}", TapOptions.NonBlocking | TapOptions.Offloads);
                _ports.Add(new OffloadVmPort<TapOffloads>(i - 1, tap.Name, new TapOffloads(tap), superFramesWhole));
                Run("ip", "link", "set", tap.Name, "netns", ns, "name", "eth0");
            }
            else
            {
                var hostEnd = $"{_prefix}v{i}";
                _hostEnds.Add(hostEnd);
                Run("ip", "link", "add", hostEnd, "mtu", "1458", "type", "veth", "peer", "name", "eth0", "netns", ns);
                Run("ip", "link", "set", hostEnd, "up");
                var socket = PacketSocket.Open(hostEnd, PacketSocketOptions.Default | PacketSocketOptions.NonBlocking | PacketSocketOptions.VirtioHeader);
                _ports.Add(new OffloadVmPort<PacketSocketOffloads>(i - 1, hostEnd, new PacketSocketOffloads(socket), superFramesWhole));
            }

            Run("ip", "-n", ns, "link", "set", "eth0", "address", $"02:00:00:00:00:1{i}", "mtu", "1458", "up");
            Run("ip", "-n", ns, "link", "set", "lo", "up");
            Run("ip", "-n", ns, "addr", "add", $"10.0.0.1{i}/24", "dev", "eth0");
        }
    }

    public void Dispose()
    {
        foreach (var port in _ports)
        {
            port.Dispose();
        }

        foreach (var hostEnd in _hostEnds)
        {
            Run("ip", "link", "del", hostEnd); // both ends now: a namespace's own links go only when the kernel gets to it
        }

        for (var i = 1; i <= 2; i++)
        {
            Run("ip", "netns", "del", $"{_prefix}-{i}");
        }

        Assert.DoesNotContain(_prefix, Run("ip", "netns", "list"), StringComparison.Ordinal);
        Assert.DoesNotContain(_prefix, Run("ip", "link", "show"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tap", false)]
    [InlineData("veth", false)]
    [InlineData("tap", true)]  // TSO super-frames through the pipeline whole, and written to the other VM whole
    [InlineData("veth", true)]
    public void Iperf3TcpAndUdp_ThroughOffloadPorts_ArriveWhole(string kind, bool superFramesWhole)
    {
        Attach(kind, superFramesWhole);
        var host = new NodeSnapshot(Policy(), new NodeSettings { ProviderAddressV4 = Pa },
        [
            new LocalPort(0, "vm1", MacAddress.Parse("02:00:00:00:00:11"), new Vsid(5001), ImmutableArray.Create(IpAddress.Parse("10.0.0.11"))),
            new LocalPort(1, "vm2", MacAddress.Parse("02:00:00:00:00:12"), new Vsid(5001), ImmutableArray.Create(IpAddress.Parse("10.0.0.12"))),
        ]);
        var holder = new StateHolder(new DataplaneState(host, _ports));
        var fabric = new MemoryFabric();
        var underlay = fabric.Connect(Pa);
        var worker = new Worker(holder, underlay);
        Exception? failure = null;
        using (var thread = new WorkerThread(worker, holder, new EpollWaiter(), state => DataplaneHandles.Of(state, underlay), e => failure = e))
        {
            thread.Start();
            Run("ip", "netns", "exec", $"{_prefix}-2", "iperf3", "-s", "-D", "-1", "-p", "5411");
            Thread.Sleep(300);
            var tcp = JsonDocument.Parse(Run("ip", "netns", "exec", $"{_prefix}-1", "iperf3", "-c", "10.0.0.12", "-p", "5411", "-t", "1", "-J"));
            var received = tcp.RootElement.GetProperty("end").GetProperty("sum_received").GetProperty("bytes").GetInt64();
            Assert.True(received > 1_000_000, $"TCP carried only {received} bytes");

            Run("ip", "netns", "exec", $"{_prefix}-2", "iperf3", "-s", "-D", "-1", "-p", "5412");
            Thread.Sleep(300);
            var udp = JsonDocument.Parse(Run("ip", "netns", "exec", $"{_prefix}-1", "iperf3", "-c", "10.0.0.12", "-p", "5412", "-u", "-b", "20M", "-l", "1000",
                "-t", "1", "-J"));
            var sum = udp.RootElement.GetProperty("end").GetProperty("sum");
            var packets = sum.GetProperty("packets").GetInt64();
            var lost = sum.GetProperty("lost_packets").GetInt64();
            var receiver = string.Join(", ", _ports[1].IoCounters.Select(c => $"{c.Key} {c.Value}"));
            var udpCounters = VmUdpCounters($"{_prefix}-2");
            // A datagram the receiving VM's socket had no room for (iperf3 not scheduled in time on a busy machine) was
            // delivered; what counts here is what the ports lost, so those are left out.
            var overflowed = udpCounters["RcvbufErrors"];
            Assert.True(packets > 1000 && (lost - overflowed) * 10 < packets && udpCounters["InCsumErrors"] == 0,
                $"UDP: {lost} of {packets} lost, {overflowed} of them at the receiving socket; receiving port: {receiver}; {string.Join(", ", udpCounters)}");
        }

        Assert.Null(failure);
        Assert.True(_ports[0].IoCounters["superFramesRead"] > 0, "the sender's kernel never used TSO");
        if (superFramesWhole)
        {
            Assert.True(_ports[0].IoCounters["superFramesWhole"] > 0 && _ports[1].IoCounters["superFramesWritten"] > 0,
                $"super-frames were not passed whole: {string.Join(", ", _ports[0].IoCounters)} / {string.Join(", ", _ports[1].IoCounters)}");
        }
        else
        {
            Assert.Equal(0, _ports[0].IoCounters["superFramesWhole"]);
            Assert.True(_ports[1].IoCounters["coalescedWrites"] > 0, "nothing was coalesced toward the receiver");
        }

        Assert.Equal(0, _ports[0].IoCounters["malformedOffloads"] + _ports[1].IoCounters["malformedOffloads"]);
        Assert.Equal(0, worker.PortSendFailures);
    }

    [Theory]
    [InlineData("tap")]
    [InlineData("veth")]
    public void Send_RunOfDatagrams_TheVmsKernelHandsEachToItsSocket(string kind)
    {
        // Where the kernel takes UDP super-frames, ten datagrams of one flow go as one write, and the VM's UDP layer
        // must split them back into ten, each with its own length and checksum (a wrong one is a silent drop).
        Attach(kind);
        var port = _ports[1];
        var accepts = port.IoCounters["acceptsUdpSuperFrames"] == 1;
        Assert.Equal(kind == "veth" || Environment.OSVersion.Version >= new Version(6, 2), accepts); // Linux 6.2 brought UDP_L4 to TAPs
        using var socket = NetworkNamespace.Run($"{_prefix}-2", () =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 3000 };
            s.Bind(new IPEndPoint(IPAddress.Parse("10.0.0.12"), 7000));
            return s;
        });
        var payloads = Enumerable.Range(0, 10).Select(i => Enumerable.Repeat((byte)i, i == 9 ? 123 : 1000).ToArray()).ToList();
        var frame = new byte[1100];
        foreach (var payload in payloads)
        {
            var length = FrameBuilder.Udp(frame, MacAddress.Parse("02:00:00:00:00:11"), MacAddress.Parse("02:00:00:00:00:12"),
                IpAddress.Parse("10.0.0.11"), IpAddress.Parse("10.0.0.12"), 6000, 7000, payload);
            Assert.True(port.Send(frame.AsSpan(0, length)));
        }

        port.Flush();

        var received = new byte[2000];
        foreach (var payload in payloads)
        {
            var n = socket.Receive(received);
            Assert.Equal(payload, received[..n]);
        }

        Assert.Equal(0, port.IoCounters["errors"]);
        Assert.Equal(accepts ? (1L, 10L) : (0L, 0L), (port.IoCounters["coalescedDatagramWrites"], port.IoCounters["coalescedDatagrams"]));
    }

    [Theory]
    [InlineData("tap")]
    [InlineData("veth")]
    public async Task Send_TwoWritersAtOnce_EachFlowArrivesWholeAndInOrder(string kind)
    {
        // The agent's two workers write to one port at once (deliveries from the underlay, answers and local traffic
        // from the VM side), each joining its own runs: datagrams of two flows, sent from two threads, must all
        // arrive, each intact, in each flow's order.
        Attach(kind);
        var port = _ports[1];
        const int PerFlow = 200;
        var sockets = Enumerable.Range(0, IVmPort.MaxWriters).Select(w => NetworkNamespace.Run($"{_prefix}-2", () =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 3000, ReceiveBufferSize = 1 << 20 };
            s.Bind(new IPEndPoint(IPAddress.Parse("10.0.0.12"), 7000 + w));
            return s;
        })).ToArray();
        try
        {
            var readers = sockets.Select(socket => Task.Run(() =>
            {
                var sequence = new List<int>();
                var buffer = new byte[2000];
                while (sequence.Count < PerFlow)
                {
                    var n = socket.Receive(buffer);
                    Assert.Equal(900, n);
                    Assert.All(buffer[4..n], b => Assert.Equal(buffer[0], b)); // the payload is the sequence's low byte, repeated
                    sequence.Add(BitConverter.ToUInt16(buffer, 2));
                }

                return sequence;
            })).ToArray();
            var writers = Enumerable.Range(0, IVmPort.MaxWriters).Select(w => Task.Run(() =>
            {
                var frame = new byte[1000];
                var payload = new byte[900];
                for (var i = 0; i < PerFlow; i++)
                {
                    payload.AsSpan().Fill((byte)i);
                    BitConverter.TryWriteBytes(payload.AsSpan(2), (ushort)i);
                    var length = FrameBuilder.Udp(frame, MacAddress.Parse("02:00:00:00:00:11"), MacAddress.Parse("02:00:00:00:00:12"),
                        IpAddress.Parse("10.0.0.11"), IpAddress.Parse("10.0.0.12"), 6000, (ushort)(7000 + w), payload);
                    Assert.True(port.Send(frame.AsSpan(0, length), w));
                    if (i % 8 == 7)
                    {
                        port.Flush(w);
                        Thread.Sleep(1); // room for the reader: a socket queue that overflows drops, and that is not what this tests
                    }
                }

                port.Flush(w);
            })).ToArray();
            await Task.WhenAll(writers);
            foreach (var sequence in await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(10)))
            {
                Assert.Equal(Enumerable.Range(0, PerFlow), sequence);
            }
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }

        Assert.Equal(0, port.IoCounters["errors"]);
        if (port.IoCounters["acceptsUdpSuperFrames"] == 1)
        {
            Assert.True(port.IoCounters["coalescedDatagrams"] > PerFlow, "the writers' runs were not joined");
        }
    }

    /// <summary>The VM's UDP counters (InDatagrams, InErrors, RcvbufErrors ...), to tell where datagrams were lost.</summary>
    /// <summary>The UDP counters of a namespace's /proc/net/snmp (InDatagrams, RcvbufErrors, InCsumErrors, ...).</summary>
    private static Dictionary<string, long> VmUdpCounters(string space)
    {
        var lines = Run("ip", "netns", "exec", space, "cat", "/proc/net/snmp").Split('\n').Where(l => l.StartsWith("Udp:", StringComparison.Ordinal)).ToArray();
        return lines[0].Split(' ').Zip(lines[1].Split(' ')).Skip(1)
            .ToDictionary(p => p.First, p => long.Parse(p.Second, System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    private static PolicySnapshot Policy()
    {
        const string Rdid = "aaaaaaaa-0000-0000-0000-000000000001";
        var doc = new PolicyDocument
        {
            RoutingDomains = [new RoutingDomainDocument { Rdid = Rdid, Name = "blue" }],
            VirtualSubnets = [new VirtualSubnetDocument { Vsid = 5001, Rdid = Rdid, Prefixes = ["10.0.0.0/24"] }],
            ProviderAddresses = [new ProviderAddressDocument { Host = "h1", Pa = "192.0.2.1", PrefixLength = 24 }],
            LookupRecords =
            [
                new LookupRecordDocument { Ca = "10.0.0.11", Vsid = 5001, Mac = "02:00:00:00:00:11", Pa = "192.0.2.1" },
                new LookupRecordDocument { Ca = "10.0.0.12", Vsid = 5001, Mac = "02:00:00:00:00:12", Pa = "192.0.2.1" },
            ],
        };
        Assert.Empty(PolicyValidator.Validate(doc, out var set));
        return PolicySnapshot.Build(set!, 1);
    }

    private static string Run(string file, params string[] args) => Tool.Run(file, args);
}
