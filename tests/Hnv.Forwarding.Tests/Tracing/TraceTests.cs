using Hnv.Forwarding.Counters;
using Hnv.Forwarding.Pipeline;
using Hnv.Forwarding.Tracing;
using static Hnv.Forwarding.Tests.Fixtures.Packets;
using static Hnv.Forwarding.Tests.Fixtures.TestNetwork;

namespace Hnv.Forwarding.Tests.Tracing;

[Trait("tier", "pure")]
public sealed class TraceTests
{
    [Fact]
    public void CollectingTrace_RoutedPacket_NamesEachStageInOrderWithItsFacts()
    {
        var host = Host1();
        var trace = default(CollectingTrace);

        ForwardingPipeline.FromPort(Udp(A1, A4.Ca4, host.Settings.RouterMac), 0, host, new ForwardingCounters(), ref trace);

        Assert.Equal([Stage.PortIngress, Stage.SourceGuard, Stage.Route, Stage.Encapsulate], trace.Steps.Select(s => s.Stage));
        Assert.Contains("routed", trace.Steps[2].Message, StringComparison.Ordinal);
        Assert.Contains("192.0.2.1 -> 192.0.2.2", trace.Steps[3].Message, StringComparison.Ordinal);
        Assert.Contains("vsid 5002", trace.Steps[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CollectingTrace_Drop_EndsWithTheReason()
    {
        var trace = default(CollectingTrace);

        ForwardingPipeline.FromUnderlay(Nvgre(Udp(A2, A1), GatewayPa, Host1Pa, new Wire.Tunnel.Vsid(5001)), Host1(), new ForwardingCounters(), ref trace);

        Assert.Equal(Stage.SourceCheck, trace.Steps[^1].Stage);
        Assert.Equal("drop: SourcePaMismatch", trace.Steps[^1].Message);
    }
}
