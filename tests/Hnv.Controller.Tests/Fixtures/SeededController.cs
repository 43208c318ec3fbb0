using System.Net.Http.Headers;

namespace Hnv.Controller.Tests.Fixtures;

/// <summary>One controller with <see cref="Sample.WorldAsync"/>, NIC vm1 on h1, a gateway record and default route in red, a provider route of h1, shared by tests that change nothing.</summary>
public sealed class SeededController : IAsyncLifetime
{
    internal ControllerServer Server { get; private set; } = null!;

    /// <summary>An HttpClient with the write token.</summary>
    internal HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await ControllerServer.StartAsync();
        var client = Server.Client();
        await Sample.WorldAsync(client);
        await Sample.NicAsync(client, "vm1", "h1", 5001, "02:00:00:00:00:01", "10.0.0.11");
        // A gateway's explicit record: its MAC is taken too.
        await client.CreateLookupRecordAsync(new Hnv.Policy.Documents.LookupRecordDocument { Ca = "10.0.0.254", Vsid = 6001, Mac = "02:00:00:00:00:aa", Pa = "192.0.2.3" });
        await client.CreateCustomerRouteAsync(new Hnv.Policy.Documents.CustomerRouteDocument { Rdid = Sample.Red, Vsid = 6001, Destination = "0.0.0.0/0", NextHop = "10.0.0.254" });
        await client.CreateProviderRouteAsync(new Hnv.Policy.Documents.ProviderRouteDocument { Host = "h1", Destination = "198.51.100.0/24", NextHop = "192.0.2.254" });
        Http = Server.HttpClient();
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Server.Token);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
