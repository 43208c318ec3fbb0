using Hnv.Forwarding.Counters;
using Hnv.Forwarding.Pipeline;
using static Hnv.Forwarding.Tests.Fixtures.Packets;
using static Hnv.Forwarding.Tests.Fixtures.TestNetwork;

namespace Hnv.Forwarding.Tests.Pipeline;

/// <summary>
/// The pipeline's fuzz-style target: random bytes and mutations of valid packets on both
/// entries never throw, and every outcome is a verdict (a drop is counted with a reason).
/// </summary>
[Trait("tier", "pure")]
public sealed class RobustnessTests
{
    [Fact]
    public void RandomBytes_NeverThrow_AndEveryDropHasAReason()
    {
        var random = new Random(7637);
        var host = Host1();
        var counters = new ForwardingCounters();
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            if (bytes.Length > 0 && i % 2 == 0)
            {
                bytes[0] = (byte)((bytes[0] & 0x0F) | 0x40); // often look like IPv4, to reach deeper stages
            }

            var verdict = i % 2 == 0
                ? ForwardingPipeline.FromUnderlay(Raw(bytes), host, counters)
                : ForwardingPipeline.FromPort(Raw(bytes), random.Next(0, 3), host, counters);
            Assert.True(verdict.Kind != VerdictKind.Drop || verdict.Reason != DropReason.None);
        }
    }

    [Fact]
    public void MutatedValidPackets_NeverThrow()
    {
        var random = new Random(2890);
        var host = Host1();
        var counters = new ForwardingCounters();
        var seeds = new[]
        {
            (Nvgre(Udp(A2, A1), Host2Pa, Host1Pa, new Wire.Tunnel.Vsid(5001)).Data.ToArray(), true),
            (Nvgre(Udp(A2, A1, v6: true), Host2Pa6, Host1Pa6, new Wire.Tunnel.Vsid(5001)).Data.ToArray(), true),
            (Udp(A1, A2).Data.ToArray(), false),
            (Udp(A1, A4.Ca6!.Value, host.Settings.RouterMac).Data.ToArray(), false),
            (Build(s => Wire.Building.FrameBuilder.NeighborSolicitation(s, A1.Mac, A1.Ca6!.Value, A2.Ca6!.Value)).Data.ToArray(), false),
            (Build(s => Wire.Building.FrameBuilder.ArpRequest(s, A1.Mac, A1.Ca4, A2.Ca4)).Data.ToArray(), false),
        };

        for (var i = 0; i < 20_000; i++)
        {
            var (seed, underlay) = seeds[i % seeds.Length];
            var bytes = seed[..random.Next(0, seed.Length + 1)];
            for (var flips = random.Next(1, 4); flips > 0 && bytes.Length > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
            }

            _ = underlay
                ? ForwardingPipeline.FromUnderlay(Raw(bytes), host, counters)
                : ForwardingPipeline.FromPort(Raw(bytes), 0, host, counters);
        }

        Assert.True(counters.TotalDrops > 0);
    }
}
