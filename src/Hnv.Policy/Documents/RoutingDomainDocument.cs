namespace Hnv.Policy.Documents;

/// <summary>A routing domain as written: { "rdid": "GUID", "name": "..." }.</summary>
public sealed class RoutingDomainDocument
{
    public string? Rdid { get; set; }

    public string? Name { get; set; }
}
