using Hnv.Wire.Addressing;
using Hnv.Wire.Ip;

namespace Hnv.Controller.Trace;

/// <summary>A traced packet, checked: from which NIC and CA to which address, which protocol and ports, how long.</summary>
internal sealed record ProbeSpec(string Nic, IpAddress Source, IpAddress Destination, byte Protocol, ushort SourcePort, ushort DestinationPort, int Length)
{
    public const int DefaultPayload = 56;
    public const ushort DefaultSourcePort = 40000;

    public bool HasPorts => Protocol is IpProtocol.Tcp or IpProtocol.Udp;

    /// <summary>The name the answers use (icmpv6 toward an IPv6 address).</summary>
    public string ProtocolName => IpProtocol.Name(Protocol);
}
