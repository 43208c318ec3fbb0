using Hnv.Agent.Configuration;
using Hnv.Agent.Ports;
using Hnv.Dataplane.Ports;

namespace Hnv.Agent.Tests.Support;

/// <summary>VM ports in memory, for agent tests whose subject is not the devices.</summary>
internal sealed class MemoryPortFactory : IVmPortFactory
{
    public IVmPort Attach(PortSettings settings, int index) => new MemoryVmPort(index, settings.Name);

    public void Remove(PortSettings settings)
    {
    }
}
