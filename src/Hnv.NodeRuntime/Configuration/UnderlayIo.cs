namespace Hnv.NodeRuntime.Configuration;

/// <summary>How a forwarding daemon sends and receives NVGRE on the underlay (docs/agent.md "How it forwards").</summary>
public enum UnderlayIo
{
    /// <summary>An AF_PACKET socket on the underlay interface: the daemon writes Ethernet itself, batches, bypasses the qdisc.</summary>
    Packet,

    /// <summary>Raw IPPROTO_GRE sockets: the kernel routes and writes the outer IP header. Slower; the fallback.</summary>
    Raw,
}
