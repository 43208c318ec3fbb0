using Microsoft.Extensions.Hosting;

namespace Hnv.Agent;

/// <summary>Stops the host with exit code 1 when a vital part fails.</summary>
public sealed class ProcessFailure(IHostApplicationLifetime lifetime) : IProcessFailure
{
    /// <inheritdoc />
    public void Fail(Exception reason)
    {
        Environment.ExitCode = 1;
        lifetime.StopApplication();
    }
}
