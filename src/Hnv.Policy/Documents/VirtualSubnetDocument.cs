using System.Text.Json.Serialization;

namespace Hnv.Policy.Documents;

/// <summary>
/// A virtual subnet as written. <see cref="DefaultRouters"/> is optional: one address per prefix, by default
/// the prefix's first host (10.0.0.1 for 10.0.0.0/24), which every host answers for as the subnet's router.
/// </summary>
public sealed class VirtualSubnetDocument
{
    private List<string>? _defaultRouters;
    private List<string>? _legacyGateways;

    public long? Vsid { get; set; }

    public string? Rdid { get; set; }

    public string? Name { get; set; }

    public List<string>? Prefixes { get; set; }

    public List<string>? DefaultRouters
    {
        get => _defaultRouters ?? _legacyGateways;
        set => _defaultRouters = value;
    }

    /// <summary>
    /// Deprecated: the name <see cref="DefaultRouters"/> had before "gateway" came to mean only the gateway node.
    /// Read, so policy files and stored rows written before still load; never written.
    /// </summary>
    [JsonPropertyName("gateways")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? LegacyGateways
    {
        get => null;
        set => _legacyGateways = value;
    }

    /// <summary>Both names were given: the reader refuses that rather than pick one.</summary>
    internal bool HasBothRouterNames => _defaultRouters is not null && _legacyGateways is not null;
}
