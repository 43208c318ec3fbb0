using System.Net;
using System.Net.NetworkInformation;
using System.Text.Json;

namespace Hnv.Linux.Links;

/// <summary>
/// What the kernel knows about reaching addresses on the underlay: the route (interface and gateway) and the
/// neighbour entry (the next hop's MAC). Read through iproute2's JSON, so it belongs on a control thread that
/// caches the answers, never on the packet path. <see cref="Solicit"/> makes the kernel resolve a next hop it
/// does not know yet (it sends ARP / neighbour solicitation for the probe).
/// </summary>
public static class NextHops
{
    /// <summary>
    /// The MACs of the next hops toward each of <paramref name="destinations"/> that leave through
    /// <paramref name="interfaceName"/>, with two processes whatever their number: every route lookup in one
    /// <c>ip -batch</c>, then the interface's whole neighbour table. Each destination maps to its next hop and that
    /// hop's MAC, or null for the MAC when the kernel has no usable entry (probe it with <see cref="Solicit"/>);
    /// destinations without a route through the interface are left out.
    /// </summary>
    public static IReadOnlyDictionary<IPAddress, (IPAddress NextHop, PhysicalAddress? Mac)> Resolve(IReadOnlyCollection<IPAddress> destinations,
        string interfaceName, string? networkNamespace = null)
    {
        var routes = new Dictionary<IPAddress, IPAddress>();
        if (destinations.Count > 0)
        {
            var output = IpCommand.RunBatch(networkNamespace, string.Concat(destinations.Select(d => $"route get {d}\n")));
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                using var document = JsonDocument.Parse(line);
                foreach (var route in document.RootElement.EnumerateArray())
                {
                    if (route.TryGetProperty("dst", out var dst) && route.TryGetProperty("dev", out var dev) && dev.GetString() == interfaceName
                        && IPAddress.TryParse(dst.GetString(), out var destination))
                    {
                        routes[destination] = route.TryGetProperty("gateway", out var gateway) ? IPAddress.Parse(gateway.GetString()!) : destination;
                    }
                }
            }
        }

        if (routes.Count == 0)
        {
            return new Dictionary<IPAddress, (IPAddress, PhysicalAddress?)>();
        }

        var macs = new Dictionary<IPAddress, PhysicalAddress>();
        using (var neighbours = JsonDocument.Parse(IpCommand.Run(networkNamespace, "-j", "neigh", "show", "dev", interfaceName)))
        {
            foreach (var entry in neighbours.RootElement.EnumerateArray())
            {
                if (Usable(entry) is { } mac && IPAddress.TryParse(entry.GetProperty("dst").GetString(), out var neighbour))
                {
                    macs[neighbour] = mac;
                }
            }
        }

        return routes.ToDictionary(r => r.Key, r => (r.Value, macs.GetValueOrDefault(r.Value)));
    }

    /// <summary>
    /// Has the kernel resolve <paramref name="neighbour"/>: one ICMP echo to it (root may send raw ICMP), which
    /// makes the kernel ARP / solicit for it first. Waits at most <paramref name="timeout"/>; the answer itself does not matter.
    /// </summary>
    public static void Solicit(IPAddress neighbour, TimeSpan timeout)
    {
        using var ping = new Ping();
        try
        {
            ping.Send(neighbour, (int)timeout.TotalMilliseconds);
        }
        catch (PingException)
        {
            // Unreachable or refused: the neighbour table says what came of it.
        }
    }

    /// <summary>A neighbour entry's MAC, unless it has none or is FAILED or INCOMPLETE.</summary>
    private static PhysicalAddress? Usable(JsonElement entry)
    {
        if (!entry.TryGetProperty("lladdr", out var lladdr) || !entry.TryGetProperty("dst", out _))
        {
            return null;
        }

        var unusable = entry.TryGetProperty("state", out var states) && states.EnumerateArray().Any(s => s.GetString() is "FAILED" or "INCOMPLETE");
        return unusable ? null : PhysicalAddress.Parse(lladdr.GetString()!.Replace(':', '-'));
    }
}
