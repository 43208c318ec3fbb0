using System.Collections.Immutable;
using System.Text.Json;
using Hnv.Client.Gateway;
using Hnv.NodeRuntime.Configuration;
using Hnv.Policy.Model;
using Hnv.Policy.Validation;
using Hnv.Wire.Addressing;

namespace Hnv.Gateway.Configuration;

/// <summary>Reads and validates the gateway's configuration, reporting every problem with its field.</summary>
public static class GatewayConfigReader
{
    private const int MaxPrefixLength = 64;

    /// <summary>Reads <paramref name="path"/>; throws <see cref="ConfigException"/> listing every problem.</summary>
    public static GatewaySettings Read(string path)
    {
        GatewayConfig? config;
        try
        {
            using var stream = File.OpenRead(path);
            config = JsonSerializer.Deserialize(stream, GatewayJsonContext.Default.GatewayConfig);
        }
        catch (JsonException e)
        {
            throw new ConfigException(path, [new ConfigProblem(e.Path ?? "$", $"The file is not valid configuration JSON: {e.Message}")]);
        }
        catch (IOException e)
        {
            throw new ConfigException(path, [new ConfigProblem("$", $"The file cannot be read: {e.Message}")]);
        }

        if (config is null)
        {
            throw new ConfigException(path, [new ConfigProblem("$", "The file holds null; expected an object with host, underlay, a policy source, external and domains.")]);
        }

        var problems = new List<ConfigProblem>();
        var settings = Validate(config, problems);
        return problems.Count == 0 ? settings! : throw new ConfigException(path, problems);
    }

    /// <summary>Validates a configuration; problems are added to <paramref name="problems"/>.</summary>
    public static GatewaySettings? Validate(GatewayConfig config, List<ConfigProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(config.Name))
        {
            problems.Add(new("name", "The gateway's name is missing; the controller knows its PA and credential by it."));
        }

        var underlay = UnderlayConfigReader.Validate(config.Underlay, problems);
        var controller = ControllerConfigReader.Validate(config.Name, config.PolicyFile, config.Controller, problems);
        var external = config.External?.Interface;
        if (!IsInterfaceName(external) || external!.StartsWith("hx", StringComparison.Ordinal) || external.StartsWith("hi", StringComparison.Ordinal))
        {
            problems.Add(new("external.interface", $"'{external}' is not a usable interface name; give the external interface (1 to 15 letters, digits, '-', '_' or '.', not starting with hx or hi, which the gateway's own links use)."));
        }
        else if (external == (config.Underlay?.Interface ?? "eth0"))
        {
            problems.Add(new("external.interface", $"'{external}' is the underlay's interface; the outside must be another, or the gateway would route between the outside and the underlay."));
        }

        IpAddress? router = null;
        if (config.External?.Router is { } routerText)
        {
            if (IpAddress.TryParse(routerText, out var parsed) && parsed.IsV4 && !parsed.IsUnspecified)
            {
                router = parsed;
            }
            else
            {
                problems.Add(new("external.router", $"'{routerText}' is not an IPv4 router address."));
            }
        }

        if (config.ApiSocket is { } socket && !Path.IsPathFullyQualified(socket))
        {
            problems.Add(new("apiSocket", $"'{socket}' is not an absolute path."));
        }

        var prefix = config.ContextPrefix ?? $"{config.Name}-";
        if (prefix.Length is 0 or > MaxPrefixLength || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            problems.Add(new("contextPrefix", $"'{prefix}' cannot start namespace names; use 1 to {MaxPrefixLength} letters, digits, '-', '_' or '.'."));
        }

        var domains = ImmutableArray.CreateBuilder<GatewayDomain>();
        var seen = new HashSet<Rdid>();
        var forwarded = new HashSet<(IpAddress, string, int)>();
        var domainItems = config.Domains ?? [];
        if (domainItems.Count > Contexts.ContextLayout.MaxDomains)
        {
            problems.Add(new("domains", $"{domainItems.Count} domains are more than one gateway's transit space holds ({Contexts.ContextLayout.MaxDomains})."));
        }

        if (controller is not null && domainItems.Count > 0)
        {
            problems.Add(new("domains", "With a controller, the domains a gateway serves come from it (hnv gateway domain add); list domains here only with policyFile."));
        }

        for (var i = 0; i < domainItems.Count; i++)
        {
            if (ValidateDomain(domainItems[i], $"domains[{i}]", seen, forwarded, problems) is { } domain)
            {
                domains.Add(domain);
            }
        }

