using System.Net;
using Hnv.Client;
using Hnv.Client.Gateway;
using Hnv.Controller.Tests.Fixtures;
using Hnv.Policy.Documents;

namespace Hnv.Controller.Tests.Gateways;

/// <summary>
/// /gateways on a real Kestrel and SQLite file: a gateway registers its node, the domains it serves make the
/// controller derive each IPv4 subnet's GatewayWildcard record (issue 14), and every wrong input gets a clear 4xx.
/// </summary>
[Trait("tier", "service")]
public sealed class GatewayResourceTests : IAsyncLifetime
{
    private ControllerServer _server = null!;
    private HnvClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await ControllerServer.StartAsync();
        _client = _server.Client();
        await Sample.WorldAsync(_client);
        await _client.CreateGatewayAsync(Gateways.Gateway("gw1", "192.0.2.100", priority: 10));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Create_RegistersTheNodeAndItsPa()
    {
        Assert.Equal("gateway", (await _client.GetHostAsync("gw1")).Description);
        Assert.Contains((await _client.ListProviderAddressesAsync("gw1")).Items, a => a.Pa == "192.0.2.100");
        var gateway = await _client.GetGatewayAsync("gw1");
        Assert.Equal((10, false), (gateway.Priority, gateway.Alive));
        Assert.Empty(gateway.Domains!);
    }

    [Fact]
    public async Task DomainAdd_DerivesOneWildcardPerIpv4Subnet_ToTheGatewaysPa()
    {
        await _client.CreateGatewayDomainAsync("gw1", Gateways.Nat(Sample.Blue, "203.0.113.100"));

        // Blue's 5001 has 10.0.0.0/24 and fd00::/64: one IPv4 record (NAT is IPv4), none for ::.
        var records = (await _client.ListLookupRecordsAsync(rdid: Sample.Blue)).Items.Where(r => r.Type == "GatewayWildcard").ToList();
        var record = Assert.Single(records);
        Assert.Equal(("0.0.0.0", 5001L, "192.0.2.100", "gateway:gw1"), (record.Ca, record.Vsid!.Value, record.Pa, record.Source));
        Assert.Equal("02:68:6e:00:13:89", record.Mac); // the VSID in the last three bytes
        Assert.True(Assert.Single((await _client.GetGatewayAsync("gw1")).Domains!).Active);
        Assert.DoesNotContain((await _client.ListLookupRecordsAsync(rdid: Sample.Red)).Items, r => r.Type == "GatewayWildcard");
    }

    [Fact]
    public async Task SubnetAddedToAServedDomain_GetsItsRecord_AndGoesWithIt()
    {
        await _client.CreateGatewayDomainAsync("gw1", Gateways.Nat(Sample.Blue, "203.0.113.100"));

        await _client.CreateVirtualSubnetAsync(new VirtualSubnetDocument { Vsid = 5002, Rdid = Sample.Blue, Prefixes = ["10.0.1.0/24"] });
        Assert.Equal("192.0.2.100", (await _client.GetLookupRecordAsync(5002, "0.0.0.0")).Pa);

        await _client.DeleteVirtualSubnetAsync(5002); // the gateway's record does not hold the subnet back
        var gone = await Assert.ThrowsAsync<HnvApiException>(() => _client.GetLookupRecordAsync(5002, "0.0.0.0"));
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
    }

    [Fact]
    public async Task TwoGateways_NoneAlive_TheHighestPriorityIsActive_RemovingItMovesTheRecords()
    {
        await _client.CreateGatewayAsync(Gateways.Gateway("gw2", "192.0.2.101"));
        await _client.CreateGatewayDomainAsync("gw2", Gateways.Nat(Sample.Blue, "203.0.113.101"));
        await _client.CreateGatewayDomainAsync("gw1", Gateways.Nat(Sample.Blue, "203.0.113.100"));
        Assert.Equal("192.0.2.100", (await _client.GetLookupRecordAsync(5001, "0.0.0.0")).Pa);

        await _client.DeleteGatewayAsync("gw1");

        var record = await _client.GetLookupRecordAsync(5001, "0.0.0.0");
        Assert.Equal(("192.0.2.101", "gateway:gw2"), (record.Pa, record.Source));
        Assert.Equal("02:68:6e:00:13:89", record.Mac); // only the PA moves
        Assert.Contains((await _client.ListHostsAsync()).Items, h => h.Name == "gw1"); // its node stays registered
    }

    [Fact]
    public async Task Forwards_AddAndRemove_InOneWriteEach()
    {
        await _client.CreateGatewayDomainAsync("gw1", Gateways.Nat(Sample.Blue, "203.0.113.100"));

        await _client.AddGatewayForwardAsync("gw1", Sample.Blue, new PortForwardConfig { Protocol = "tcp", Port = 8080, To = "10.0.0.11", ToPort = 80 });
        var added = await _client.AddGatewayForwardAsync("gw1", Sample.Blue, new PortForwardConfig { Protocol = "udp", Port = 53, To = "10.0.0.12" });
        Assert.Equal(["tcp 8080 10.0.0.11:80", "udp 53 10.0.0.12:53"], added.Forwards!.Select(f => $"{f.Protocol} {f.Port} {f.To}:{f.ToPort}"));

        await _client.RemoveGatewayForwardAsync("gw1", Sample.Blue, "tcp", 8080);
        Assert.Equal([53], (await _client.GetGatewayDomainAsync("gw1", Sample.Blue)).Forwards!.Select(f => f.Port!.Value));
    }

    [Fact]
    public async Task Forwards_AddedAtOnceByManyCallers_AreAllKept()
    {
        await _client.CreateGatewayDomainAsync("gw1", Gateways.Nat(Sample.Blue, "203.0.113.100"));

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            _server.Client().AddGatewayForwardAsync("gw1", Sample.Blue, new PortForwardConfig { Protocol = "tcp", Port = 9000 + i, To = "10.0.0.11" })));

        Assert.Equal(Enumerable.Range(9000, 12), (await _client.GetGatewayDomainAsync("gw1", Sample.Blue)).Forwards!.Select(f => f.Port!.Value).Order());
    }

    [Fact]
    public async Task Restart_LoadsGatewaysAndDerivesTheSameRecords()
    {
        await _client.CreateGatewayDomainAsync("gw1", Gateways.Nat(Sample.Blue, "203.0.113.100"));
        var before = await _client.GetLookupRecordAsync(5001, "0.0.0.0");

        _server = await _server.RestartAsync();
        _client = _server.Client();

        var after = await _client.GetLookupRecordAsync(5001, "0.0.0.0");
        Assert.Equal((before.Pa, before.Mac, before.Source), (after.Pa, after.Mac, after.Source));
        Assert.Equal(["203.0.113.100"], (await _client.GetGatewayDomainAsync("gw1", Sample.Blue)).ExternalAddresses!);
    }

    [Fact]
    public async Task Delete_RemovesItsDomainsAndTheirRecords()
    {
        await _client.CreateGatewayDomainAsync("gw1", Gateways.Nat(Sample.Blue, "203.0.113.100"));

        await _client.DeleteGatewayAsync("gw1");

        Assert.DoesNotContain((await _client.ListLookupRecordsAsync()).Items, r => r.Type == "GatewayWildcard");
        Assert.Empty((await _client.ListGatewaysAsync()).Items);
    }
}
