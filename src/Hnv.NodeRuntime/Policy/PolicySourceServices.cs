using Microsoft.Extensions.DependencyInjection;

namespace Hnv.NodeRuntime.Policy;

/// <summary>Registers a daemon's policy source: the file, or the controller's watch with its status reports.</summary>
public static class PolicySourceServices
{
    /// <summary>
    /// Adds <paramref name="settings"/> and the source it names. Register it before what attaches ports: a source reads its
    /// file (or the controller's cache) before its first wait, so ports attach to known subnets.
    /// </summary>
    public static IServiceCollection AddPolicySource(this IServiceCollection services, PolicySourceSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<ServedDomains>();
        if (settings.Controller is null)
        {
            services.AddHostedService<PolicyFileSource>();
            return services;
        }

        services.AddSingleton<ControllerEndpoints>();
        services.AddSingleton<HostStatusReporter>();
        services.AddSingleton<ProbeResponder>();
        services.AddHostedService<ControllerPolicySource>();
        services.AddHostedService(provider => provider.GetRequiredService<HostStatusReporter>());
        return services;
    }
}
