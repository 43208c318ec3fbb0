using System.Collections.Immutable;
using System.Globalization;
using Hnv.Policy.Model;
using Hnv.Policy.Validation;
using Hnv.Wire.Addressing;

namespace Hnv.Client.Gateway;

/// <summary>
/// Reads one served routing domain (<see cref="GatewayDomainConfig"/>) into a <see cref="GatewayDomain"/>, adding a
/// problem for every wrong field under <c>path</c>. The one reader of the gateway's file and the controller's
/// /gateways/{name}/domains, so both accept the same.
/// </summary>
public static class GatewayDomainReader
{
    /// <summary>The domain, or null with its problems added.</summary>
    public static GatewayDomain? Read(GatewayDomainConfig? domain, string path, List<PolicyProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (domain is null)
        {
            problems.Add(new(path, "The domain is null; expected an object with routingDomain and mode."));
            return null;
        }

        var at = path.Length == 0 ? "" : path + ".";
        var before = problems.Count;
        if (!Rdid.TryParse(domain.RoutingDomain, out var rdid))
        {
            problems.Add(new($"{at}routingDomain", $"'{domain.RoutingDomain}' is not an RDID (a GUID)."));
        }

        GatewayMode? mode = domain.Mode switch
        {
            null or "nat" => GatewayMode.Nat,
            "forward" => GatewayMode.Forward,
            _ => null,
        };
        if (mode is null)
        {
            problems.Add(new($"{at}mode", $"'{domain.Mode}' is not a gateway mode; expected \"nat\" (the default) or \"forward\"."));
        }

        var externalAddresses = domain.ExternalAddresses ?? [];
        var forwardItems = domain.Forwards ?? [];
        var addresses = ImmutableArray.CreateBuilder<IpAddress>();
        for (var i = 0; i < externalAddresses.Count; i++)
        {
            var text = externalAddresses[i];
            if (!IpAddress.TryParse(text, out var address) || !address.IsV4 || address.IsUnspecified || address.IsMulticast || address.IsLimitedBroadcast)
            {
                problems.Add(new($"{at}externalAddresses[{i}]", $"'{text}' is not a unicast IPv4 address (NAT is IPv4 here)."));
            }
            else if (addresses.Contains(address))
            {
                problems.Add(new($"{at}externalAddresses[{i}]", $"The address {address} is listed twice; list each once."));
            }
            else
            {
                addresses.Add(address);
            }
        }

        if (mode == GatewayMode.Nat && externalAddresses.Count == 0)
        {
            problems.Add(new($"{at}externalAddresses", "A nat domain needs at least one external address to leave from."));
        }

        if (mode == GatewayMode.Forward && (externalAddresses.Count > 0 || forwardItems.Count > 0))
        {
            problems.Add(new($"{at}mode", "A forward domain is routed unchanged: it takes no externalAddresses and no forwards."));
        }

        var forwards = ImmutableArray.CreateBuilder<PortForward>();
        var seen = new HashSet<(string, int)>();
        for (var i = 0; i < forwardItems.Count; i++)
        {
            if (ReadForward(forwardItems[i], $"{at}forwards[{i}]", problems) is not { } forward)
            {
                continue;
            }

            if (!seen.Add((forward.Protocol, forward.Port)))
            {
                problems.Add(new($"{at}forwards[{i}]", $"{forward.Protocol} port {forward.Port} is already forwarded; an external port leads to one VM."));
            }

            forwards.Add(forward);
        }

        return problems.Count > before ? null : new GatewayDomain(rdid, mode!.Value, addresses.ToImmutable(), forwards.ToImmutable());
    }

    /// <summary>One port forward, or null with its problems added.</summary>
    public static PortForward? ReadForward(PortForwardConfig? forward, string path, List<PolicyProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (forward is null)
        {
            problems.Add(new(path, "The forward is null; expected protocol, port and to."));
            return null;
        }

        var at = path.Length == 0 ? "" : path + ".";
        var before = problems.Count;
        if (forward.Protocol is not ("tcp" or "udp"))
        {
            problems.Add(new($"{at}protocol", $"'{forward.Protocol}' is not a protocol that has ports; expected \"tcp\" or \"udp\"."));
        }

        if (forward.Port is not (>= 1 and <= 65535))
        {
            problems.Add(new($"{at}port", $"{forward.Port?.ToString(CultureInfo.InvariantCulture) ?? "A missing port"} is not a port; expected 1 to 65535."));
        }

        if (forward.ToPort is { } toPort && toPort is not (>= 1 and <= 65535))
        {
            problems.Add(new($"{at}toPort", $"{toPort} is not a port; expected 1 to 65535."));
        }

        if (!IpAddress.TryParse(forward.To, out var to) || !to.IsV4 || to.IsUnspecified || to.IsMulticast || to.IsLimitedBroadcast)
        {
            problems.Add(new($"{at}to", $"'{forward.To}' is not a VM's IPv4 CA."));
        }

        return problems.Count > before ? null : new PortForward(forward.Protocol!, forward.Port!.Value, to, forward.ToPort ?? forward.Port!.Value);
    }
}
