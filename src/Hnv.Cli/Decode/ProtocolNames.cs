using System.Globalization;
using Hnv.Wire.Ethernet;

namespace Hnv.Cli.Decode;

/// <summary>How `hnv decode` names IP protocols and EtherTypes.</summary>
internal static class ProtocolNames
{
    /// <summary>The EtherType as "0x0800".</summary>
    public static string EtherTypeHex(ushort etherType) => "0x" + etherType.ToString("x4", CultureInfo.InvariantCulture);

    /// <summary>"ipv4", "ipv6", "arp", else the hex number.</summary>
    public static string EtherType(ushort etherType) => etherType switch
    {
        EtherTypes.Ipv4 => "ipv4",
        EtherTypes.Ipv6 => "ipv6",
        EtherTypes.Arp => "arp",
        _ => EtherTypeHex(etherType),
    };
}
