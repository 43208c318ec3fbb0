using Hnv.Client;
using Hnv.Controller.Configuration;
using Hnv.Controller.Hosting;
using Hnv.Controller.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hnv.Controller.Tests.Fixtures;

/// <summary>
/// A real controller: Kestrel on 127.0.0.1:0 (or the given listen addresses), a real SQLite file in a temp folder (or
/// a PostgreSQL database), the bootstrap token written to a file and read back as a client would.
/// </summary>
internal sealed class ControllerServer : IAsyncDisposable
{
    private readonly List<HttpClient> _clients = [];

    private ControllerServer(WebApplication app, ControllerOptions options, string folder, Uri? baseAddress)
    {
        App = app;
        Options = options;
        Folder = folder;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    public ControllerOptions Options { get; }

    public string Folder { get; }

    /// <summary>The first TCP address, as http(s)://127.0.0.1:PORT.</summary>
    public Uri? BaseAddress { get; }

    public string TokenFile => Path.Combine(Folder, "bootstrap.token");

    public string Token => File.ReadAllText(TokenFile).Trim();

    public PolicyEngine Engine => App.Services.GetRequiredService<PolicyEngine>();

    /// <summary>Starts a controller on a SQLite file in <paramref name="folder"/> (a new temp folder when null).</summary>
    public static Task<ControllerServer> StartAsync(string? folder = null, string? postgres = null, double heartbeatSeconds = 5,
        IReadOnlyList<string>? listen = null, string? certificate = null, string? key = null, string? replica = null, int? history = null)
    {
        folder ??= Directory.CreateTempSubdirectory("hnv-controller-").FullName;
        var args = new List<string> { "--bootstrap-token-file", Path.Combine(folder, "bootstrap.token"), "--heartbeat-seconds", heartbeatSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var address in listen ?? ["http://127.0.0.1:0"])
        {
            args.AddRange(["--listen", address]);
        }

        args.AddRange(postgres is null ? ["--database", Path.Combine(folder, "controller.db")] : ["--postgres", postgres]);
        if (certificate is not null)
        {
            args.AddRange(["--certificate", certificate, "--certificate-key", key!]);
        }

        if (history is not null)
        {
            args.AddRange(["--history", history.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        if (replica is not null)
        {
            args.AddRange(["--replica", replica]);
        }

        return StartAsync(args, folder);
    }

    /// <summary>Starts a controller with <paramref name="args"/>; <paramref name="extend"/> may map more endpoints before it starts.</summary>
    public static async Task<ControllerServer> StartAsync(IReadOnlyList<string> args, string folder, Action<WebApplication>? extend = null)
    {
        var options = ControllerOptionsReader.Read(args, _ => null, out var problems);
        Assert.Empty(problems);
        var app = ControllerApplication.Build(options, logging => logging.SetMinimumLevel(LogLevel.Warning));
        extend?.Invoke(app);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var tcp = addresses.FirstOrDefault(a => a.StartsWith("http", StringComparison.Ordinal));
        return new ControllerServer(app, options, folder, tcp is null ? null : new Uri(tcp));
    }

    /// <summary>A client with <paramref name="token"/> (the bootstrap write token by default).</summary>
    public HnvClient Client(string? token = null) => new(HttpClient(), token ?? Token);

    /// <summary>A client without a token.</summary>
    public HnvClient Anonymous() => new(HttpClient());

    public HttpClient HttpClient()
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        _clients.Add(http);
        return http;
    }

    /// <summary>Stops this controller and starts another on the same store and folder.</summary>
    public async Task<ControllerServer> RestartAsync()
    {
        await DisposeAsync(deleteFolder: false);
        return await StartAsync(Folder, Options.Postgres, Options.Heartbeat.TotalSeconds, Options.Listen.Select(l => l.Text).ToList());
    }

    public ValueTask DisposeAsync() => DisposeAsync(deleteFolder: true);

    private async ValueTask DisposeAsync(bool deleteFolder)
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await App.StopAsync();
        await App.DisposeAsync();
        if (deleteFolder)
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