        var bgp = config.Bgp is null ? null : ValidateBgp(config.Bgp, config.Name, underlay?.ProviderAddressV4, problems);
        var metrics = MetricsConfigReader.Validate(config.Metrics, problems);
        return problems.Count > 0 ? null
            : new GatewaySettings(config.Name!, underlay!, controller is null ? config.PolicyFile : null, controller, external!, router, prefix, domains.ToImmutable())
            {
                Bgp = bgp,
                ApiSocket = config.ApiSocket ?? $"/run/hnv/{config.Name}.gateway.sock",
                Metrics = metrics,
            };
    }

    private static BgpSettings? ValidateBgp(BgpConfig bgp, string? name, IpAddress? pa, List<ConfigProblem> problems)
    {
        var before = problems.Count;
        if (bgp.Asn is not (>= 1 and <= 4294967294))
        {
            problems.Add(new("bgp.asn", $"{bgp.Asn?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "A missing AS number"} is not an AS number; expected 1 to 4294967294 (64512-65534 and 4200000000-4294967294 are private)."));
        }

        IpAddress routerId = default;
        if (bgp.RouterId is { } text ? !IpAddress.TryParse(text, out routerId) || !routerId.IsV4 : pa is null)
        {
            problems.Add(new("bgp.routerId", $"'{bgp.RouterId}' is not an IPv4 router id (the default, the gateway's IPv4 PA, is missing too)."));
        }
        else if (bgp.RouterId is null)
        {
            routerId = pa!.Value;
        }

        var neighborItems = bgp.Neighbors ?? [];
        if (neighborItems.Count == 0)
        {
            problems.Add(new("bgp.neighbors", "BGP needs at least one neighbor to announce to."));
        }

        var neighbors = ImmutableArray.CreateBuilder<BgpNeighbor>();
        for (var i = 0; i < neighborItems.Count; i++)
        {
            var neighbor = neighborItems[i];
            if (!IpAddress.TryParse(neighbor?.Address, out var address) || !address.IsV4 || address.IsUnspecified || address.IsMulticast)
            {
                problems.Add(new($"bgp.neighbors[{i}].address", $"'{neighbor?.Address}' is not a neighbor's IPv4 address."));
            }
            else if (neighbor.Asn is not (>= 1 and <= 4294967294))
            {
                problems.Add(new($"bgp.neighbors[{i}].asn", "The neighbor's AS number must be 1 to 4294967294."));
            }
            else
            {
                neighbors.Add(new BgpNeighbor(address, (uint)neighbor.Asn.Value));
            }
        }

        var directory = bgp.Directory ?? $"/run/hnv/{name}/frr";
        if (!Path.IsPathFullyQualified(directory))
        {
            problems.Add(new("bgp.directory", $"'{directory}' is not an absolute path."));
        }

        return problems.Count > before ? null : new BgpSettings((uint)bgp.Asn!.Value, routerId, neighbors.ToImmutable(), directory);
    }

    private static GatewayDomain? ValidateDomain(GatewayDomainConfig? item, string path, HashSet<Rdid> seen, HashSet<(IpAddress, string, int)> forwarded, List<ConfigProblem> problems)
    {
        var found = new List<PolicyProblem>();
        var domain = GatewayDomainReader.Read(item, path, found);
        problems.AddRange(found.Select(p => new ConfigProblem(p.Field, p.Message)));
        if (domain is null)
        {
            return null;
        }

        if (!seen.Add(domain.Rdid))
        {
            problems.Add(new($"{path}.routingDomain", $"The routing domain {domain.Rdid} is already served by an earlier entry; give each domain once."));
            return null;
        }

        for (var i = 0; i < domain.Forwards.Length; i++)
        {
            var forward = domain.Forwards[i];
            if (!domain.ExternalAddresses.IsEmpty && !forwarded.Add((domain.ExternalAddresses[0], forward.Protocol, forward.Port)))
            {
                problems.Add(new($"{path}.forwards[{i}]", $"{forward.Protocol} port {forward.Port} of {domain.ExternalAddresses[0]} is already forwarded; an external port leads to one VM."));
                return null;
            }
        }

        return domain;
    }

    /// <summary>A Linux interface name the gateway can put into its ip and nft scripts as it is.</summary>
    private static bool IsInterfaceName(string? name) =>
        name is { Length: > 0 and <= 15 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
