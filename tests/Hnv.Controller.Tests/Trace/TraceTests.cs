using System.Net;
using System.Text.Json;
using Hnv.Client;
using Hnv.Client.Access;
using Hnv.Client.Json;
using Hnv.Client.Resources;
using Hnv.Client.Status;
using Hnv.Client.Trace;
using Hnv.Client.Watch;
using Hnv.Controller.Tests.Fixtures;

namespace Hnv.Controller.Tests.Trace;

/// <summary>
/// POST /trace (issue 15): a packet from a NIC run through the hosts' own pipeline on the controller's policy, with its
/// logical stages, its physical path (PAs, outer header, MTU) and a verdict that changes when policy does.
/// </summary>
[Trait("tier", "service")]
public sealed class TraceTests : IAsyncLifetime
{
    private ControllerServer _server = null!;
    private HnvClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await ControllerServer.StartAsync();
        _client = _server.Client();
        await Sample.WorldAsync(_client);
        await Sample.NicAsync(_client, "vm1", "h1", 5001, "02:00:00:00:00:01", "10.0.0.11", "fd00::11");
        await Sample.NicAsync(_client, "vm2", "h2", 5001, "02:00:00:00:00:02", "10.0.0.12", "fd00::12");
        await Sample.NicAsync(_client, "vm3", "h1", 5001, "02:00:00:00:00:03", "10.0.0.13");
        await Sample.NicAsync(_client, "red1", "h3", 6001, "02:00:00:00:00:04", "10.0.0.11");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task AcrossHosts_ShowsBothHostsStagesAndTheOuterHeader()
    {
        var result = await _client.TraceAsync(new TraceRequest { From = "vm1", To = "10.0.0.12", Protocol = "tcp", DestinationPort = 443, Size = 100 });

        Assert.Equal("delivered", result.Verdict);
        Assert.Equal("vm2", result.Destination!.Nic);
        Assert.Equal("h2", result.Destination.Host);
        Assert.Equal(Sample.Blue, result.Source!.RoutingDomain);
        var underlay = result.Underlay!;
        Assert.Equal(("h1", "192.0.2.1", "h2", "192.0.2.2"), (underlay.SourceHost, underlay.SourcePa, underlay.DestinationHost, underlay.DestinationPa));
        var outer = underlay.Outer!;
        Assert.Equal(5001u, outer.Vsid);
        Assert.Equal(Convert.ToUInt32(outer.Key, 16), (5001u << 8) | (uint)outer.FlowId);
        Assert.True(outer.DontFragment);
        Assert.Equal(20 + 8 + 14 + 100, outer.Length); // outer IPv4, GRE with key, inner Ethernet, the packet
        Assert.Equal((1500, true, 1458), (underlay.Mtu, underlay.MtuAssumed, underlay.InnerMtu));
        Assert.Contains(result.Steps, s => s is { Hop: 1, Host: "h1", Stage: "Encapsulate" });
        Assert.Contains(result.Steps, s => s is { Hop: 2, Host: "h2", Stage: "Decapsulate" });
        Assert.Equal(["PortIngress", "SourceGuard", "Route", "Encapsulate", "UnderlayIngress", "NvgreCheck", "Decapsulate"], result.Steps.Select(s => s.Stage));
    }

    [Fact]
    public async Task TheFlowIdIsTheSendersHashOfTheFlow_AndTheUnderlayLookupAgrees()
    {
        var result = await _client.TraceAsync(new TraceRequest { From = "vm1", To = "10.0.0.12", Protocol = "udp", SourcePort = 5555, DestinationPort = 53 });
        var outer = result.Underlay!.Outer!;
        var inner = new TracePacket { Source = "10.0.0.11", Destination = "10.0.0.12", Protocol = "udp", SourcePort = 5555, DestinationPort = 53 };

        var lookup = await _client.TraceUnderlayAsync(new UnderlayTraceRequest { SourcePa = outer.Source, DestinationPa = outer.Destination, Key = "0x" + outer.Key, Inner = inner });

        Assert.Equal((5001u, Sample.Blue, "h1", "h2"), (lookup.Vsid, lookup.RoutingDomain, lookup.SourceHost, lookup.DestinationHost));
        Assert.Equal(["vm1", "vm3"], lookup.SourceNics);
        Assert.Equal(["vm2"], lookup.DestinationNics);
        Assert.Equal(("vm1", "vm2"), (lookup.SourceNic, lookup.DestinationNic));
        Assert.Equal(outer.FlowId, lookup.ExpectedFlowId);
        Assert.True(lookup.FlowIdMatches);
        Assert.Empty(lookup.Problems);

        var otherFlow = (outer.FlowId + 1) & 0xFF;
        var wrong = await _client.TraceUnderlayAsync(new UnderlayTraceRequest
        {
            SourcePa = "192.0.2.1",
            DestinationPa = "192.0.2.2",
            Key = ((5001 << 8) | otherFlow).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Inner = inner,
        });
        Assert.False(wrong.FlowIdMatches);
    }

