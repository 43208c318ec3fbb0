namespace Hnv.Policy.Documents;

/// <summary>A host's provider address as written; <see cref="Vlan"/> is optional (0–4094).</summary>
public sealed class ProviderAddressDocument
{
    public string? Host { get; set; }

    public string? Pa { get; set; }

    public int? PrefixLength { get; set; }

    public int? Vlan { get; set; }
}
