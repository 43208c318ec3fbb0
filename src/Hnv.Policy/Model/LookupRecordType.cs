namespace Hnv.Policy.Model;

/// <summary>The kind of a lookup record.</summary>
public enum LookupRecordType
{
    /// <summary>An ordinary record: this CA of this VSID lives behind this MAC and PA.</summary>
    Static,

    /// <summary>A record used for layer 2 (MAC) resolution only; its CA need not lie in a prefix of the subnet.</summary>
    L2Only,

    /// <summary>
    /// The HNV gateway record: CA 0.0.0.0 or ::, meaning "any CA of this VSID with no record of its own
    /// goes to this MAC and PA".
    /// </summary>
    GatewayWildcard,
}
