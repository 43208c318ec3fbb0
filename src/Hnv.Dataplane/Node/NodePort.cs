using Hnv.Dataplane.Ports;
using Hnv.Forwarding.Node;

namespace Hnv.Dataplane.Node;

/// <summary>A VM NIC a forwarding node serves: what the pipeline knows of it and its device.</summary>
public sealed record NodePort(LocalPort Local, IVmPort Port)
{
    /// <summary>The port's name (unique on the node).</summary>
    public string Name => Local.Name;
}
