using Hnv.Agent.Configuration;
using Hnv.Dataplane.Ports;

namespace Hnv.Agent.Ports;

/// <summary>Makes the port for a VM NIC: a TAP moved into the VM's namespace on a real host, memory in tests.</summary>
public interface IVmPortFactory
{
    /// <summary>Attaches the NIC as port <paramref name="index"/>; throws with a clear message when it cannot.</summary>
    IVmPort Attach(PortSettings settings, int index);

    /// <summary>Removes what <see cref="Attach"/> made for a NIC that is detached for good (not on agent stop).</summary>
    void Remove(PortSettings settings);
}
