using Hnv.Client.Trace;
using Hnv.Controller.Model;
using Hnv.Policy.Validation;
using Hnv.Wire.Addressing;
using Hnv.Wire.Ip;

namespace Hnv.Controller.Trace;

/// <summary>Checks a trace request against its NIC: the protocol, ports and size it names, and a CA of the destination's family to send from.</summary>
internal static class ProbeReader
{
    /// <summary>The largest probe: what one buffer of the pipeline holds, less room for the frame's header.</summary>
    public const int MaxLength = 65535;

    public static ProbeSpec? Read(TraceRequest request, NetworkInterface nic, List<PolicyProblem> problems)
    {
        if (!IpAddress.TryParse(request.To, out var destination))
        {
            problems.Add(new PolicyProblem("to", $"'{request.To}' is not an IPv4 or IPv6 address."));
            return null;
        }

        if (!TryProtocol(request.Protocol, destination.IsV6, out var protocol))
        {
            problems.Add(new PolicyProblem("protocol", $"'{request.Protocol}' is not a protocol a trace sends; expected icmp, tcp or udp."));
            return null;
        }

        var source = nic.Addresses.FirstOrDefault(a => a.IsV6 == destination.IsV6);
        if (!nic.Addresses.Any(a => a.IsV6 == destination.IsV6))
        {
            problems.Add(new PolicyProblem("to", $"The NIC {nic.Name} has no {(destination.IsV6 ? "IPv6" : "IPv4")} CA to send to {destination} from."));
            return null;
        }

        var ports = protocol is IpProtocol.Tcp or IpProtocol.Udp;
        if (!ports && (request.SourcePort is not null || request.DestinationPort is not null))
        {
            problems.Add(new PolicyProblem(request.SourcePort is not null ? "sourcePort" : "destinationPort", "Ports are for tcp and udp only."));
            return null;
        }

        foreach (var (field, value) in new[] { ("sourcePort", request.SourcePort), ("destinationPort", request.DestinationPort) })
        {
            if (value is < 1 or > 65535)
            {
                problems.Add(new PolicyProblem(field, $"The port {value} is out of range; expected 1 to 65535."));
                return null;
            }
        }

        var min = ProbeFrame.MinLength(protocol, destination.IsV6);
        var length = request.Size ?? min + ProbeSpec.DefaultPayload;
        if (length < min || length > MaxLength)
        {
            problems.Add(new PolicyProblem("size", $"The size {length} is out of range; a {IpProtocol.Name(protocol)} packet over {(destination.IsV6 ? "IPv6" : "IPv4")} is {min} to {MaxLength} bytes."));
            return null;
        }

        var destinationPort = request.DestinationPort ?? (protocol == IpProtocol.Tcp ? 80 : 53);
        return new ProbeSpec(nic.Name, source, destination, protocol, (ushort)(ports ? request.SourcePort ?? ProbeSpec.DefaultSourcePort : 0),
            (ushort)(ports ? destinationPort : 0), length);
    }

    /// <summary>A protocol's name as `--proto` takes it (icmp stands for ICMPv6 toward an IPv6 address).</summary>
    public static bool TryProtocol(string? name, bool v6, out byte protocol)
    {
        protocol = name?.ToLowerInvariant() switch
        {
            null or "icmp" or "icmpv6" => v6 ? IpProtocol.Icmpv6 : IpProtocol.Icmp,
            "tcp" => IpProtocol.Tcp,
            "udp" => IpProtocol.Udp,
            _ => 0,
        };
        return protocol != 0;
    }
}
