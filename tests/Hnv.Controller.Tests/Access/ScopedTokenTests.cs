using System.Net;
using Hnv.Client;
using Hnv.Client.Access;
using Hnv.Client.Resources;
using Hnv.Controller.Tests.Fixtures;
using Hnv.Policy.Documents;

namespace Hnv.Controller.Tests.Access;

/// <summary>
/// A token limited to blue (issue 16, scoped tokens): it sees only blue's items, changes only them, and reaches nothing of
/// the operators' (hosts, PAs, gateways, tokens, status). Red is another tenant with the same 10.0.0.0/24.
/// </summary>
[Trait("tier", "service")]
public sealed class ScopedTokenTests : IAsyncLifetime
{
    private ControllerServer _server = null!;
    private HnvClient _admin = null!;
    private HnvClient _blue = null!;
    private HnvClient _blueViewer = null!;
    private string _blueToken = null!;

    public async Task InitializeAsync()
    {
        _server = await ControllerServer.StartAsync();
        _admin = _server.Client();
        await Sample.WorldAsync(_admin);
        await Sample.NicAsync(_admin, "b1", "h1", 5001, "02:00:00:00:00:01", "10.0.0.11");
        await Sample.NicAsync(_admin, "r1", "h1", 6001, "02:00:00:00:00:02", "10.0.0.11");
        _blueToken = (await _admin.CreateTokenAsync(new TokenDocument { Name = "blue-team", Role = TokenRoles.Write, RoutingDomains = [Sample.Blue] })).Secret!;
        _blue = _server.Client(_blueToken);
        await _admin.CreateCustomerRouteAsync(new CustomerRouteDocument { Rdid = Sample.Red, Vsid = 6001, Destination = "10.9.0.0/16" });
        _blueViewer = _server.Client((await _admin.CreateTokenAsync(new TokenDocument { Name = "blue-viewer", Role = TokenRoles.Read, RoutingDomains = [Sample.Blue] })).Secret);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Lists_ShowOnlyItsDomainsItems()
    {
        Assert.Equal([Sample.Blue], (await _blueViewer.ListRoutingDomainsAsync()).Items.Select(d => d.Rdid));
        Assert.Equal([5001L], (await _blueViewer.ListVirtualSubnetsAsync()).Items.Select(s => s.Vsid!.Value));
        Assert.Equal(["b1"], (await _blueViewer.ListNetworkInterfacesAsync()).Items.Select(n => n.Name));
        Assert.All((await _blueViewer.ListLookupRecordsAsync()).Items, r => Assert.Equal(5001, r.Vsid));
        Assert.Empty((await _blueViewer.ListVirtualSubnetsAsync(Sample.Red)).Items); // asking for red by name changes nothing
    }

    [Fact]
    public async Task ReadsOfAnotherTenantsItems_AreNotFound_AsIfTheyDidNotExist()
    {
        await AssertStatusAsync(HttpStatusCode.NotFound, () => _blueViewer.GetRoutingDomainAsync(Sample.Red));
        await AssertStatusAsync(HttpStatusCode.NotFound, () => _blueViewer.GetVirtualSubnetAsync(6001));
        await AssertStatusAsync(HttpStatusCode.NotFound, () => _blueViewer.GetNetworkInterfaceAsync("r1"));
        await AssertStatusAsync(HttpStatusCode.NotFound, () => _blueViewer.GetLookupRecordAsync(6001, "10.0.0.11"));
        Assert.Equal("b1", (await _blueViewer.GetNetworkInterfaceAsync("b1")).Name);
    }

    [Fact]
    public async Task Writes_InsideItsDomain_Work_OutsideAreForbidden_AndNothingChanges()
    {
        await _blue.CreateVirtualSubnetAsync(new VirtualSubnetDocument { Vsid = 5002, Rdid = Sample.Blue, Prefixes = ["10.0.1.0/24"] });
        await _blue.CreateNetworkInterfaceAsync(new NetworkInterfaceDocument { Name = "b2", Host = "h2", Vsid = 5002, Mac = "02:00:00:00:00:03", Addresses = ["10.0.1.10"] });
        await _blue.CreateCustomerRouteAsync(new CustomerRouteDocument { Rdid = Sample.Blue, Vsid = 5001, Destination = "10.9.0.0/16" });
        var revision = _server.Engine.Current.Revision;

        var forbidden = new Func<Task>[]
        {
            () => _blue.CreateVirtualSubnetAsync(new VirtualSubnetDocument { Vsid = 6002, Rdid = Sample.Red, Prefixes = ["10.0.1.0/24"] }),
            () => _blue.UpdateNetworkInterfaceAsync("b1", new NetworkInterfaceDocument { Name = "b1", Host = "h1", Vsid = 6001, Mac = "02:00:00:00:00:01", Addresses = ["10.0.0.12"] }), // into red
            () => _blue.CreateCustomerRouteAsync(new CustomerRouteDocument { Rdid = Sample.Red, Vsid = 6001, Destination = "10.9.0.0/16" }),
            () => _blue.CreateRoutingDomainAsync(new RoutingDomainDocument { Name = "green" }), // a new RDID is not blue
            () => _blue.CreateLookupRecordAsync(new LookupRecordDocument { Ca = "10.0.0.50", Vsid = 6001, Mac = "02:00:00:00:00:50", Pa = "192.0.2.1" }),
        };
        foreach (var write in forbidden)
        {
            await AssertStatusAsync(HttpStatusCode.Forbidden, write);
        }

        await AssertStatusAsync(HttpStatusCode.NotFound, () => _blue.DeleteNetworkInterfaceAsync("r1")); // another's NIC: as if it did not exist
        Assert.Equal(revision, _server.Engine.Current.Revision);
        Assert.Equal(6001, (await _admin.GetNetworkInterfaceAsync("r1")).Vsid);
        await AssertStatusAsync(HttpStatusCode.Forbidden, () => _blueViewer.CreateVirtualSubnetAsync(new VirtualSubnetDocument { Vsid = 5003, Rdid = Sample.Blue, Prefixes = ["10.0.2.0/24"] }));
    }

    [Fact]
    public async Task TheOperatorsResources_AreForbidden_AndItDoesNotCountAsTheLastWriteToken()
    {
        await AssertStatusAsync(HttpStatusCode.Forbidden, () => _blue.ListHostsAsync());
        await AssertStatusAsync(HttpStatusCode.Forbidden, () => _blue.ListProviderAddressesAsync());
        await AssertStatusAsync(HttpStatusCode.Forbidden, () => _blue.ListGatewaysAsync());
        await AssertStatusAsync(HttpStatusCode.Forbidden, () => _blue.ListTokensAsync());
        await AssertStatusAsync(HttpStatusCode.Forbidden, () => _blue.GetStatusAsync());
        await AssertStatusAsync(HttpStatusCode.Forbidden, () => _blue.CreateTokenAsync(new TokenDocument { Name = "more", Role = TokenRoles.Write }));

        // bootstrap is the only write token that reaches everything: a scoped one beside it does not make it deletable.
        await AssertStatusAsync(HttpStatusCode.Conflict, () => _admin.DeleteTokenAsync("bootstrap"));
        var listed = (await _admin.ListTokensAsync()).Items.Single(t => t.Name == "blue-team");
        Assert.Equal([Sample.Blue], listed.RoutingDomains!);
    }

    [Theory]
    [InlineData("""{"name": "t1", "role": "read", "routingDomains": []}""", "routingDomains")]
    [InlineData("""{"name": "t1", "role": "read", "routingDomains": ["blue"]}""", "routingDomains[0]")]
    [InlineData("""{"name": "t1", "role": "read", "routingDomains": ["aaaaaaaa-0000-0000-0000-000000000001", "aaaaaaaa-0000-0000-0000-000000000001"]}""", "routingDomains[1]")]
    public Task Create_BadScope_IsRefusedNamingTheField(string body, string field) =>
        RefusedWrite.AssertAsync(Authorized(), "POST", ApiPaths.Tokens, body, 400, field, () => Authorized().GetStringAsync(ApiPaths.Tokens));

    // Each answer is the 404 of an item that does not exist; it may repeat what the caller named, never more.
    [Theory]
    [InlineData("PUT", "/api/v1/virtual-subnets/6001", """{"vsid": 6001, "rdid": "aaaaaaaa-0000-0000-0000-000000000001", "prefixes": ["10.0.0.0/24"]}""", "bbbbbbbb")] // not red's RDID
    [InlineData("DELETE", "/api/v1/virtual-subnets/6001", "", "lookup records")] // not what still uses it
    [InlineData("DELETE", "/api/v1/routing-domains/bbbbbbbb-0000-0000-0000-000000000002", "", "subnets")]
    [InlineData("PUT", "/api/v1/routing-domains/bbbbbbbb-0000-0000-0000-000000000002", """{"name": "mine now"}""", "red")]
    [InlineData("DELETE", "/api/v1/network-interfaces/r1", "", "6001")]
    [InlineData("DELETE", "/api/v1/lookup-records/6001/10.0.0.11", "", "r1")] // r1's record: not whose it is
    [InlineData("PUT", "/api/v1/lookup-records/6001/10.0.0.11", """{"mac": "02:00:00:00:00:09", "pa": "192.0.2.1"}""", "r1")]
    [InlineData("DELETE", "/api/v1/customer-routes?rdid=bbbbbbbb-0000-0000-0000-000000000002&vsid=6001&destination=10.9.0.0/16", "", "exists")]
    public async Task WritesNamingAnotherTenantsItems_AreNotFound_AndSayNothingOfThem(string method, string path, string body, string secret)
    {
        using var http = _server.HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", _blueToken);
        await RefusedWrite.AssertAsync(http, method, path, body, 404, "", () => Authorized().GetStringAsync(ApiPaths.NetworkInterfaces + "?vsid=6001"));

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body.Length > 0)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        var answer = await (await http.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("There is no", answer, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConflictWithAnotherTenantsItem_SaysOnlyThatItIsTaken()
    {
        // r1 (red) holds 02:00:00:00:00:02: blue learns that the MAC is taken, not by whom.
        var e = await Assert.ThrowsAsync<HnvApiException>(() => _blue.CreateNetworkInterfaceAsync(
            new NetworkInterfaceDocument { Name = "b9", Host = "h1", Vsid = 5001, Mac = "02:00:00:00:00:02", Addresses = ["10.0.0.19"] }));

        Assert.Equal(HttpStatusCode.Conflict, e.Status);
        Assert.DoesNotContain("r1", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("6001", e.Message, StringComparison.Ordinal);
    }

    private HttpClient Authorized()
    {
        var http = _server.HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", _server.Token);
        return http;
    }

    private static async Task AssertStatusAsync(HttpStatusCode expected, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<HnvApiException>(call);
        Assert.Equal(expected, e.Status);
    }
}
