using System.Net.Http.Headers;

namespace Hnv.Controller.Tests.Fixtures;

/// <summary>One controller with <see cref="Sample.WorldAsync"/> and NIC vm1 on h1, shared by tests that change nothing.</summary>
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
        Http = Server.HttpClient();
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Server.Token);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
