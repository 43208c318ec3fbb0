using System.Net;
using System.Net.NetworkInformation;
using System.Text.Json;

namespace Hnv.Linux.Links;

/// <summary>
/// What the kernel knows about reaching an address on the underlay: the route (interface and gateway) and the
/// neighbour entry (the next hop's MAC). Read through iproute2's JSON, so it belongs on a control thread that
/// caches the answers, never on the packet path. <see cref="Solicit"/> makes the kernel resolve a next hop it
/// does not know yet (it sends ARP / neighbour solicitation for the probe).
/// </summary>
public static class NextHops
{
    /// <summary>The route to <paramref name="destination"/>: its interface and the next hop (the gateway, or the destination when on-link); null when there is none.</summary>
    public static (string Interface, IPAddress NextHop)? Route(IPAddress destination, string? networkNamespace = null)
    {
        string json;
        try
        {
            json = IpCommand.Run(networkNamespace, "-j", "route", "get", destination.ToString());
        }
        catch (LinuxException)
        {
            return null; // "Network is unreachable" and the like
        }

        using var document = JsonDocument.Parse(json);
        if (document.RootElement.GetArrayLength() == 0)
        {
            return null;
        }

        var route = document.RootElement[0];
        if (!route.TryGetProperty("dev", out var dev))
        {
            return null;
        }

        var nextHop = route.TryGetProperty("gateway", out var gateway) ? IPAddress.Parse(gateway.GetString()!) : destination;
        return (dev.GetString()!, nextHop);
    }

    /// <summary>The MAC of <paramref name="neighbour"/> on <paramref name="interfaceName"/> if the kernel has a usable entry (not FAILED or INCOMPLETE).</summary>
    public static PhysicalAddress? Neighbour(IPAddress neighbour, string interfaceName, string? networkNamespace = null)
    {
        var json = IpCommand.Run(networkNamespace, "-j", "neigh", "show", "to", neighbour.ToString(), "dev", interfaceName);
        using var document = JsonDocument.Parse(json);
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            if (!entry.TryGetProperty("lladdr", out var lladdr))
            {
                continue;
            }

            var unusable = entry.TryGetProperty("state", out var states)
                && states.EnumerateArray().Any(s => s.GetString() is "FAILED" or "INCOMPLETE");
            if (!unusable)
            {
                return PhysicalAddress.Parse(lladdr.GetString()!.Replace(':', '-'));
            }
        }

        return null;
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
}
