using Hnv.Wire.Ip;

namespace Hnv.Wire.Tests.Fuzz.Targets;

/// <summary>
/// Neighbor discovery options: the input is the option list after a 24-byte neighbor solicitation, and also a whole
/// ICMPv6 message of its own.
/// </summary>
internal sealed class NdOptionsTarget : IFuzzTarget
{
    public string Name => "NdOptions";

    public void Run(ReadOnlySpan<byte> input)
    {
        var message = new byte[NeighborDiscovery.MessageLength + input.Length];
        message[0] = IcmpV6.TypeNeighborSolicitation;
        input.CopyTo(message.AsSpan(NeighborDiscovery.MessageLength));
        Walk(message);
        Walk(input);
    }

    private static void Walk(ReadOnlySpan<byte> icmp)
    {
        _ = NeighborDiscovery.TryReadTarget(icmp, out _);
        for (byte type = 1; type <= 2; type++)
        {
            if (NeighborDiscovery.TryFindLinkLayerOption(icmp, type, out _, out var malformed))
            {
                FuzzInput.Check(!malformed, "a found option is not also malformed");
            }
        }
    }
}
