namespace Hnv.Policy.Documents;

/// <summary>
/// A virtual subnet as written. <see cref="Gateways"/> is optional: one address per prefix, by default
/// the prefix's first host (10.0.0.1 for 10.0.0.0/24).
/// </summary>
public sealed class VirtualSubnetDocument
{
    public long? Vsid { get; set; }

    public string? Rdid { get; set; }

    public string? Name { get; set; }

    public List<string>? Prefixes { get; set; }

    public List<string>? Gateways { get; set; }
}
