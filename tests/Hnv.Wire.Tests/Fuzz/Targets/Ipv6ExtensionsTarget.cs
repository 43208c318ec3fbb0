using Hnv.Wire.Addressing;
using Hnv.Wire.Ip;

namespace Hnv.Wire.Tests.Fuzz.Targets;

/// <summary>
/// The IPv6 extension-header walk: byte 0 is the fixed header's Next Header, the rest is everything after the fixed
/// header (Payload Length set to match), so every input reaches <c>Ipv6Header.TryFindUpperLayer</c>.
/// </summary>
internal sealed class Ipv6ExtensionsTarget : IFuzzTarget
{
    public string Name => "Ipv6Extensions";

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var rest = input[1..];
        if (rest.Length > ushort.MaxValue)
        {
            rest = rest[..ushort.MaxValue];
        }

        var packet = new byte[Ipv6Header.Length + rest.Length];
        Ipv6Header.Write(packet, IpAddress.Parse("2001:db8::1"), IpAddress.Parse("2001:db8::2"), input[0], rest.Length);
        rest.CopyTo(packet.AsSpan(Ipv6Header.Length));
        FuzzInput.Check(Ipv6Header.TryRead(packet, out var ip), "a well-formed fixed header is read");
        if (ip.TryFindUpperLayer(out _, out var offset, out _))
        {
            FuzzInput.Check(offset >= Ipv6Header.Length && offset <= packet.Length, "the upper layer starts inside the packet");
        }
    }
}
