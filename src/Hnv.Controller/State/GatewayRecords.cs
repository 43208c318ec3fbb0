using Hnv.Policy.Model;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Controller.State;

/// <summary>
/// The GatewayWildcard record the controller derives for each IPv4 subnet of a served routing domain: CA 0.0.0.0, the
/// active gateway's PA, and a MAC of the subnet's own, 02:68:6e (locally administered, "hn") followed by the VSID, so
/// that failover changes only the PA. That MAC range is the controller's: no NIC or explicit record may use it.
/// </summary>
internal static class GatewayRecords
{
    private const ulong Prefix = 0x02_68_6E_00_00_00UL;

    public static MacAddress Mac(Vsid vsid) => new(Prefix | vsid.Value);

    /// <summary>Whether <paramref name="mac"/> lies in the range the controller keeps for gateway records.</summary>
    public static bool IsReserved(MacAddress mac) => (mac.Value & 0xFF_FF_FF_00_00_00UL) == Prefix;

    public static LookupRecordKey Key(Vsid vsid) => new(vsid, IpAddress.AnyV4);

    public static LookupRecord Record(Vsid vsid, IpAddress pa) =>
        new(IpAddress.AnyV4, vsid, Mac(vsid), pa, LookupRule.Encap, LookupRecordType.GatewayWildcard);
}
