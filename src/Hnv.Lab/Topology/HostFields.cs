namespace Hnv.Lab.Topology;

/// <summary>The mapping form of a <see cref="HostDocument"/>, read by YamlDotNet.</summary>
public sealed class HostFields
{
    public string? Name { get; set; }

    public List<string?>? ProviderAddresses { get; set; }
}
