using Hnv.Client.Json;
using Hnv.Controller.Access;
using Hnv.Controller.Api;
using Hnv.Controller.Configuration;
using Hnv.Controller.State;
using Hnv.Controller.Status;
using Hnv.Controller.Storage;
using Hnv.Controller.Watch;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hnv.Controller.Hosting;

/// <summary>
/// Puts the controller together: the store (SQLite or PostgreSQL), the engine loaded from it, Kestrel on every
/// --listen (TLS where https), token checks, the API, the watch streams and the OpenAPI document.
/// </summary>
internal static class ControllerApplication
{
    /// <summary>Builds the web application; StartAsync or RunAsync runs it.</summary>
    public static WebApplication Build(ControllerOptions options, Action<ILoggingBuilder>? logging = null)
    {
        foreach (var socket in options.Listen.Select(l => l.SocketPath).OfType<string>())
        {
            // A socket file left by a crashed run would make Kestrel fail to bind.
            File.Delete(socket);
            Directory.CreateDirectory(Path.GetDirectoryName(socket)!);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel => Listen(kestrel, options));
        // Every agent reconnects at once after a restart: a deep accept queue (the kernel caps it at somaxconn)
        // keeps a thousand connects from being refused with EAGAIN on a Unix socket.
        builder.WebHost.UseSockets(sockets => sockets.Backlog = 4096);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ClientJsonContext.Default));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => ControllerStore.Open(options.Postgres, options.Database));
        builder.Services.AddSingleton(sp => new PolicyEngine(
            sp.GetRequiredService<ControllerStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PolicyEngine>>(), options.History, options.ChangeLog));
        builder.Services.AddSingleton(new WatchSettings(options.Heartbeat));
        builder.Services.AddSingleton<WatchRegistry>();
        builder.Services.AddSingleton<Trace.ProbeBook>();
        builder.Services.AddSingleton<TokenRevocations>();
        builder.Services.AddSingleton<HostStatusBook>();
        builder.Services.AddHostedService<ControllerStartup>();
        builder.Services.AddHostedService<GatewayMonitor>();
        builder.Services.AddSingleton<Metrics.ControllerMetrics>();
        builder.Services.AddOpenApi("v1");

        var app = builder.Build();
        app.UseStatusCodePages(ApiResults.WriteBodilessErrorAsync);
        app.UseMiddleware<RevisionHeader>();
        app.UseMiddleware<RequestSizeLimits>();
        app.UseRouting();
        app.UseMiddleware<TokenAuthentication>();
        app.MapOpenApi().Allow(AccessLevel.Public);
        StatusEndpoints.Map(app, options.Replica);
        RoutingDomainEndpoints.Map(app);
        VirtualSubnetEndpoints.Map(app);
        HostEndpoints.Map(app);
        GatewayEndpoints.Map(app);
        NetworkInterfaceEndpoints.Map(app);
        LookupRecordEndpoints.Map(app);
        CustomerRouteEndpoints.Map(app);
        ProviderAddressEndpoints.Map(app);
        ProviderRouteEndpoints.Map(app);
        TokenEndpoints.Map(app);
        WatchEndpoint.Map(app);
        BatchEndpoint.Map(app);
        MetricsEndpoint.Map(app);
        TraceEndpoints.Map(app);
        PageEndpoints.Map(app);
        return app;
    }

    private static void Listen(KestrelServerOptions kestrel, ControllerOptions options)
    {
        kestrel.Limits.MaxRequestBodySize = RequestBody.MaxBodyBytes;
        kestrel.Limits.MaxRequestLineSize = RequestSizeLimits.KestrelMaxBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = RequestSizeLimits.KestrelMaxBytes;
        foreach (var address in options.Listen)
        {
            if (address.SocketPath is { } socket)
            {
                kestrel.ListenUnixSocket(socket);
            }
            else if (address.Https)
            {
                kestrel.Listen(address.EndPoint!, listen => listen.UseHttps(Certificates.Load(options.Certificate!, options.CertificateKey!)));
            }
            else
            {
                kestrel.Listen(address.EndPoint!);
            }
        }
    }
}
