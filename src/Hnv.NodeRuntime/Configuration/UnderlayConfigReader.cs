using Hnv.Client.Agent;
using Hnv.Wire.Addressing;

namespace Hnv.NodeRuntime.Configuration;

/// <summary>Reads the underlay section every forwarding daemon's configuration has (agent, gateway).</summary>
public static class UnderlayConfigReader
{
    /// <summary>Validates <paramref name="underlay"/>; problems are added to <paramref name="problems"/> and null returned.</summary>
    public static UnderlaySettings? Validate(UnderlayConfig? underlay, List<ConfigProblem> problems)
    {
        var before = problems.Count;
        var mtu = underlay?.Mtu ?? 1500;
        if (mtu is < 1280 or > 65535)
        {
            problems.Add(new("underlay.mtu", $"The MTU {mtu} is out of range; expected 1280 to 65535 (1500, or 9000 with jumbo frames)."));
        }

        var io = underlay?.Io switch
        {
            null or "packet" => UnderlayIo.Packet,
            "raw" => UnderlayIo.Raw,
            var other => Invalid(problems, other),
        };

        IpAddress? v4 = null, v6 = null;
        var pas = underlay?.ProviderAddresses ?? [];
        for (var i = 0; i < pas.Count; i++)
        {
            var field = $"underlay.providerAddresses[{i}]";
            if (!IpAddress.TryParse(pas[i], out var pa))
            {
                problems.Add(new(field, $"'{pas[i]}' is not an IP address."));
            }
            else if ((pa.IsV6 ? v6 : v4) is not null)
            {
                problems.Add(new(field, $"A host has at most one {(pa.IsV6 ? "IPv6" : "IPv4")} PA; {pa} is a second one."));
            }
            else if (pa.IsV6)
            {
                v6 = pa;
            }
            else
            {
                v4 = pa;
            }
        }

        if (pas.Count == 0)
        {
            problems.Add(new("underlay.providerAddresses", "The host has no PA; give its IPv4 and/or IPv6 underlay address."));
        }

        return problems.Count > before ? null
            : new UnderlaySettings(underlay?.Interface ?? "eth0", mtu, v4, v6) { Io = io, Gso = underlay?.Gso ?? true };
    }

    private static UnderlayIo Invalid(List<ConfigProblem> problems, string io)
    {
        problems.Add(new("underlay.io", $"'{io}' is not an underlay I/O; expected \"packet\" (AF_PACKET, the default) or \"raw\" (raw GRE sockets)."));
        return UnderlayIo.Packet;
    }
}
