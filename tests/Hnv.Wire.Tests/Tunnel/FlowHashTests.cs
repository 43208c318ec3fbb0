using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Ip;
using Hnv.Wire.Parsing;
using Hnv.Wire.Tests.Support;
using Hnv.Wire.Tunnel;

namespace Hnv.Wire.Tests.Tunnel;

[Trait("tier", "pure")]
public sealed class FlowHashTests
{
    private static FrameSummary Flow(IpAddress src, IpAddress dst, byte protocol, ushort srcPort, ushort dstPort) => new()
    {
        IsIp = true,
        Source = src,
        Destination = dst,
        Protocol = protocol,
        SourcePort = srcPort,
        DestinationPort = dstPort,
    };

    [Fact]
    public void Compute_SameFlowDifferentPackets_SameFlowId()
    {
        // RFC 7637 section 3.2: all packets of one flow carry the same FlowID (so ECMP keeps them in order).
        var random = new Random(7637);
        var mac1 = RandomFrames.Mac(random);
        var mac2 = RandomFrames.Mac(random);
        var src = IpAddress.Parse("10.0.0.1");
        var dst = IpAddress.Parse("10.0.0.2");
        byte? first = null;
        var buffer = new byte[1600];
        for (var i = 0; i < 50; i++)
        {
            var payload = new byte[random.Next(1400)];
            random.NextBytes(payload);
            var length = FrameBuilder.Tcp(buffer, mac1, mac2, src, dst, 40000, 443, (uint)i, (byte)random.Next(256), payload, (byte)random.Next(1, 256));
            Assert.Equal(ParseError.None, FrameParser.Parse(buffer.AsSpan(0, length), out var summary));
            var id = FlowHash.Compute(summary);
            first ??= id;
            Assert.Equal(first, id);
        }
    }

    [Fact]
    public void Compute_OnlyFlowFieldsCount_TtlAndLengthIgnored()
    {
        var a = Flow(IpAddress.Parse("2001:db8::1"), IpAddress.Parse("2001:db8::2"), IpProtocol.Udp, 5000, 53);
        var b = a with { HopLimit = 3, IpLength = 1400, TransportOffset = 54, SourceMac = MacAddress.Broadcast };
        Assert.Equal(FlowHash.Compute(a), FlowHash.Compute(b));
    }

    [Fact]
    public void Compute_ThousandRandomFlows_WellSpread()
    {
        // RFC 7637 section 3.2: the FlowID should give ECMP entropy; 1,000 flows into 256 buckets should hit most of them.
        var random = new Random(256);
        var counts = new int[256];
        for (var i = 0; i < 1000; i++)
        {
            var v6 = random.Next(2) == 0;
            var flow = Flow(RandomFrames.Address(random, v6), RandomFrames.Address(random, v6), random.Next(2) == 0 ? IpProtocol.Tcp : IpProtocol.Udp,
                (ushort)random.Next(65536), (ushort)random.Next(65536));
            counts[FlowHash.Compute(flow)]++;
        }

        Assert.True(counts.Count(c => c > 0) >= 200, $"{counts.Count(c => c > 0)} distinct FlowIDs");
        Assert.True(counts.Max() <= 16, $"a bucket holds {counts.Max()} of 1000 flows");
    }

    [Fact]
    public void Compute_SequentialPortsOnOneHostPair_WellSpread()
    {
        // The common ECMP case: one client, one server, many source ports.
        var distinct = new HashSet<byte>();
        for (ushort port = 49152; port < 49152 + 1000; port++)
        {
            distinct.Add(FlowHash.Compute(Flow(IpAddress.Parse("10.0.0.1"), IpAddress.Parse("10.0.0.2"), IpProtocol.Tcp, port, 443)));
        }

        Assert.True(distinct.Count >= 200, $"{distinct.Count} distinct FlowIDs");
    }

    [Fact]
    public void Compute_EachFieldChange_UsuallyChangesFlowId()
    {
        var random = new Random(8);
        var changed = new int[5];
        const int Trials = 1000;
        for (var i = 0; i < Trials; i++)
        {
            var flow = Flow(RandomFrames.Address(random, false), RandomFrames.Address(random, false), IpProtocol.Udp,
                (ushort)random.Next(65536), (ushort)random.Next(65536));
            var id = FlowHash.Compute(flow);
            changed[0] += FlowHash.Compute(flow with { Source = flow.Source.Add(1) }) != id ? 1 : 0;
            changed[1] += FlowHash.Compute(flow with { Destination = flow.Destination.Add(1) }) != id ? 1 : 0;
            changed[2] += FlowHash.Compute(flow with { Protocol = IpProtocol.Tcp }) != id ? 1 : 0;
            changed[3] += FlowHash.Compute(flow with { SourcePort = (ushort)(flow.SourcePort ^ 1) }) != id ? 1 : 0;
            changed[4] += FlowHash.Compute(flow with { DestinationPort = (ushort)(flow.DestinationPort ^ 0x100) }) != id ? 1 : 0;
        }

        Assert.All(changed, c => Assert.True(c >= Trials * 95 / 100, $"only {c} of {Trials} changed"));
    }

    [Fact]
    public void Compute_NonIp_HashesMacs()
    {
        var random = new Random(826);
        var distinct = new HashSet<byte>();
        for (var i = 0; i < 1000; i++)
        {
            var flow = new FrameSummary { SourceMac = RandomFrames.Mac(random), DestinationMac = MacAddress.Broadcast };
            Assert.Equal(FlowHash.Compute(flow), FlowHash.Compute(flow with { EtherType = 0x0806 }));
            distinct.Add(FlowHash.Compute(flow));
        }

        Assert.True(distinct.Count >= 200, $"{distinct.Count} distinct FlowIDs");
    }

    [Fact]
    public void Compute_KnownFlow_StableAcrossProcesses()
    {
        // No per-process seed: this value must never change, or flows move between ECMP paths on upgrade.
        var flow = Flow(IpAddress.Parse("10.0.0.1"), IpAddress.Parse("10.0.0.2"), IpProtocol.Tcp, 40000, 443);
        Assert.Equal(FlowHash.Compute(flow), FlowHash.Compute(flow));
        Assert.Equal(KnownFlowId, FlowHash.Compute(flow));
    }

    // Recorded from the CRC-32C implementation (a regression pin, not derived from an RFC). This flow's hash
    // folds to 0, which is kept for "hashing off", so it is sent as 1.
    private const byte KnownFlowId = 1;
}
