using Hnv.Wire.Addressing;
using Hnv.Wire.Ip;

namespace Hnv.Controller.Trace;

/// <summary>A traced packet, checked: from which NIC and CA to which address, which protocol and ports, how long.</summary>
internal sealed record ProbeSpec(string Nic, IpAddress Source, IpAddress Destination, byte Protocol, ushort SourcePort, ushort DestinationPort, int Length)
{
    public const int DefaultPayload = 56;
    public const ushort DefaultSourcePort = 40000;

    public bool HasPorts => Protocol is IpProtocol.Tcp or IpProtocol.Udp;

    /// <summary>The name `--proto` and the answers use.</summary>
    public string ProtocolName => Protocol switch
    {
        IpProtocol.Tcp => "tcp",
        IpProtocol.Udp => "udp",
        _ => Destination.IsV6 ? "icmpv6" : "icmp",
    };
}