    [Fact]
    public async Task UnderlayLookup_NamesWhatPolicyWouldNotAccept()
    {
        var stranger = await _client.TraceUnderlayAsync(new UnderlayTraceRequest { SourcePa = "198.51.100.9", DestinationPa = "192.0.2.2", Key = "0x00138900" });
        Assert.Null(stranger.SourceHost);
        Assert.Contains(stranger.Problems, p => p.Contains("UnknownProviderAddress", StringComparison.Ordinal));

        // Red's VSID toward h2, which has no red NIC; and vm2's CA claimed from h3.
        var misrouted = await _client.TraceUnderlayAsync(new UnderlayTraceRequest
        {
            SourcePa = "192.0.2.3",
            DestinationPa = "192.0.2.2",
            Key = "0x00177100",
            Inner = new TracePacket { Source = "10.0.0.12", Destination = "10.0.0.11", Protocol = "icmp" },
        });
        Assert.Equal(Sample.Red, misrouted.RoutingDomain);
        Assert.Empty(misrouted.DestinationNics);
        Assert.Contains(misrouted.Problems, p => p.Contains("no NIC in VSID 6001", StringComparison.Ordinal));
        Assert.Contains(misrouted.Problems, p => p.Contains("no CA of red", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnOneHost_IsDeliveredWithoutTheUnderlay()
    {
        var result = await _client.TraceAsync(new TraceRequest { From = "vm1", To = "10.0.0.13" });

        Assert.Equal(("delivered", "vm3", "h1"), (result.Verdict, result.Destination!.Nic, result.Destination.Host));
        Assert.Null(result.Underlay);
        Assert.Equal("LocalDelivery", result.Steps[^1].Stage);
    }

    [Fact]
    public async Task AnotherTenantsAddress_IsNotReached_AndTheStageAndReasonAreNamed()
    {
        // Red's 10.0.0.11 and blue's 10.0.0.12 share a prefix; red has no 10.0.0.12.
        var result = await _client.TraceAsync(new TraceRequest { From = "red1", To = "10.0.0.12" });

        Assert.Equal(("dropped", "Route", "NoLookupRecord"), (result.Verdict, result.Stage, result.Reason));
        Assert.False(string.IsNullOrEmpty(result.ReasonDescription));
        Assert.Null(result.Destination);
    }

    [Fact]
    public async Task TooBigForTheUnderlay_IsAnsweredWithTheMtu_UntilTheAgentReportsJumboFrames()
    {
        var big = new TraceRequest { From = "vm1", To = "10.0.0.12", Protocol = "udp", Size = 1480 };

        var before = await _client.TraceAsync(big);
        Assert.Equal(("answered", "PacketTooBig", "PathMtu"), (before.Verdict, before.Reason, before.Stage));

        await _client.ReportHostStatusAsync("h1", new HostStatusReport { Revision = _server.Engine.Current.Revision, Ports = 2, UnderlayMtu = 9000 });
        var after = await _client.TraceAsync(big);
        Assert.Equal("delivered", after.Verdict);
        Assert.Equal((9000, false), (after.Underlay!.Mtu, after.Underlay.MtuAssumed));
    }

    [Fact]
    public async Task TheDefaultRouter_AnswersAnEcho_AndIPv6IsTracedToo()
    {
        var echo = await _client.TraceAsync(new TraceRequest { From = "vm1", To = "10.0.0.1" });
        Assert.Equal(("answered", null), (echo.Verdict, echo.Reason));

        // h1 has only an IPv4 PA, so vm1's IPv6 CA travels in IPv4 envelopes to it; h2 has both.
        var v6 = await _client.TraceAsync(new TraceRequest { From = "vm2", To = "fd00::11", Protocol = "tcp" });
        Assert.True(v6.Verdict == "delivered", v6.Summary);
        Assert.Equal(("vm1", "ipv4", "tcp", "fd00::12"), (v6.Destination!.Nic, v6.Underlay!.Outer!.Family, v6.Packet!.Protocol, v6.Packet.Source));

        // The other way vm2's record names h2's IPv6 PA, and h1 has no IPv6 PA to send from: the trace says so.
        var back = await _client.TraceAsync(new TraceRequest { From = "vm1", To = "fd00::12" });
        Assert.Equal(("dropped", "Encapsulate", "NoProviderAddressForFamily"), (back.Verdict, back.Stage, back.Reason));
    }

    [Fact]
    public async Task AChangeOfPolicy_ChangesTheTrace()
    {
        Assert.Equal("h2", (await _client.TraceAsync(new TraceRequest { From = "vm1", To = "10.0.0.12" })).Destination!.Host);

        await _client.UpdateNetworkInterfaceAsync("vm2", new NetworkInterfaceDocument { Name = "vm2", Host = "h3", Vsid = 5001, Mac = "02:00:00:00:00:02", Addresses = ["10.0.0.12"] });
        var moved = await _client.TraceAsync(new TraceRequest { From = "vm1", To = "10.0.0.12" });

        Assert.Equal(("h3", "192.0.2.3"), (moved.Destination!.Host, moved.Underlay!.DestinationPa));
    }

    [Theory]
    [InlineData("""{"from":"nope","to":"10.0.0.12"}""", HttpStatusCode.NotFound, null)]
    [InlineData("""{"to":"10.0.0.12"}""", HttpStatusCode.BadRequest, "from")]
    [InlineData("""{"from":"vm1","to":"10.0.0.300"}""", HttpStatusCode.BadRequest, "to")]
    [InlineData("""{"from":"vm3","to":"fd00::12"}""", HttpStatusCode.BadRequest, "to")]
    [InlineData("""{"from":"vm1","to":"10.0.0.12","protocol":"sctp"}""", HttpStatusCode.BadRequest, "protocol")]
    [InlineData("""{"from":"vm1","to":"10.0.0.12","destinationPort":80}""", HttpStatusCode.BadRequest, "destinationPort")]
    [InlineData("""{"from":"vm1","to":"10.0.0.12","protocol":"tcp","sourcePort":70000}""", HttpStatusCode.BadRequest, "sourcePort")]
    [InlineData("""{"from":"vm1","to":"10.0.0.12","protocol":"tcp","size":30}""", HttpStatusCode.BadRequest, "size")]
    [InlineData("""{"from":"vm1","to":"10.0.0.12","size":70000}""", HttpStatusCode.BadRequest, "size")]
    [InlineData("""{"from":"vm1","to":"10.0.0.12","colour":"blue"}""", HttpStatusCode.BadRequest, "colour")]
    public async Task BadRequests_AreRefusedNamingTheField(string body, HttpStatusCode status, string? field)
    {
        var error = await Assert.ThrowsAsync<HnvApiException>(() => PostAsync(ApiPaths.Trace, body));

        Assert.Equal(status, error.Status);
        if (field is not null)
        {
            Assert.Contains(error.Problem!.Problems!, p => p.Field == field);
        }
    }

    [Theory]
    [InlineData("""{"sourcePa":"192.0.2.1","destinationPa":"2001:db8::2","key":"1"}""", "destinationPa")]
    [InlineData("""{"sourcePa":"192.0.2.1","destinationPa":"192.0.2.2","key":"0xZZ"}""", "key")]
    [InlineData("""{"sourcePa":"192.0.2.1","destinationPa":"192.0.2.2","key":"4294967296"}""", "key")]
    [InlineData("""{"sourcePa":"192.0.2.1","destinationPa":"192.0.2.2","key":"1","inner":{"source":"10.0.0.1","destination":"fd00::1"}}""", "inner")]
    public async Task BadUnderlayLookups_AreRefusedNamingTheField(string body, string field)
    {
        var error = await Assert.ThrowsAsync<HnvApiException>(() => PostAsync(ApiPaths.UnderlayTrace, body));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains(error.Problem!.Problems!, p => p.Field == field);
    }

    [Fact]
    public async Task AScopedToken_TracesItsOwnNics_WithoutHostsOrPas()
    {
        var red = _server.Client((await _client.CreateTokenAsync(new TokenDocument { Name = "red-viewer", Role = TokenRoles.Read, RoutingDomains = [Sample.Red] })).Secret);

        var blueNic = await Assert.ThrowsAsync<HnvApiException>(() => red.TraceAsync(new TraceRequest { From = "vm1", To = "10.0.0.12" }));
        Assert.Equal(HttpStatusCode.NotFound, blueNic.Status);
        // The reverse lookup starts from PAs, and a live probe crosses hosts: both are the operators'.
        var underlay = await Assert.ThrowsAsync<HnvApiException>(() => red.TraceUnderlayAsync(new UnderlayTraceRequest { SourcePa = "192.0.2.3", DestinationPa = "192.0.2.1", Key = "0x00177100" }));
        Assert.Equal(HttpStatusCode.Forbidden, underlay.Status);
        var live = await Assert.ThrowsAsync<HnvApiException>(() => red.TraceAsync(new TraceRequest { From = "red1", To = "10.0.0.20", Live = true }));
        Assert.Equal(HttpStatusCode.Forbidden, live.Status);

        await Sample.NicAsync(_client, "red2", "h1", 6001, "02:00:00:00:00:05", "10.0.0.20");
        var own = await red.TraceAsync(new TraceRequest { From = "red1", To = "10.0.0.20" });
        Assert.Equal(("delivered", "red2"), (own.Verdict, own.Destination!.Nic));
        var text = JsonSerializer.Serialize(own, ClientJsonContext.Default.TraceResult);
        Assert.DoesNotContain("192.0.2.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"h1\"", text, StringComparison.Ordinal);
        Assert.Null(own.Underlay);
    }

    [Fact]
    public async Task AHostsReport_CarriesItsCounters_ToItsOwnStatusOnly()
    {
        await _client.ReportHostStatusAsync("h1", new HostStatusReport
        {
            Revision = _server.Engine.Current.Revision,
            Ports = 2,
            UnderlayMtu = 1500,
            FlowIdHashing = true,
            Counters = new HostCounters
            {
                Drops = new() { ["SourceIpSpoofed"] = 3 },
                Ports = [new PortCounterReport { Name = "vm1", ReceivedPackets = 10, SentPackets = 9 }],
                Vsids = [new VsidCounterReport { Vsid = 5001, EncapsulatedPackets = 7 }],
            },
        });

        var one = await _client.GetHostStatusAsync("h1");
        Assert.Equal(1500, one.UnderlayMtu);
        Assert.Equal(3, one.Counters!.Drops["SourceIpSpoofed"]);
        Assert.Equal(10, one.Counters.Ports.Single().ReceivedPackets);
        Assert.Equal(7, one.Counters.Vsids.Single().EncapsulatedPackets);
        Assert.NotNull(one.Reported);
        Assert.Null((await _client.GetStatusAsync()).Hosts.Single(h => h.Name == "h1").Counters);

        var bad = await Assert.ThrowsAsync<HnvApiException>(() =>
            _client.ReportHostStatusAsync("h1", new HostStatusReport { Revision = 1, Ports = 0, UnderlayMtu = 100 }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal(1500, (await _client.GetHostStatusAsync("h1")).UnderlayMtu); // the refused report changed nothing
    }

    [Fact]
    public async Task Live_WithNoAgentWatching_SaysSo_AndReportsForNoProbeAreRefused()
    {
        var result = await _client.TraceAsync(new TraceRequest { From = "vm1", To = "10.0.0.12", Live = true });

        Assert.Equal("delivered", result.Verdict); // the computed half still answers
        Assert.False(result.Live!.Agrees);
        Assert.Contains(result.Live.Differences, d => d.Contains("h1's agent does not watch this controller replica", StringComparison.Ordinal));

        var stray = await Assert.ThrowsAsync<HnvApiException>(() => _client.ReportProbeAsync("h1", "00000000000000aa", new ProbeReport { Role = "send", Verdict = "dropped" }));
        Assert.Equal(HttpStatusCode.NotFound, stray.Status);
        var malformed = await Assert.ThrowsAsync<HnvApiException>(() => _client.ReportProbeAsync("h1", "00000000000000aa", new ProbeReport { Role = "send", Verdict = "encapsulated" }));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status); // encapsulated, but to no address
        var small = await Assert.ThrowsAsync<HnvApiException>(() => _client.TraceAsync(new TraceRequest { From = "vm1", To = "10.0.0.12", Protocol = "udp", Size = 30, Live = true }));
        Assert.Equal(HttpStatusCode.BadRequest, small.Status);
        Assert.Contains(small.Problem!.Problems!, p => p.Field == "size");
    }

    [Fact]
    public async Task Live_NamesAHostThatForwardsWithAnOlderView()
    {
        // Two agents, played by watchers with the hosts' own tokens, answer the orders their streams carry.
        var h1 = _server.Client((await _client.CreateHostCredentialAsync("h1")).Secret);
        var h2 = _server.Client((await _client.CreateHostCredentialAsync("h2")).Secret);
        await using var sender = new Watcher(h1, "h1");
        await using var receiver = new Watcher(h2, "h2");
        await sender.NextAsync();
        await receiver.NextAsync();
        var old = _server.Engine.Current.Revision;
        await Sample.NicAsync(_client, "vm9", "h2", 5001, "02:00:00:00:00:09", "10.0.0.19"); // changes both hosts' view
        var key = (await _client.TraceAsync(new TraceRequest { From = "vm1", To = "10.0.0.12" })).Underlay!.Outer!.Key;
        var current = _server.Engine.Current.Revision;

        var tracing = _client.TraceAsync(new TraceRequest { From = "vm1", To = "10.0.0.12", Live = true });
        var expect = await NextProbeAsync(receiver);
        Assert.Equal("expect", expect.Role);
        await h2.ReportProbeAsync("h2", expect.Id!, new ProbeReport { Role = "expect", Revision = old, Verdict = "delivered", Port = "vm2" }); // h2 never applied vm9
        var send = await NextProbeAsync(sender);
        Assert.Equal(("send", "vm1"), (send.Role, send.Nic));
        Assert.NotNull(send.Frame);
        await h1.ReportProbeAsync("h1", send.Id!, new ProbeReport { Role = "send", Revision = current, Verdict = "encapsulated", OuterDestination = "192.0.2.2", Key = key });
        var twice = await Assert.ThrowsAsync<HnvApiException>(() => h1.ReportProbeAsync("h1", send.Id!, new ProbeReport { Role = "expect", Revision = current, Verdict = "dropped" }));
        Assert.Equal(HttpStatusCode.NotFound, twice.Status); // h1 was told to send, not to expect

        var live = (await tracing).Live!;

        Assert.False(live.Agrees);
        Assert.Equal(["h1", "h2"], live.Hops.Select(h => h.Host));
        Assert.Equal($"h2 forwards with revision {old}; its view changed at revision {current} (the controller is at {current}).", Assert.Single(live.Differences));
    }

    private static async Task<ProbeOrder> NextProbeAsync(Watcher watcher)
    {
        while (true)
        {
            if ((await watcher.NextAsync()) is { Kind: WatchEventKinds.Probe, Probe: { } order })
            {
                return order;
            }
        }
    }

    private async Task PostAsync(string path, string body)
    {
        using var http = _server.HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", _server.Token);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content);
        if (!response.IsSuccessStatusCode)
        {
            var problem = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), ClientJsonContext.Default.ApiProblem);
            throw new HnvApiException(response.StatusCode, problem, problem?.Title ?? "");
        }
    }
}
