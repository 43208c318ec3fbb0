namespace Hnv.Policy.Documents;

/// <summary>
/// A lookup record as written. <see cref="Rule"/> is "Encap" (default) or "Translate";
/// <see cref="Type"/> is "Static" (default), "L2Only" or "GatewayWildcard".
/// </summary>
public sealed class LookupRecordDocument
{
    public string? Ca { get; set; }

    public long? Vsid { get; set; }

    public string? Mac { get; set; }

    public string? Pa { get; set; }

    public string? Rule { get; set; }

    public string? Type { get; set; }
}
