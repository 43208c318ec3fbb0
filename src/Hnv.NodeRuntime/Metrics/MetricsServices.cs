using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Hnv.NodeRuntime.Metrics;

/// <summary>Registers a daemon's metrics listener (agent or gateway) when its configuration names one.</summary>
public static class MetricsServices
{
    public static IServiceCollection AddNodeMetrics(this IServiceCollection services, IPEndPoint? endpoint)
    {
        if (endpoint is null)
        {
            return services;
        }

        services.AddSingleton<NodeMetrics>();
        services.AddHostedService(provider => new MetricsServer(endpoint, provider.GetRequiredService<NodeMetrics>()));
        return services;
    }
}
