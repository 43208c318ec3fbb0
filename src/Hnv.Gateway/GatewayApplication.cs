using Hnv.Dataplane.Linux.Workers;
using Hnv.Dataplane.Ports;
using Hnv.Dataplane.Workers;
using Hnv.Gateway.Configuration;
using Hnv.NodeRuntime.Logging;
using Hnv.NodeRuntime.Policy;
using Hnv.NodeRuntime.Underlay;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hnv.Gateway;

/// <summary>
/// Puts the gateway together: logging, the underlay, the forwarding node with its routing contexts, the policy source
/// (a file, or the controller as for any host) and the loop that keeps the contexts' routes in step with policy.
/// </summary>
public static class GatewayApplication
{
    /// <summary>Builds the gateway's host; run it with RunAsync.</summary>
    public static IHost Build(GatewaySettings settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddDaemonConsole();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(settings.PolicySource);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IUnderlayPort>(services => UnderlayPorts.Open(settings.Underlay, services.GetRequiredService<ILoggerFactory>().CreateLogger("Hnv.Gateway.Underlay")));
        builder.Services.AddSingleton<Func<IPacketWaiter>>(() => new EpollWaiter());
        builder.Services.AddSingleton<GatewayDataplane>();
        builder.Services.AddSingleton(services => services.GetRequiredService<GatewayDataplane>().Node);
        if (settings.Controller is null)
        {
            builder.Services.AddHostedService<PolicyFileSource>();
        }
        else
        {
            builder.Services.AddSingleton<ControllerEndpoints>();
            builder.Services.AddSingleton<HostStatusReporter>();
            builder.Services.AddHostedService<ControllerPolicySource>();
            builder.Services.AddHostedService(services => services.GetRequiredService<HostStatusReporter>());
        }

        builder.Services.AddHostedService<GatewayRunner>();
        builder.Services.AddHostedService<ContextSync>();
        return builder.Build();
    }
}
