using System.Net;
using Hnv.Client;
using Hnv.Client.Resources;
using Hnv.Controller.Tests.Fixtures;
using Hnv.Policy.Documents;

namespace Hnv.Controller.Tests.Api;

/// <summary>Create, read, list, update and delete of every resource through HnvClient, on a real Kestrel and SQLite file.</summary>
[Trait("tier", "service")]
public sealed class CrudTests : IAsyncLifetime
{
    private ControllerServer _server = null!;
    private HnvClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await ControllerServer.StartAsync();
        _client = _server.Client();
        await Sample.WorldAsync(_client);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task RoutingDomain_CreateReadUpdateDelete_Works()
    {
        var created = await _client.CreateRoutingDomainAsync(new RoutingDomainDocument { Name = "green" });
        Assert.NotNull(created.Rdid);
        Assert.Equal("green", (await _client.GetRoutingDomainAsync(created.Rdid!)).Name);
        await _client.UpdateRoutingDomainAsync(created.Rdid!, new RoutingDomainDocument { Name = "emerald" });
        Assert.Contains((await _client.ListRoutingDomainsAsync()).Items, d => d.Name == "emerald");
        await _client.DeleteRoutingDomainAsync(created.Rdid!);
        var missing = await Assert.ThrowsAsync<HnvApiException>(() => _client.GetRoutingDomainAsync(created.Rdid!));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    [Fact]
    public async Task RoutingDomain_CreateTwice_Conflict()
    {
        var e = await Assert.ThrowsAsync<HnvApiException>(() => _client.CreateRoutingDomainAsync(new RoutingDomainDocument { Rdid = Sample.Blue, Name = "again" }));
        Assert.Equal(HttpStatusCode.Conflict, e.Status);
    }

    [Fact]
    public async Task RoutingDomain_DeleteWithSubnets_Conflict()
    {
        var e = await Assert.ThrowsAsync<HnvApiException>(() => _client.DeleteRoutingDomainAsync(Sample.Blue));
        Assert.Equal(HttpStatusCode.Conflict, e.Status);
        Assert.Contains("subnets", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_AnswersCreatedWithLocationAndRevision()
    {
        using var http = _server.HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", _server.Token);
        var response = await http.PostAsync(Hnv.Client.ApiPaths.Hosts, new StringContent("""{"name":"h9"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/v1/hosts/h9", response.Headers.Location?.OriginalString);
        Assert.True(long.Parse(response.Headers.GetValues(Hnv.Client.ApiPaths.RevisionHeader).Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task VirtualSubnet_UpdateListFilterDelete_Works()
    {
        await _client.CreateVirtualSubnetAsync(new VirtualSubnetDocument { Vsid = 5002, Rdid = Sample.Blue, Prefixes = ["10.0.1.0/24"] });
        await _client.UpdateVirtualSubnetAsync(5002, new VirtualSubnetDocument { Vsid = 5002, Rdid = Sample.Blue, Name = "second", Prefixes = ["10.0.1.0/24"] });
        Assert.Equal("second", (await _client.GetVirtualSubnetAsync(5002)).Name);
        Assert.Equal([5001, 5002], (await _client.ListVirtualSubnetsAsync(Sample.Blue)).Items.Select(s => s.Vsid!.Value));
        Assert.Equal([6001], (await _client.ListVirtualSubnetsAsync(Sample.Red)).Items.Select(s => s.Vsid!.Value));
        await _client.DeleteVirtualSubnetAsync(5002);
        Assert.Equal(2, (await _client.ListVirtualSubnetsAsync()).Items.Count);
    }

    [Fact]
    public async Task VirtualSubnet_DeleteWithNic_Conflict()
    {
        await Sample.NicAsync(_client, "vm1", "h1", 5001, "02:00:00:00:00:01", "10.0.0.11");
        var e = await Assert.ThrowsAsync<HnvApiException>(() => _client.DeleteVirtualSubnetAsync(5001));
        Assert.Equal(HttpStatusCode.Conflict, e.Status);
    }

    [Fact]
    public async Task VirtualSubnet_UpdateAbsent_NotFound()
    {
        var e = await Assert.ThrowsAsync<HnvApiException>(() =>
            _client.UpdateVirtualSubnetAsync(7777, new VirtualSubnetDocument { Vsid = 7777, Rdid = Sample.Blue, Prefixes = ["10.9.0.0/24"] }));
        Assert.Equal(HttpStatusCode.NotFound, e.Status);
    }

    [Fact]
    public async Task Host_UpdateAndDeleteWhileUsed_ConflictThenWorks()
    {
        await _client.UpdateHostAsync("h3", new HostDocument { Name = "h3", Description = "rack 3" });
        Assert.Equal("rack 3", (await _client.GetHostAsync("h3")).Description);
        var used = await Assert.ThrowsAsync<HnvApiException>(() => _client.DeleteHostAsync("h3"));
        Assert.Equal(HttpStatusCode.Conflict, used.Status);
        await _client.DeleteProviderAddressAsync("192.0.2.3");
        await _client.DeleteHostAsync("h3");
        Assert.DoesNotContain((await _client.ListHostsAsync()).Items, h => h.Name == "h3");
    }

    [Fact]
    public async Task ProviderAddresses_ListByHost_Filters()
    {
        var h2 = await _client.ListProviderAddressesAsync("h2");
        Assert.Equal(["192.0.2.2", "2001:db8::2"], h2.Items.Select(a => a.Pa));
        Assert.Equal(4, (await _client.ListProviderAddressesAsync()).Items.Count);
    }

    [Fact]
    public async Task ProviderRoutes_CreateUpdateDelete_Works()
    {
        var route = new ProviderRouteDocument { Host = "h1", Destination = "198.51.100.0/24", NextHop = "192.0.2.254" };
        await _client.CreateProviderRouteAsync(route);
        route.Metric = 10;
        await _client.UpdateProviderRouteAsync(route);
        Assert.Equal(10, (await _client.ListProviderRoutesAsync("h1")).Items.Single().Metric);
        Assert.Empty((await _client.ListProviderRoutesAsync("h2")).Items);
        await _client.DeleteProviderRouteAsync("h1", "198.51.100.0/24");
        Assert.Empty((await _client.ListProviderRoutesAsync()).Items);
    }

    [Fact]
    public async Task CustomerRoutes_CreateUpdateListDelete_Works()
    {
        await Sample.NicAsync(_client, "gw", "h1", 5001, "02:00:00:00:00:fe", "10.0.0.254");
        var route = new CustomerRouteDocument { Rdid = Sample.Blue, Vsid = 5001, Destination = "0.0.0.0/0", NextHop = "10.0.0.254" };
        await _client.CreateCustomerRouteAsync(route);
        route.Metric = 5;
        await _client.UpdateCustomerRouteAsync(route);
        Assert.Equal(5, (await _client.ListCustomerRoutesAsync(Sample.Blue)).Items.Single().Metric);
        Assert.Empty((await _client.ListCustomerRoutesAsync(Sample.Red)).Items);
        await _client.DeleteCustomerRouteAsync(Sample.Blue, 5001, "0.0.0.0/0");
        Assert.Empty((await _client.ListCustomerRoutesAsync()).Items);
    }

    [Fact]
    public async Task NetworkInterface_DerivesRecords_ByFamilyOnDualStackHost()
    {
        await Sample.NicAsync(_client, "vm2", "h2", 5001, "02:00:00:00:00:02", "10.0.0.12", "fd00::12");
        var records = (await _client.ListLookupRecordsAsync(5001)).Items;
        Assert.Equal("192.0.2.2", records.Single(r => r.Ca == "10.0.0.12").Pa);
        Assert.Equal("2001:db8::2", records.Single(r => r.Ca == "fd00::12").Pa);
        Assert.All(records, r => Assert.Equal("nic:vm2", r.Source));
    }

    [Fact]
    public async Task NetworkInterface_SingleFamilyHost_UsesItsOnlyPa()
    {
        await Sample.NicAsync(_client, "vm1", "h1", 5001, "02:00:00:00:00:01", "10.0.0.11", "fd00::11");
        Assert.All((await _client.ListLookupRecordsAsync(5001)).Items, r => Assert.Equal("192.0.2.1", r.Pa));
    }

    [Fact]
    public async Task NetworkInterface_HostChange_MovesItsRecords()
    {
        await Sample.NicAsync(_client, "vm1", "h1", 5001, "02:00:00:00:00:01", "10.0.0.11");
        await _client.UpdateNetworkInterfaceAsync("vm1", new NetworkInterfaceDocument { Name = "vm1", Host = "h3", Vsid = 5001, Mac = "02:00:00:00:00:01", Addresses = ["10.0.0.11"] });
        Assert.Equal("192.0.2.3", (await _client.GetLookupRecordAsync(5001, "10.0.0.11")).Pa);
        Assert.Equal(["vm1"], (await _client.ListNetworkInterfacesAsync(host: "h3")).Items.Select(n => n.Name));
        Assert.Empty((await _client.ListNetworkInterfacesAsync(host: "h1")).Items);
    }

    [Fact]
    public async Task NetworkInterface_ListFilters_AndDeleteRemovesRecords()
    {
        await Sample.NicAsync(_client, "vm1", "h1", 5001, "02:00:00:00:00:01", "10.0.0.11");
        await Sample.NicAsync(_client, "vm3", "h1", 6001, "02:00:00:00:00:03", "10.0.0.11");
        Assert.Equal(["vm3"], (await _client.ListNetworkInterfacesAsync(vsid: 6001)).Items.Select(n => n.Name));
        Assert.Equal(2, (await _client.ListNetworkInterfacesAsync(host: "h1")).Items.Count);
        Assert.Single((await _client.ListLookupRecordsAsync(rdid: Sample.Red)).Items);
        await _client.DeleteNetworkInterfaceAsync("vm3");
        Assert.Empty((await _client.ListLookupRecordsAsync(rdid: Sample.Red)).Items);
        Assert.Equal("vm1", (await _client.GetNetworkInterfaceAsync("vm1")).Name);
    }

    [Fact]
    public async Task NetworkInterface_MacInUse_Conflict()
    {
        await Sample.NicAsync(_client, "vm1", "h1", 5001, "02:00:00:00:00:01", "10.0.0.11");
        var e = await Assert.ThrowsAsync<HnvApiException>(() => Sample.NicAsync(_client, "vm9", "h2", 5001, "02:00:00:00:00:01", "10.0.0.19"));
        Assert.Equal(HttpStatusCode.Conflict, e.Status);
        Assert.Equal("mac", e.Problem!.Problems!.Single().Field);
    }

    [Fact]
    public async Task NetworkInterface_CaInUseInRoutingDomain_Conflict()
    {
        await _client.CreateVirtualSubnetAsync(new VirtualSubnetDocument { Vsid = 5002, Rdid = Sample.Blue, Prefixes = ["10.0.1.0/24"] });
        await _client.CreateLookupRecordAsync(new LookupRecordDocument { Ca = "10.0.0.77", Vsid = 5002, Mac = "02:00:00:00:00:77", Pa = "192.0.2.1", Type = "L2Only" });
        var e = await Assert.ThrowsAsync<HnvApiException>(() => Sample.NicAsync(_client, "vm7", "h1", 5001, "02:00:00:00:00:07", "10.0.0.77"));
        Assert.Equal(HttpStatusCode.Conflict, e.Status);
        Assert.Contains("one CA space", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LookupRecord_Explicit_CreateUpdateDelete_AndDerivedOnlyThroughNic()
    {
        var created = await _client.CreateLookupRecordAsync(new LookupRecordDocument { Ca = "10.0.0.250", Vsid = 5001, Mac = "02:00:00:00:00:fa", Pa = "192.0.2.3" });
        Assert.Equal("explicit", created.Source);
        await _client.UpdateLookupRecordAsync(5001, "10.0.0.250", new LookupRecordDocument { Ca = "10.0.0.250", Vsid = 5001, Mac = "02:00:00:00:00:fa", Pa = "192.0.2.1" });
        Assert.Equal("192.0.2.1", (await _client.GetLookupRecordAsync(5001, "10.0.0.250")).Pa);
        await Sample.NicAsync(_client, "vm1", "h1", 5001, "02:00:00:00:00:01", "10.0.0.11");
        var derived = await Assert.ThrowsAsync<HnvApiException>(() => _client.DeleteLookupRecordAsync(5001, "10.0.0.11"));
        Assert.Equal(HttpStatusCode.Conflict, derived.Status);
        await _client.DeleteLookupRecordAsync(5001, "10.0.0.250");
        var gone = await Assert.ThrowsAsync<HnvApiException>(() => _client.GetLookupRecordAsync(5001, "10.0.0.250"));
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
    }

    [Fact]
    public async Task ProviderAddress_AddV6ToHost_RederivesItsNicRecords()
    {
        await Sample.NicAsync(_client, "vm1", "h1", 5001, "02:00:00:00:00:01", "10.0.0.11", "fd00::11");
        await _client.CreateProviderAddressAsync(new ProviderAddressDocument { Host = "h1", Pa = "2001:db8::1", PrefixLength = 64 });
        Assert.Equal("2001:db8::1", (await _client.GetLookupRecordAsync(5001, "fd00::11")).Pa);
        await _client.DeleteProviderAddressAsync("2001:db8::1");
        Assert.Equal("192.0.2.1", (await _client.GetLookupRecordAsync(5001, "fd00::11")).Pa);
        var last = await Assert.ThrowsAsync<HnvApiException>(() => _client.DeleteProviderAddressAsync("192.0.2.1"));
        Assert.Equal(HttpStatusCode.Conflict, last.Status);
    }

    [Fact]
    public async Task Status_ListsHostsAndRevision()
    {
        var status = await _client.GetStatusAsync();
        Assert.Equal("sqlite", status.Store);
        Assert.Equal(["h1", "h2", "h3"], status.Hosts.Select(h => h.Name));
        Assert.True(status.Revision >= 10);
        var report = await _client.ReportHostStatusAsync("h1", new Hnv.Client.Status.HostStatusReport { Revision = status.Revision, Ports = 2 });
        Assert.Equal(status.Revision, report.RevisionApplied);
        Assert.Equal(0, report.LagSeconds);
        Assert.Equal(2, (await _client.GetHostStatusAsync("h1")).Ports);
    }
}
