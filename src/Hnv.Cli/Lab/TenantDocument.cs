namespace Hnv.Cli.Lab;

/// <summary>A routing domain (a tenant) as written: a name and its virtual subnets.</summary>
internal sealed class TenantDocument
{
    public string? Name { get; set; }

    public List<SubnetDocument?>? Subnets { get; set; }
}
