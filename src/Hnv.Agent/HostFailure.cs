using Microsoft.Extensions.Hosting;

namespace Hnv.Agent;

/// <summary>Stops the host with exit code 1 when a vital part fails.</summary>
public sealed class HostFailure(IHostApplicationLifetime lifetime) : IHostFailure
{
    /// <inheritdoc />
    public void Fail(Exception reason)
    {
        Environment.ExitCode = 1;
        lifetime.StopApplication();
    }
}
