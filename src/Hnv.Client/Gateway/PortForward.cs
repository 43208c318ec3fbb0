using Hnv.Wire.Addressing;

namespace Hnv.Client.Gateway;

/// <summary>An external port forwarded to a VM's CA and port (destination NAT).</summary>
/// <param name="Protocol">"tcp" or "udp", as nftables names them.</param>
/// <param name="Port">The external port, on the domain's first external address.</param>
/// <param name="To">The VM's CA.</param>
/// <param name="ToPort">The VM's port.</param>
public sealed record PortForward(string Protocol, int Port, IpAddress To, int ToPort);
