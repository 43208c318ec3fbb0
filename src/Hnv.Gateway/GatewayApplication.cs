using Hnv.Dataplane.Linux.Workers;
using Hnv.Dataplane.Ports;
using Hnv.Dataplane.Workers;
using Hnv.Gateway.Api;
using Hnv.Gateway.Configuration;
using Hnv.NodeRuntime.Api;
using Hnv.NodeRuntime.Logging;
using Hnv.NodeRuntime.Metrics;
using Hnv.NodeRuntime.Policy;
using Hnv.NodeRuntime.Underlay;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hnv.Gateway;

/// <summary>
/// Puts the gateway together: logging, the local API on its Unix socket, the underlay, the forwarding node with its
/// routing contexts, the policy source (a file, or the controller as for any host) and the loop that keeps the
/// contexts' routes and BGP in step with policy.
/// </summary>
public static class GatewayApplication
{
    /// <summary>Builds the gateway's web application; run it with RunAsync.</summary>
    public static WebApplication Build(GatewaySettings settings)
    {
        ApiSocket.Prepare(settings.ApiSocket);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.AddDaemonConsole();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(settings.ApiSocket));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, GatewayJsonContext.Default));
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IUnderlayPort>(services => UnderlayPorts.Open(settings.Underlay, services.GetRequiredService<ILoggerFactory>().CreateLogger("Hnv.Gateway.Underlay")));
        builder.Services.AddSingleton<Func<IPacketWaiter>>(() => new EpollWaiter());
        builder.Services.AddSingleton<GatewayDataplane>();
        builder.Services.AddSingleton(services => services.GetRequiredService<GatewayDataplane>().Node);
        builder.Services.AddPolicySource(settings.PolicySource);
        builder.Services.AddNodeMetrics(settings.Metrics);

        builder.Services.AddHostedService<GatewayRunner>();
        builder.Services.AddHostedService<ContextSync>();
        var app = builder.Build();
        app.MapGatewayApi(settings, TimeProvider.System);
        app.Lifetime.ApplicationStarted.Register(() => ApiSocket.Restrict(settings.ApiSocket));
        return app;
    }
}
