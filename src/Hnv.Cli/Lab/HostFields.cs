namespace Hnv.Cli.Lab;

/// <summary>The mapping form of a <see cref="HostDocument"/>, read by YamlDotNet.</summary>
internal sealed class HostFields
{
    public string? Name { get; set; }

    public List<string?>? ProviderAddresses { get; set; }
}
