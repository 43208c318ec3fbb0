namespace Hnv.Lab.Topology;

/// <summary>A virtual subnet as written: <c>{ vsid: 5001, prefixes: [10.0.0.0/24, fd00:b::/64] }</c>.</summary>
public sealed class SubnetDocument
{
    public long? Vsid { get; set; }

    public string? Name { get; set; }

    public List<string?>? Prefixes { get; set; }
}
