using Hnv.Agent.Configuration;
using Hnv.Dataplane.Ports;
using Hnv.Forwarding.Node;

namespace Hnv.Agent.Ports;

/// <summary>A VM NIC this agent serves: what was asked, what the pipeline knows, and the device.</summary>
public sealed record AttachedPort(PortSettings Settings, LocalPort Local, IVmPort Port);
