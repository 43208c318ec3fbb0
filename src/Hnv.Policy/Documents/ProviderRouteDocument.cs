namespace Hnv.Policy.Documents;

/// <summary>An underlay route of a host as written; <see cref="Metric"/> defaults to 256.</summary>
public sealed class ProviderRouteDocument
{
    public string? Host { get; set; }

    public string? Destination { get; set; }

    public string? NextHop { get; set; }

    public int? Metric { get; set; }
}
