using Hnv.Agent.Api;
using Hnv.Agent.Configuration;
using Hnv.Agent.Ports;
using Hnv.Dataplane.Linux.Workers;
using Hnv.Dataplane.Ports;
using Hnv.Dataplane.Workers;
using Hnv.NodeRuntime.Api;
using Hnv.NodeRuntime.Logging;
using Hnv.NodeRuntime.Metrics;
using Hnv.NodeRuntime.Policy;
using Hnv.NodeRuntime.Underlay;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hnv.Agent;

/// <summary>
/// Puts the agent together: logging, the API on its Unix socket, the dataplane with TAP ports and the
/// underlay, and the policy source. The override callback lets tests swap the devices for memory ones
/// while everything else (Kestrel, the API, the policy file, the worker) stays real.
/// </summary>
public static class AgentApplication
{
    /// <summary>Builds the agent's web application; run it with RunAsync.</summary>
    public static WebApplication Build(AgentSettings settings, Action<IServiceCollection>? @override = null)
    {
        ApiSocket.Prepare(settings.ApiSocket);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.AddDaemonConsole();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(settings.ApiSocket));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AgentJsonContext.Default));
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IProcessFailure, ProcessFailure>();
        builder.Services.AddSingleton<IVmPortFactory, LinuxPortFactory>();
        builder.Services.AddSingleton<IUnderlayPort>(services => UnderlayPorts.Open(settings.Underlay, services.GetRequiredService<ILoggerFactory>().CreateLogger("Hnv.Agent.Underlay")));
        builder.Services.AddSingleton<Func<IPacketWaiter>>(() => new EpollWaiter()); // one per worker thread
        builder.Services.AddSingleton<AgentDataplane>();
        builder.Services.AddSingleton(services => services.GetRequiredService<AgentDataplane>().Node);
        // The policy source starts first: it reads the file (or the controller's cache) before its first wait, so
        // ports attach to known subnets.
        builder.Services.AddPolicySource(settings.PolicySource);
        builder.Services.AddNodeMetrics(settings.Metrics);

        builder.Services.AddHostedService<AgentRunner>();
        @override?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapAgentApi(settings, TimeProvider.System);
        // The API attaches NICs and shows policy: root and the socket's group (an orchestrator's) only.
        app.Lifetime.ApplicationStarted.Register(() => ApiSocket.Restrict(settings.ApiSocket));
        return app;
    }
}
