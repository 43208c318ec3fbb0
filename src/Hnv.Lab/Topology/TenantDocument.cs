namespace Hnv.Lab.Topology;

/// <summary>A routing domain (a tenant) as written: a name and its virtual subnets.</summary>
public sealed class TenantDocument
{
    public string? Name { get; set; }

    public List<SubnetDocument?>? Subnets { get; set; }
}
